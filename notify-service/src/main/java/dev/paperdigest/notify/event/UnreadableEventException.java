package dev.paperdigest.notify.event;

/**
 * A papers.new record that can never be processed, however often it is redelivered. Its message is the reason
 * that goes with the record to the dead-letter topic.
 */
public class UnreadableEventException extends RuntimeException {

    public UnreadableEventException(String reason) {
        super(reason);
    }

    public UnreadableEventException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
