package dev.paperdigest.ingest.security;

import static dev.paperdigest.ingest.web.ProblemAssertions.expectProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.paperdigest.ingest.RealInfrastructure;
import dev.paperdigest.ingest.run.IngestRunResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/** Without a configured key the admin endpoints are off: 403 whatever the caller sends. */
@QuarkusTest
@TestProfile(AdminDisabledTest.NoAdminKey.class)
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL)
class AdminDisabledTest {

    public static class NoAdminKey implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // A key of white space only, as an empty secret file would give.
            return Map.of("paperdigest.admin.api-key", " ");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "Bearer dev-admin-key", "Bearer ", "Bearer  ", "Basic ZGV2LWFkbWluLWtleQ==" })
    void everyAdminRequestIsForbidden(String authorization) {
        var request = given();
        if (!authorization.isEmpty()) {
            request.header("Authorization", authorization);
        }
        expectProblem(request.contentType(ContentType.JSON).body("{\"source\": \"huggingface\"}")
                .post(IngestRunResource.PATH).then(), 403)
                .header("WWW-Authenticate", (String) null)
                .body("title", equalTo("Forbidden"))
                .body("detail", equalTo("Admin endpoints are disabled: no admin API key is configured"));
    }
}
