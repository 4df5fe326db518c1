package dev.paperdigest.notify.subscription;

import java.time.DayOfWeek;
import java.time.Instant;
import java.util.List;

/**
 * A subscription as its owner sees it (GET /api/subscriptions/me, the manage page), with what answers "why no mail
 * today?": when the last mail went out, when the next one is due, and how many matches wait for it.
 *
 * @param nextMailDue      the next DAILY or WEEKLY send time, or when the waiting INSTANT digest goes out; null
 *                         when nothing is due (PENDING, UNSUBSCRIBED, INSTANT with nothing waiting)
 * @param matchesWaiting   papers matched and not mailed yet
 * @param suppressedReason why no more mail goes to this address (refused for good by its mail server), or null
 */
public record SubscriptionView(String email, SubscriberStatus status, List<String> topics, Frequency frequency,
        String timezone, int sendHour, DayOfWeek weekday, Instant confirmedAt, Instant lastMailSentAt,
        Instant nextMailDue, long matchesWaiting, String suppressedReason) {
}
