package dev.paperdigest.ingest.paper;

/**
 * One reason a request was rejected, shaped like quarkus-resteasy-problem's own bean-validation violations so every
 * 400 reads the same.
 *
 * @param field JSON path of the offending value: {@code title}, {@code links.abs}, or {@code [1].authors[3]} for
 *              the second paper of an array
 * @param in    where the value was: always {@code body} here
 */
public record FieldViolation(String field, String in, String message) {

    static FieldViolation inBody(String field, String message) {
        return new FieldViolation(field, "body", message);
    }
}
