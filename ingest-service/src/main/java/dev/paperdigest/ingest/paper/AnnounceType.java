package dev.paperdigest.ingest.paper;

import java.util.Locale;
import java.util.Optional;

/** How arXiv's RSS announces an item: only NEW and CROSS are papers new to the world. */
public enum AnnounceType {
    NEW("new"),
    CROSS("cross"),
    REPLACE("replace"),
    REPLACE_CROSS("replace-cross");

    private final String feedValue;

    AnnounceType(String feedValue) {
        this.feedValue = feedValue;
    }

    /** The spelling in {@code <arxiv:announce_type>}. */
    public String feedValue() {
        return feedValue;
    }

    /** A replacement is a new version of a paper announced before: record it, never re-announce it. */
    public boolean isRevision() {
        return this == REPLACE || this == REPLACE_CROSS;
    }

    public static Optional<AnnounceType> fromFeedValue(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String wanted = value.strip().toLowerCase(Locale.ROOT);
        for (AnnounceType type : values()) {
            if (type.feedValue.equals(wanted)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
