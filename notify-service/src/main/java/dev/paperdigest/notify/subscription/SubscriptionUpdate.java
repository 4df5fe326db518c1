package dev.paperdigest.notify.subscription;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * Body of PUT /api/subscriptions/me (and of the manage page's form): what to change. A member left out (null) stays
 * as it is; topics, when given, replace all topics.
 */
public record SubscriptionUpdate(
        @Size(min = 1, max = SubscriptionFields.MAX_TOPICS)
        List<@TopicText String> topics,

        @Pattern(regexp = SubscriptionFields.FREQUENCY, message = "must be INSTANT, DAILY or WEEKLY")
        String frequency,

        @Size(max = 64)
        @IanaTimeZone
        String timezone,

        @Min(0) @Max(23)
        Integer sendHour,

        @Pattern(regexp = SubscriptionFields.WEEKDAY, message = "must be a day of the week in capitals, e.g. MONDAY")
        String weekday) {
}
