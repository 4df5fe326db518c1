package dev.paperdigest.notify.event;

/** The papers.new topic: channel name = topic name, reused by the consumer and the tests. */
public final class PapersTopic {

    /** Topic and channel of new papers. */
    public static final String NAME = "papers.new";

    /** Where records that cannot be read end up, with the reason in the {@code dead-letter-reason} header. */
    public static final String DEAD_LETTER = "papers.new.dlq";

    /** The CloudEvent type of version 1 of the payload. */
    public static final String EVENT_TYPE_V1 = "dev.paperdigest.paper.new.v1";

    private PapersTopic() {
    }
}
