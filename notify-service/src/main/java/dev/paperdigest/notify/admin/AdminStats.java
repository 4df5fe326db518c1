package dev.paperdigest.notify.admin;

/** Counts for operators. */
public record AdminStats(long subscribers, long topics, long papers, long matches, long mailsSent, long mailsPending,
        long mailsFailed) {
}
