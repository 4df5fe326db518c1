package dev.paperdigest.notify.security;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/** Refusals of Quarkus Security as a client sees them: problem+json with status, title, detail and challenge. */
@QuarkusTest
class AuthenticationTest {

    private static final String ADMIN = "Bearer dev-admin-key";
    private static final String ADMIN_CHALLENGE = "Bearer realm=\"paper-digest admin\"";
    private static final String SUBSCRIPTION_CHALLENGE = "Bearer realm=\"paper-digest subscription\"";

    @Test
    void anAdminEndpointWithoutCredentialsSaysWhatToSend() {
        problem(given().get("/api/admin/stats").then(), 401)
                .header("WWW-Authenticate", ADMIN_CHALLENGE)
                .body("detail", equalTo("Admin API key required: send Authorization: Bearer <key>"))
                .body("instance", equalTo("/api/admin/stats"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer wrong-key", "Bearer dev-admin-key-", "bearer DEV-ADMIN-KEY", "Bearer a-manage-token-perhaps"})
    void anAdminEndpointRefusesOtherTokens(String authorization) {
        problem(given().header("Authorization", authorization).get("/api/admin/stats").then(), 401)
                .header("WWW-Authenticate", ADMIN_CHALLENGE)
                .body("detail", equalTo("Admin API key not accepted"));
    }

    @Test
    void theAdminKeyOpensAdminEndpoints() {
        given().header("Authorization", ADMIN).get("/api/admin/stats").then().statusCode(200)
                .contentType(ContentType.JSON);
        given().header("Authorization", "bearer  dev-admin-key ").get("/api/admin/stats").then().statusCode(200);
    }

    @Test
    void aSubscriberEndpointWithoutCredentialsAsksForTheManageToken() {
        problem(given().get("/api/subscriptions/me").then(), 401)
                .header("WWW-Authenticate", SUBSCRIPTION_CHALLENGE)
                .body("detail", startsWith("Manage token required: send Authorization: Bearer <manage token>"));
        // "Bearer " arrives as "Bearer" (HTTP drops trailing white space): no bearer credentials either.
        for (String authorization : new String[] {"Basic ZGV2LWFkbWluLWtleQ==", "Bearer ", "a-manage-token"}) {
            problem(given().header("Authorization", authorization).delete("/api/subscriptions/me").then(), 401)
                    .header("WWW-Authenticate", SUBSCRIPTION_CHALLENGE);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer unknown-token", "Bearer AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "Bearer dev-admin-key-"})
    void aTokenOfNobodyIsA401(String authorization) {
        problem(given().header("Authorization", authorization).get("/api/subscriptions/me").then(), 401)
                .header("WWW-Authenticate", SUBSCRIPTION_CHALLENGE)
                .body("detail", equalTo("Manage token not accepted: unknown or expired"));
    }

    @Test
    void theAdminKeyIsNoManageToken() {
        // Authenticated as admin (never looked up as a token), which is not the subscriber role.
        problem(given().header("Authorization", ADMIN).get("/api/subscriptions/me").then(), 403)
                .header("WWW-Authenticate", nullValue())
                .body("detail", equalTo("The credentials sent do not grant access to this endpoint"));
    }

    @Test
    void credentialsAreCheckedBeforeTheBodyIsRead() {
        // Malformed JSON gives nothing away to a caller without valid credentials.
        problem(given().contentType(ContentType.JSON).body("{\"topics\": [").put("/api/subscriptions/me").then(), 401)
                .body("line", nullValue());
        problem(given().header("Authorization", "Bearer unknown-token").contentType(ContentType.JSON).body("{\"topics\": [")
                .put("/api/subscriptions/me").then(), 401)
                .body("line", nullValue());
    }

    @Test
    void publicEndpointsIgnoreCredentials() {
        given().header("Authorization", "Bearer wrong").get("/q/health/live").then().statusCode(200);
        given().header("Authorization", "Bearer wrong").get("/q/openapi").then().statusCode(200);
    }

    static ValidatableResponse problem(ValidatableResponse response, int status) {
        return response.statusCode(status)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(status))
                .body("title", equalTo(status == 401 ? "Unauthorized" : "Forbidden"));
    }
}
