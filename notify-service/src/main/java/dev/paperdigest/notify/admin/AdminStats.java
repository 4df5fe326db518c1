package dev.paperdigest.notify.admin;

import java.util.List;

/**
 * Counts for operators.
 *
 * @param subscribers           all subscribers, whatever their status
 * @param subscribersSuppressed ACTIVE subscribers whose address the mail server refused for good (no more mail)
 * @param distinctQueries       distinct topic queries stored (shared by every topic that normalizes to them)
 * @param registeredQueries     distinct queries registered in this instance's matcher (those of ACTIVE subscribers)
 * @param matchedPapers         papers that matched at least one registered query
 * @param digestsPending        digests assembled and not sent yet (waiting or being retried)
 * @param signupsWaiting        sign-ups stored and not applied yet (applied within moments)
 * @param accountMailsPending   confirmation and "subscribed already" mails not sent yet
 * @param lastSendErrors        the latest SMTP errors of digests still being retried or given up (newest first)
 */
public record AdminStats(long subscribers, long subscribersPending, long subscribersActive,
        long subscribersUnsubscribed, long subscribersSuppressed, long topics, long distinctQueries,
        long registeredQueries, long papers, long matchedPapers, long digestsSent, long digestsPending,
        long digestsFailed, long signupsWaiting, long accountMailsPending, List<String> lastSendErrors) {
}
