package dev.paperdigest.ingest.source;

/**
 * One feed entry that was readable but not a valid paper (no arXiv id, no title, bad date...).
 * Reported instead of silently dropped so that a run can count "skipped as invalid" with reasons.
 *
 * @param position 1-based position of the entry in the feed
 * @param rawId    the id as the feed wrote it, null if it had none
 * @param reason   why it was skipped
 */
public record SkippedEntry(int position, String rawId, String reason) {

    @Override
    public String toString() {
        return "entry " + position + (rawId == null ? "" : " (" + rawId + ")") + ": " + reason;
    }
}
