package dev.paperdigest.notify.event;

/** A papers.new record that was read and checked: its CloudEvent id and its payload. */
public record ReceivedPaperEvent(String eventId, NewPaperEvent paper) {
}
