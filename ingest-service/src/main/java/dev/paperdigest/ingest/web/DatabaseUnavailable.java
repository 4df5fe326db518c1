package dev.paperdigest.ingest.web;



import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientException;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Recognises a failure that says nothing about the record or the request, only that the database cannot serve right
 * now: no connection (refused, reset, closed: SQLState class 08), the pool exhausted (Agroal's acquisition timeout),
 * the server shutting down or starting up (57P01-57P03), out of resources (class 53), a timeout, a failover that left
 * the connection on a read-only standby (25006), or a transaction that only has to be tried again (class 40:
 * serialization failure, deadlock; 55P03 lock not available). Such a failure is cured by waiting: requests get a
 * 503 with Retry-After. The same rules as notify-service's {@code DependencyUnavailable} (the services share no code):
 * keep the two alike.
 */
public final class DatabaseUnavailable {

    private static final int MAX_DEPTH = 20;
    private static final Set<String> SQL_STATES = Set.of("57P01", "57P02", "57P03", "25006", "55P03", "57014");
    private static final Set<String> SQL_STATE_CLASSES = Set.of("08", "53", "40", "58");

    private DatabaseUnavailable() {
    }

    /** Why the database is unavailable, when {@code failure} (or a cause of it) says so. */
    public static Optional<String> reason(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        return reason(failure, seen, 0);
    }

    private static Optional<String> reason(Throwable failure, Map<Throwable, Boolean> seen, int depth) {
        if (failure == null || depth > MAX_DEPTH || seen.put(failure, Boolean.TRUE) != null) {
            return Optional.empty();
        }
        if (isUnavailable(failure)) {
            String state = failure instanceof SQLException sql && sql.getSQLState() != null
                    ? " (SQLState " + sql.getSQLState() + ")" : "";
            return Optional.of("database unavailable" + state + ": "
                    + oneLine(failure.getMessage()));
        }
        Optional<String> cause = reason(failure.getCause(), seen, depth + 1);
        if (cause.isPresent()) {
            return cause;
        }
        if (failure instanceof SQLException sql) {
            cause = reason(sql.getNextException(), seen, depth + 1);
            if (cause.isPresent()) {
                return cause;
            }
        }
        for (Throwable suppressed : failure.getSuppressed()) {
            cause = reason(suppressed, seen, depth + 1);
            if (cause.isPresent()) {
                return cause;
            }
        }
        return Optional.empty();
    }

    private static String oneLine(String message) {
        String text = String.valueOf(message).replaceAll("\\s+", " ").strip();
        return text.length() <= 200 ? text : text.substring(0, 199) + "…";
    }

    private static boolean isUnavailable(Throwable failure) {
        if (failure instanceof SQLException sql) {
            String state = sql.getSQLState();
            if (state != null && state.length() == 5
                    && (SQL_STATES.contains(state) || SQL_STATE_CLASSES.contains(state.substring(0, 2)))) {
                return true;
            }
            if (sql instanceof SQLNonTransientConnectionException || sql instanceof SQLRecoverableException
                    || sql instanceof SQLTimeoutException
                    // SQLTransientConnectionException, SQLTransactionRollbackException
                    || sql instanceof SQLTransientException) {
                return true;
            }
            // Agroal's pool: "Sorry, acquisition timeout!" (no SQLState).
            String message = sql.getMessage();
            return message != null && message.toLowerCase(Locale.ROOT).contains("acquisition timeout");
        }
        return failure instanceof ConnectException || failure instanceof SocketTimeoutException
                || failure instanceof SocketException
                || failure instanceof org.hibernate.exception.JDBCConnectionException
                || failure instanceof jakarta.persistence.QueryTimeoutException
                || failure instanceof jakarta.persistence.LockTimeoutException;
    }
}
