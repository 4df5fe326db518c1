package dev.paperdigest.ingest.web;

/**
 * One reason a request was rejected, shaped like quarkus-resteasy-problem's own bean-validation violations so every
 * 400 reads the same.
 *
 * @param field JSON path of the offending value: {@code title}, {@code links.abs}, or {@code [1].authors[3]} for
 *              the second paper of an array; the parameter name for a query parameter
 * @param in    where the value was: {@code body} or {@code query}
 */
public record FieldViolation(String field, String in, String message) {

    public static FieldViolation inBody(String field, String message) {
        return new FieldViolation(field, "body", message);
    }

    public static FieldViolation inQuery(String parameter, String message) {
        return new FieldViolation(parameter, "query", message);
    }
}
