package dev.paperdigest.notify.admin;

import dev.paperdigest.notify.RealInfrastructure;
import dev.paperdigest.notify.event.GoldenRecord;
import dev.paperdigest.notify.event.PapersTopicClient;
import dev.paperdigest.notify.subscription.Subscribers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.paperdigest.notify.admin.AdminStatsClient.stat;
import static dev.paperdigest.notify.admin.AdminStatsClient.stats;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class AdminAndOperationsTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "Bearer wrong-key", "Bearer dev-admin-key-", "Basic ZGV2LWFkbWluLWtleQ==", "dev-admin-key"})
    void statsNeedTheAdminKey(String authorization) {
        var request = given();
        if (!authorization.isEmpty()) {
            request.header("Authorization", authorization);
        }
        // The same refusal as ingest-service's, so one client handles both.
        request.when().get("/api/admin/stats")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer realm=\"paper-digest admin\"")
                .body("status", equalTo(401))
                .body("title", equalTo("Unauthorized"));
    }

    @Test
    void statsCountWhatIsStored() {
        String word = "statsword" + UUID.randomUUID().toString().replace("-", "");
        String email = "stats-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        // Mails of earlier tests (a paper can match their subscribers too) are out of the way first.
        await().atMost(Duration.ofSeconds(60)).until(() -> stat("digestsPending") == 0);
        Map<String, Long> before = stats();

        Subscribers.active(email, word);
        // Title and abstract of its own, so no other test's topic matches this paper.
        PapersTopicClient.send(GoldenRecord.load().variant(GoldenRecord.unusedPaperId(), value -> {
            value.put("title", "On " + word);
            value.put("abstract", "Nothing else.");
        }));
        await().atMost(Duration.ofSeconds(60)).until(() -> RealInfrastructure.infra().mail().mailsTo(email).size() == 2);
        // The digest is marked sent right after the SMTP server took it.
        await().atMost(Duration.ofSeconds(10)).until(() -> stat("digestsSent") > before.get("digestsSent"));

        Map<String, Long> after = stats();
        for (String count : List.of("subscribers", "subscribersActive", "topics", "distinctQueries",
                "registeredQueries", "papers", "matchedPapers", "digestsSent")) {
            assertEquals(before.get(count) + 1, after.get(count), count);
        }
        assertEquals(2, RealInfrastructure.infra().mail().mailsTo(email).size(), "the confirmation and the paper");
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
