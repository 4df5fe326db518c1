package dev.paperdigest.notify.matching.query;

/** A topic query that cannot be used; the message says what is wrong, {@link #position()} where. */
public class InvalidTopicQueryException extends RuntimeException {

    private final int position;

    /**
     * @param message  what is wrong, in words for the subscriber (e.g. "a query cannot start with a wildcard")
     * @param position 1-based character position in the query as written where the problem is (1 for problems of
     *                 the whole query, such as an empty one)
     */
    public InvalidTopicQueryException(String message, int position) {
        super(message);
        this.position = position;
    }

    public int position() {
        return position;
    }
}
