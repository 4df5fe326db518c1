package dev.paperdigest.notify.matching;

/** Fired when a consumer transaction recorded new matches; observed after commit to wake the mailer. */
public record MatchesRecorded(String paperId, int count) {
}
