package dev.paperdigest.notify.matching;

/**
 * Fired when a consumer transaction recorded matches that made INSTANT digests due; observed after commit to wake
 * the digest scheduler.
 *
 * @param instantDigestsScheduled INSTANT subscribers whose next digest this paper scheduled
 */
public record MatchesRecorded(String paperId, int instantDigestsScheduled) {
}
