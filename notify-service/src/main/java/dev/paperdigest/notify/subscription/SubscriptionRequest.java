package dev.paperdigest.notify.subscription;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * Body of POST /api/subscriptions (and of the subscribe page's form). Schedule fields left out take their defaults
 * (DAILY at 8 o'clock UTC, weekly on Monday).
 *
 * @param email     where mails go: a dot-atom local part and no control or format character anywhere (it becomes a
 *                  mail header)
 * @param topics    1 to 20 queries (see docs/query-syntax.md)
 * @param frequency INSTANT, DAILY or WEEKLY
 * @param timezone  IANA zone of sendHour and weekday
 * @param sendHour  0 to 23, the hour of a DAILY or WEEKLY mail
 * @param weekday   the day of a WEEKLY mail
 */
public record SubscriptionRequest(
        @NotBlank
        @Size(max = 254)
        @Email(regexp = SubscriptionFields.EMAIL_SHAPE, message = "must be a well-formed email address")
        String email,

        @NotNull
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

    /** The schedule asked for, defaults filled in. */
    public Schedule schedule() {
        return Schedule.DEFAULT.with(frequency, timezone, sendHour, weekday);
    }
}
