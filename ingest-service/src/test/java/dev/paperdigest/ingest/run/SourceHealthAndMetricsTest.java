package dev.paperdigest.ingest.run;

import static dev.paperdigest.ingest.source.FeedServer.xml;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.Test;

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
        given().get("/q/metrics").then().statusCode(200)
                .body(matchesPattern("(?s).*paperdigest_ingest_runs_total\\{[^}]*source=\"arxiv-api\""
                        + "[^}]*status=\"FAILED\"[^}]*} [1-9].*"))
                .body(containsString("paperdigest_ingest_run_duration_seconds_count{"));

        RecordedResponse empty = RecordedFeeds.response("arxiv_api/recorded_empty_id-0000.0000_2026-04-12.json");
        feeds.reset();
        feeds.api(xml(empty.statusCode(), empty.body()));
        long succeeded = RunsApi.run("arxiv-api", "2026-04-12").getLong("id");

        given().get("/q/health/ready").then().statusCode(200)
                .body(SOURCES + ".data.'arxiv-api.lastRun'", equalTo(IngestRunResource.PATH + "/" + succeeded))
                .body(SOURCES + ".data.'arxiv-api.lastRunStatus'", equalTo("SUCCEEDED"))
                .body(SOURCES + ".data.'arxiv-api.lastSucceededAt'", notNullValue())
                .body(SOURCES + ".data.'arxiv-api.lastFailureReason'", equalTo(null));
        given().get("/q/metrics").then()
                .body(matchesPattern("(?s).*paperdigest_ingest_runs_total\\{[^}]*source=\"arxiv-api\""
                        + "[^}]*status=\"SUCCEEDED\"[^}]*} [1-9].*"))
                .body(matchesPattern("(?s).*paperdigest_ingest_run_papers_total\\{[^}]*outcome=\"fetched\""
                        + "[^}]*source=\"arxiv-api\"[^}]*} .*"));
    }
}
