package dev.paperdigest.notify.event;

import dev.paperdigest.notify.OneLineText;

import java.sql.SQLException;
import java.util.Optional;

/**
 * Recognises a database error that no retry can cure because the data itself is refused: SQLState class 22 (data
 * exception: a value too long, a character the encoding refuses, a date out of range) and class 23 (integrity
 * constraint violation). One exception: 23503 (foreign key) is left to the retry, because the consumer writes no
 * foreign key of its own making; it can only meet one when a subscriber is deleted while its matches are being
 * recorded, and the next attempt no longer sees that subscriber's topics.
 */
final class RefusedData {

    private static final String FOREIGN_KEY_VIOLATION = "23503";
    private static final int MAX_CAUSES = 20;

    private RefusedData() {
    }

    /** The reason for the dead-letter topic when {@code failure} (or a cause of it) is such an error. */
    static Optional<String> reason(Throwable failure) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < MAX_CAUSES; depth++, cause = cause.getCause()) {
            if (cause instanceof SQLException sql && isPermanent(sql.getSQLState())) {
                return Optional.of("refused by the database (SQLState " + sql.getSQLState() + "): "
                        + OneLineText.of(sql.getMessage(), 300));
            }
        }
        return Optional.empty();
    }

    static boolean isPermanent(String sqlState) {
        return sqlState != null && (sqlState.startsWith("22")
                || (sqlState.startsWith("23") && !FOREIGN_KEY_VIOLATION.equals(sqlState)));
    }
}
