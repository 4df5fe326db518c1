package dev.paperdigest.notify.subscription;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/** When a subscriber wants mail: frequency, and for DAILY and WEEKLY the hour (and weekday) in their zone. */
public record Schedule(Frequency frequency, String timezone, int sendHour, DayOfWeek weekday) {

    public static final Schedule DEFAULT = new Schedule(Frequency.DAILY, "UTC", 8, DayOfWeek.MONDAY);

    /** This schedule with the members that are given (validated values; null keeps the current one). */
    public Schedule with(String frequency, String timezone, Integer sendHour, String weekday) {
        return new Schedule(
                frequency == null ? this.frequency : Frequency.valueOf(frequency),
                timezone == null ? this.timezone : timezone,
                sendHour == null ? this.sendHour : sendHour,
                weekday == null ? this.weekday : DayOfWeek.valueOf(weekday));
    }

    /**
     * The first DAILY or WEEKLY send time after {@code now}: the send hour on the next day (or weekday) in the
     * subscriber's zone. An hour skipped by a DST change sends at the first instant after the gap, an hour that
     * occurs twice at its first occurrence. Empty for INSTANT.
     */
    public Optional<Instant> nextSendAfter(Instant now) {
        if (frequency == Frequency.INSTANT) {
            return Optional.empty();
        }
        ZoneId zone = ZoneId.of(timezone);
        LocalDate day = now.atZone(zone).toLocalDate();
        for (int i = 0; i <= 8; i++, day = day.plusDays(1)) {
            if (frequency == Frequency.WEEKLY && day.getDayOfWeek() != weekday) {
                continue;
            }
            Instant send = ZonedDateTime.of(day, LocalTime.of(sendHour, 0), zone).toInstant();
            if (send.isAfter(now)) {
                return Optional.of(send);
            }
        }
        throw new IllegalStateException("no send time within 8 days of " + now);
    }

    static Schedule of(Subscriber subscriber) {
        return new Schedule(subscriber.frequency, subscriber.timezone, subscriber.sendHour, subscriber.weekday);
    }
}
