package dev.paperdigest.notify.subscription;

import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * Body of PUT /api/subscriptions/me (and of the manage page's form): what to change. A member left out (null) stays
 * as it is; topics, when given, replace all topics.
 */
public record SubscriptionUpdate(
        @Size(min = 1, max = SubscriptionFields.MAX_TOPICS)
        List<@TopicText String> topics,

        @ScheduleConstraints.FrequencyName
        String frequency,

        @IanaTimeZone
        String timezone,

        @ScheduleConstraints.SendHour
        Integer sendHour,

        @ScheduleConstraints.WeekdayName
        String weekday) {
}
