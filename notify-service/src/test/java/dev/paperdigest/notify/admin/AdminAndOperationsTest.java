package dev.paperdigest.notify.admin;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItems;

@QuarkusTest
class AdminAndOperationsTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "Bearer wrong-key", "Bearer dev-admin-key-", "Basic ZGV2LWFkbWluLWtleQ==", "dev-admin-key"})
    void statsNeedTheAdminKey(String authorization) {
        var request = given();
        if (!authorization.isEmpty()) {
            request.header("Authorization", authorization);
        }
        request.when().get("/api/admin/stats")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("status", equalTo(401));
    }

    @Test
    void statsCountWhatIsStored() {
        given().header("Authorization", "Bearer dev-admin-key")
                .when().get("/api/admin/stats")
                .then().statusCode(200)
                .body("subscribers", greaterThanOrEqualTo(0))
                .body("mailsSent", greaterThanOrEqualTo(0));
    }

    @Test
    void readinessCoversDatabaseAndKafka() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Database connections health check", "Kafka connection health check"));
    }

    @Test
    void metricsAndOpenApiAreServed() {
        given().when().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
        given().when().get("/q/openapi").then().statusCode(200).body(containsString("/api/subscriptions"));
        given().when().get("/q/health/live").then().statusCode(200);
    }
}
