package dev.paperdigest.ingest.web;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.restassured.response.ValidatableResponse;

/** What every error answer of this service is: RFC 9457 problem+json with its status and a title. */
public final class ProblemAssertions {

    private ProblemAssertions() {
    }

    public static ValidatableResponse expectProblem(ValidatableResponse response, int status) {
        return response.statusCode(status)
                .contentType(startsWith(ProblemJson.MEDIA_TYPE))
                .body("status", equalTo(status))
                .body("title", notNullValue());
    }
}
