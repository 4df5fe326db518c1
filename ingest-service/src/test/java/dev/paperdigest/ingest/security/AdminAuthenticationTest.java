package dev.paperdigest.ingest.security;

import static dev.paperdigest.ingest.web.ProblemAssertions.expectProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.paperdigest.ingest.RealInfrastructure;
import dev.paperdigest.ingest.paper.TestPapers;
import dev.paperdigest.ingest.run.IngestRunResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Admin endpoints through Quarkus Security: what a caller without the right key gets back. */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL)
class AdminAuthenticationTest {

    @Test
    void withoutCredentialsTheAnswerSaysWhatToSend() {
        expectProblem(given().get(IngestRunResource.PATH).then(), 401)
                .header("WWW-Authenticate", "Bearer realm=\"paper-digest admin\"")
                .body("title", equalTo("Unauthorized"))
                .body("detail", equalTo("Admin API key required: send Authorization: Bearer <key>"))
                .body("instance", equalTo(IngestRunResource.PATH));
    }

    @ParameterizedTest
    @ValueSource(strings = { "Bearer wrong-key", "Bearer dev-admin-key-", "Bearer dev-admin-ke", "bearer DEV-ADMIN-KEY" })
    void aWrongKeyIsNotAccepted(String authorization) {
        expectProblem(given().header("Authorization", authorization).get(IngestRunResource.PATH).then(), 401)
                .header("WWW-Authenticate", "Bearer realm=\"paper-digest admin\"")
                .body("title", equalTo("Unauthorized"))
                .body("detail", equalTo("Admin API key not accepted"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "Basic ZGV2LWFkbWluLWtleQ==", "dev-admin-key", "Token dev-admin-key", "Bearer " })
    void otherSchemesCountAsNoCredentials(String authorization) {
        // "Bearer " arrives as "Bearer": HTTP drops the trailing white space of a header value.
        expectProblem(given().header("Authorization", authorization).get(IngestRunResource.PATH).then(), 401)
                .header("WWW-Authenticate", "Bearer realm=\"paper-digest admin\"")
                .body("detail", equalTo("Admin API key required: send Authorization: Bearer <key>"));
    }

    @Test
    void theKeyIsCheckedBeforeTheBodyIsRead() {
        // Malformed JSON gives nothing away to a caller without the key. (A wrong content type is still a 415: the
        // endpoint is chosen by method, path and media types before anything else, as its OpenAPI says anyway.)
        for (RequestSpecification request : new RequestSpecification[] {
                given().contentType(ContentType.JSON).body("{\"id\": "),
                given().header("Authorization", "Bearer wrong").contentType(ContentType.JSON).body("[1, 2") }) {
            expectProblem(request.post("/api/papers").then(), 401).body("line", nullValue());
        }
        expectProblem(given().contentType(ContentType.JSON).body("{\"source\": ").post(IngestRunResource.PATH).then(), 401);
    }

    @Test
    void theKeyOpensEveryAdminEndpoint() {
        given().header("Authorization", TestPapers.ADMIN).get(IngestRunResource.PATH).then().statusCode(200);
        given().header("Authorization", "bearer  dev-admin-key ").get(IngestRunResource.PATH).then().statusCode(200);
        // Past authentication the body is read as usual.
        expectProblem(given().header("Authorization", TestPapers.ADMIN).contentType(ContentType.JSON).body("{\"id\": ")
                .post("/api/papers").then(), 400)
                .body("title", equalTo("Malformed JSON"));
    }

    @Test
    void publicEndpointsNeedNoCredentialsAndIgnoreWrongOnes() {
        given().header("Authorization", "Bearer wrong").get("/q/health/live").then().statusCode(200);
        given().header("Authorization", "Bearer wrong").get("/q/openapi").then().statusCode(200);
    }
}
