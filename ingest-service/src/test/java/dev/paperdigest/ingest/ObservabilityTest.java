package dev.paperdigest.ingest;

import dev.paperdigest.testsupport.Metrics;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.paperdigest.ingest.paper.TestPapers;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL)
class ObservabilityTest {

    @Test
    void readinessCoversDatabaseAndKafka() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Database connections health check", "Kafka connection health check"));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void metricsCountIngestedAndPublishedPapers() {
        double newBefore = Metrics.value("paperdigest_papers_ingested_total", Map.of("source", "api", "outcome", "new"));
        double publishedBefore = Metrics.value("paperdigest_outbox_published_total", Map.of());

        given().contentType(ContentType.JSON).header("Authorization", TestPapers.ADMIN)
                .body(TestPapers.paper(TestPapers.freshId()))
                .post("/api/papers").then().statusCode(202).body("new", equalTo(1));

        assertEquals(newBefore + 1, Metrics.value("paperdigest_papers_ingested_total", Map.of("source", "api", "outcome", "new")));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertTrue(
                Metrics.value("paperdigest_outbox_published_total", Map.of()) >= publishedBefore + 1,
                "the new paper's event is counted as published"));
    }

    @Test
    void openApiDescribesThePaperAndRunEndpoints() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/api/papers'.post.responses.'202'.content.'application/json'.schema.'$ref'",
                        equalTo("#/components/schemas/IngestResult"))
                .body("components.schemas.IngestResult.properties.keySet()", hasItems("received", "new", "alreadyKnown"))
                .body("components.securitySchemes.adminKey.scheme", equalTo("bearer"))
                .body("paths.'/api/ingest/runs'.post.responses.'202'.content.'application/json'.schema.'$ref'",
                        equalTo("#/components/schemas/IngestRun"))
                .body("paths.'/api/ingest/runs'.post.responses.keySet()", hasItems("202", "400", "401", "409"))
                .body("paths.'/api/ingest/runs/{id}'.get.responses.keySet()", hasItems("200", "404"))
                .body("components.schemas.IngestRunCounts.properties.keySet()",
                        hasItems("fetched", "new", "alreadyKnown", "revised", "skipped", "errors"))
                .body("components.schemas.IngestRunRequest.properties.source.enum",
                        hasItems("huggingface", "arxiv-rss", "arxiv-api"));
        given().get("/q/swagger-ui/").then().statusCode(200);
    }
}
