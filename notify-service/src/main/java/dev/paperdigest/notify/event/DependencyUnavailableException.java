package dev.paperdigest.notify.event;

/**
 * A papers.new record could not be processed because the database is unavailable (see {@link DependencyUnavailable}):
 * the record is fine and is tried again, for as long as it takes, never dead-lettered.
 */
public class DependencyUnavailableException extends RuntimeException {

    public DependencyUnavailableException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
