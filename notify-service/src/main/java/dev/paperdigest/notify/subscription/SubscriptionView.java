package dev.paperdigest.notify.subscription;

import java.time.DayOfWeek;
import java.time.Instant;
import java.util.List;

/**
 * A subscription as its owner sees it (GET /api/subscriptions/me, the manage page), with what answers "why no mail
 * today?": when the last mail went out, when the next one is due, and how many matches wait for it.
 *
 * @param nextMailDue the next DAILY or WEEKLY send time; null for INSTANT (mailed as papers match) and for
 *                    subscriptions that get no mail (PENDING, UNSUBSCRIBED)
 */
public record SubscriptionView(String email, SubscriberStatus status, List<String> topics, Frequency frequency,
        String timezone, int sendHour, DayOfWeek weekday, Instant confirmedAt, Instant lastMailSentAt,
        Instant nextMailDue, long matchesWaiting) {
}
