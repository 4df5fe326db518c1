package dev.paperdigest.ingest.run;

import static dev.paperdigest.ingest.source.FeedServer.xml;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.paperdigest.testsupport.Metrics;
import dev.paperdigest.ingest.RealInfrastructure;
import dev.paperdigest.ingest.source.RecordedFeeds;
import dev.paperdigest.ingest.source.RecordedFeeds.RecordedResponse;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** A failing source shows in the health details and the metrics, while readiness stays UP. */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL)
class SourceHealthAndMetricsTest extends FeedRunTest {

    static final String SOURCES = "checks.find { it.name == 'Paper sources' }";

    @Test
    void aFailingSourceIsVisibleButTheServiceStaysReady() {
        double failedBefore = runs("FAILED");
        double succeededBefore = runs("SUCCEEDED");
        double timedBefore = timedRuns();
        RecordedResponse error = RecordedFeeds.response("arxiv_api/recorded_error_id-abc_http400_2026-04-12.json");
        feeds.api(xml(error.statusCode(), error.body()));
        long failed = RunsApi.run("arxiv-api", "2026-04-12").getLong("id");

        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body(SOURCES + ".status", equalTo("UP"))
                .body(SOURCES + ".data.'arxiv-api.enabled'", equalTo(true))
                .body(SOURCES + ".data.'arxiv-api.lastRun'", equalTo(IngestRunResource.PATH + "/" + failed))
                .body(SOURCES + ".data.'arxiv-api.lastRunStatus'", equalTo("FAILED"))
                .body(SOURCES + ".data.'arxiv-api.lastFailureReason'",
                        equalTo("arXiv API error (HTTP 400): incorrect id format for abc"))
                .body(SOURCES + ".data.'arxiv-api.lastRunFinishedAt'", notNullValue())
                .body(SOURCES + ".data.'huggingface.enabled'", equalTo(true));
        // The metrics are updated right after the end is recorded: wait for them rather than race.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertEquals(failedBefore + 1, runs("FAILED"));
            assertEquals(succeededBefore, runs("SUCCEEDED"));
            assertEquals(timedBefore + 1, timedRuns());
        });

        RecordedResponse empty = RecordedFeeds.response("arxiv_api/recorded_empty_id-0000.0000_2026-04-12.json");
        feeds.reset();
        feeds.api(xml(empty.statusCode(), empty.body()));
        long succeeded = RunsApi.run("arxiv-api", "2026-04-12").getLong("id");

        given().get("/q/health/ready").then().statusCode(200)
                .body(SOURCES + ".data.'arxiv-api.lastRun'", equalTo(IngestRunResource.PATH + "/" + succeeded))
                .body(SOURCES + ".data.'arxiv-api.lastRunStatus'", equalTo("SUCCEEDED"))
                .body(SOURCES + ".data.'arxiv-api.lastSucceededAt'", notNullValue())
                .body(SOURCES + ".data.'arxiv-api.lastFailureReason'", equalTo(null));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertEquals(failedBefore + 1, runs("FAILED"));
            assertEquals(succeededBefore + 1, runs("SUCCEEDED"));
            assertEquals(timedBefore + 2, timedRuns());
        });
    }

    private static double runs(String status) {
        return Metrics.value("paperdigest_ingest_runs_total", Map.of("source", "arxiv-api", "status", status));
    }

    private static double timedRuns() {
        return Metrics.value("paperdigest_ingest_run_duration_seconds_count", Map.of("source", "arxiv-api"));
    }
}
