package dev.paperdigest.ingest.web;

import java.util.List;

import jakarta.ws.rs.core.Response;

import io.quarkiverse.resteasy.problem.HttpProblem;

/**
 * 400 for a request that cannot be accepted; quarkus-resteasy-problem renders it as application/problem+json
 * with a {@code violations} list naming each offending field.
 */
public class InvalidRequestProblem extends HttpProblem {

    public InvalidRequestProblem(String detail, List<FieldViolation> violations) {
        super(HttpProblem.builder()
                .withStatus(Response.Status.BAD_REQUEST)
                .withTitle(Response.Status.BAD_REQUEST.getReasonPhrase())
                .withDetail(detail)
                .with("violations", List.copyOf(violations)));
    }

    public static InvalidRequestProblem of(FieldViolation violation) {
        return new InvalidRequestProblem(violation.field().isEmpty() ? violation.message()
                : violation.field() + ": " + violation.message(), List.of(violation));
    }

    @SuppressWarnings("unchecked")
    public List<FieldViolation> violations() {
        return (List<FieldViolation>) getParameters().get("violations");
    }
}
