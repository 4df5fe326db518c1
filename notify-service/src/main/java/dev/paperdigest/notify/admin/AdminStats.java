package dev.paperdigest.notify.admin;

/**
 * Counts for operators.
 *
 * @param subscribers        all subscribers, whatever their status
 * @param distinctQueries    distinct topic queries stored (shared by every topic that normalizes to them)
 * @param registeredQueries  distinct queries registered in this instance's matcher (those of ACTIVE subscribers)
 * @param accountMailsPending confirmation and "subscribed already" mails not sent yet
 */
public record AdminStats(long subscribers, long subscribersPending, long subscribersActive,
        long subscribersUnsubscribed, long topics, long distinctQueries, long registeredQueries, long papers,
        long matches, long mailsSent, long mailsPending, long mailsFailed, long accountMailsPending) {
}
