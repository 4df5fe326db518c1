package dev.paperdigest.notify.event;

/**
 * A papers.new record that was read and checked: its CloudEvent id, its payload, and whether a backfill announced it
 * (CloudEvent extension {@code backfill}: the paper is stored for previews and matched for nobody).
 */
public record ReceivedPaperEvent(String eventId, NewPaperEvent paper, boolean backfill) {
}
