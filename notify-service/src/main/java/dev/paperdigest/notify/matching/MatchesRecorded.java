package dev.paperdigest.notify.matching;

/**
 * Fired when a consumer transaction recorded matches that made INSTANT digests due; observed after commit to wake
 * the digest scheduler.
 *
 * @param papers                  papers matched in that transaction
 * @param instantDigestsScheduled INSTANT subscribers whose next digest these papers scheduled
 */
public record MatchesRecorded(int papers, int instantDigestsScheduled) {
}
