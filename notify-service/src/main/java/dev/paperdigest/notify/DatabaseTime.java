package dev.paperdigest.notify;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.sql.Timestamp;

/** A {@code timestamptz} value as native queries return it (the JDBC driver's type varies), as an Instant. */
public final class DatabaseTime {

    private DatabaseTime() {
    }

    /** null stays null. */
    public static Instant toInstant(Object timestamp) {
        if (timestamp == null || timestamp instanceof Instant) {
            return (Instant) timestamp;
        }
        if (timestamp instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        return ((Timestamp) timestamp).toInstant();
    }
}
