package dev.paperdigest.ingest.paper;

/** What storing one reported paper did. */
public enum StoreOutcome {
    /** Not seen before: stored and queued for publication on papers.new. */
    NEW,
    /** Stored before: what the report added was merged in, nothing is published. */
    ALREADY_KNOWN,
    /**
     * A newer version of a paper (or arXiv's announcement of a replacement): recorded, never announced. A
     * replacement of a paper not stored yet is stored silently, so that no later report announces it as new.
     */
    REVISED
}
