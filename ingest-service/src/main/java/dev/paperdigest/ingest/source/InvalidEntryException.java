package dev.paperdigest.ingest.source;

/** Thrown while building one entry that is not a valid paper; the parser turns it into a {@link SkippedEntry}. */
public class InvalidEntryException extends Exception {

    private static final long serialVersionUID = 1L;

    public InvalidEntryException(String reason) {
        super(reason);
    }
}
