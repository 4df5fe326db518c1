package dev.paperdigest.ingest.event;

/** The topic new papers are announced on; the channel that writes it has the same name. */
public final class PapersTopic {

    public static final String NAME = "papers.new";

    private PapersTopic() {
    }
}
