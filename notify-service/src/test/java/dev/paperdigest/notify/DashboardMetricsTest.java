package dev.paperdigest.notify;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.paperdigest.testsupport.GrafanaDashboard;
import dev.paperdigest.testsupport.Metrics;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The Grafana dashboard queries only what the service exports: every selector of the rows "notify-service" and
 * "Both services", with its exact label values ({@code kind="digest"}). Meters are registered at start with their
 * known tags, so nothing has to happen first. ingest-service's twin checks the other rows.
 */
@QuarkusTest
class DashboardMetricsTest {

    @Test
    void everyMetricTheDashboardQueriesIsExported() throws Exception {
        // http_server_requests exists once the service answered a request of its own.
        given().get("/").then().statusCode(200);
        List<GrafanaDashboard.Selector> selectors = GrafanaDashboard.selectorsOf("notify-service");
        assertFalse(selectors.isEmpty(), "the dashboard has panels for this service");
        assertEquals(List.of(), GrafanaDashboard.unanswered(selectors, Metrics.scrape()),
                "selectors of the dashboard without a series in /q/metrics");
    }
}
