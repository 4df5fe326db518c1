package dev.paperdigest.ingest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.paperdigest.ingest.paper.TestPapers;
import dev.paperdigest.testsupport.GrafanaDashboard;
import dev.paperdigest.testsupport.Metrics;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The Grafana dashboard queries only what the service exports: every selector of the rows "ingest-service" and
 * "Both services", with its exact label values ({@code outcome="new"}). Meters are registered at start with their
 * known tags, so nothing has to happen first. notify-service's twin checks the other rows.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL)
class DashboardMetricsTest {

    @Test
    void everyMetricTheDashboardQueriesIsExported() throws Exception {
        // http_server_requests exists once the service answered a request of its own API.
        given().header("Authorization", TestPapers.ADMIN).get("/api/ingest/runs").then().statusCode(200);
        List<GrafanaDashboard.Selector> selectors = GrafanaDashboard.selectorsOf("ingest-service");
        assertFalse(selectors.isEmpty(), "the dashboard has panels for this service");
        assertEquals(List.of(), GrafanaDashboard.unanswered(selectors, Metrics.scrape()),
                "selectors of the dashboard without a series in /q/metrics");
    }
}
