package dev.paperdigest.notify.security;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static dev.paperdigest.notify.security.AuthenticationTest.problem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** Without a configured admin key the admin endpoints are off: 403 whatever is sent. Subscribers are not affected. */
@QuarkusTest
@TestProfile(AdminDisabledTest.NoAdminKey.class)
class AdminDisabledTest {

    public static class NoAdminKey implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // A key of white space only, as an empty secret file would give.
            return Map.of("paperdigest.admin.api-key", " ");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Bearer dev-admin-key", "Bearer ", "Bearer  ", "Basic ZGV2LWFkbWluLWtleQ=="})
    void everyAdminRequestIsForbidden(String authorization) {
        var request = given();
        if (!authorization.isEmpty()) {
            request.header("Authorization", authorization);
        }
        problem(request.get("/api/admin/stats").then(), 403)
                .header("WWW-Authenticate", nullValue())
                .body("detail", equalTo("Admin endpoints are disabled: no admin API key is configured"));
    }

    @Test
    void subscriberEndpointsStillAskForTheManageToken() {
        problem(given().get("/api/subscriptions/me").then(), 401)
                .header("WWW-Authenticate", "Bearer realm=\"paper-digest subscription\"");
        problem(given().header("Authorization", "Bearer dev-admin-key").get("/api/subscriptions/me").then(), 401)
                .body("detail", equalTo("Manage token not accepted: unknown or expired"));
    }
}
