package dev.paperdigest.notify.problem;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

/** Every error of the REST API is RFC 9457 problem+json, as precise as ingest-service's. */
@QuarkusTest
class ProblemResponsesTest {

    @Test
    void malformedJsonNamesLineAndColumn() {
        problem(given().contentType(ContentType.JSON).body("{\"email\": \"someone@example.org\",\n  \"topics\": [}")
                .post("/api/subscriptions").then(), 400)
                .body("title", equalTo("Malformed JSON"))
                .body("line", equalTo(2))
                .body("column", equalTo(14))
                .body("detail", startsWith("The body is not valid JSON at line 2, column 14: "))
                .body("detail", org.hamcrest.Matchers.not(containsString("Source")));
        problem(given().contentType(ContentType.JSON).body("").post("/api/subscriptions").then(), 400);
        problem(given().contentType(ContentType.JSON).body("{\"email\": ").post("/api/subscriptions").then(), 400)
                .body("title", equalTo("Malformed JSON"));
    }

    @Test
    void anUnknownApiPathIsA404() {
        problem(given().get("/api/nothing-here").then(), 404);
        problem(given().get("/api/subscriptions/confirm/x/y").then(), 404);
    }

    @Test
    void aMethodTheResourceDoesNotHaveIsA405() {
        problem(given().contentType(ContentType.JSON).body("{}").patch("/api/subscriptions").then(), 405);
        problem(given().header("Authorization", "Bearer dev-admin-key").delete("/api/admin/stats").then(), 405);
    }

    @Test
    void aBodyOfAnotherMediaTypeIsA415() {
        problem(given().contentType(ContentType.TEXT).body("someone@example.org").post("/api/subscriptions").then(), 415);
        problem(given().contentType(ContentType.XML).body("<email/>").post("/api/subscriptions").then(), 415);
    }

    @Test
    void anAnswerTheClientDoesNotAcceptIsA406() {
        problem(given().header("Authorization", "Bearer dev-admin-key").accept("text/csv").get("/api/admin/stats").then(), 406);
    }

    @Test
    void aBodyOverTheSizeLimitIsA413() {
        String tooLarge = "{\"email\": \"" + "a".repeat(64 * 1024) + "@example.org\"}";
        problem(given().contentType(ContentType.JSON).body(tooLarge).post("/api/subscriptions").then(), 413)
                .body("detail", containsString("at most 65536"));
    }

    private static ValidatableResponse problem(ValidatableResponse response, int status) {
        return response.statusCode(status)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(status))
                .body("title", notNullValue());
    }
}
