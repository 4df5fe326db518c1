package dev.paperdigest.notify;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The Grafana dashboard queries only what the services export. Its rows name the service whose metrics their panels
 * query ("ingest-service", "notify-service", or "Both services" for JVM and HTTP), and every panel sits in one of
 * them; this test checks the rows of notify-service and both, ingest-service's twin the others. A selector's exact
 * label values ({@code outcome="new"}) must be exported too: meters are registered at start with their known tags,
 * so nothing has to happen first.
 */
@QuarkusTest
class DashboardMetricsTest {

    static final Path DASHBOARD = Path.of("../deploy/grafana/paper-digest.json");
    static final Set<String> ROWS = Set.of("ingest-service", "notify-service", "Both services");
    static final Set<String> ROWS_OF_THIS_SERVICE = Set.of("notify-service", "Both services");

    /** A string (skipped), or an identifier with its label matchers, and "(" after it when it is a function. */
    private static final Pattern TOKEN = Pattern.compile(
            "\"(?:[^\"\\\\]|\\\\.)*\"|(?<![\\w.])([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*(\\{[^}]*})?\\s*(\\()?");
    /** name="value"; not =~, != or !~, whose "~" or "!" stands between the name and the quote. */
    private static final Pattern EXACT_MATCHER = Pattern.compile("([a-zA-Z_]\\w*)\\s*=\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    /** Range durations and the label lists of by, without, on, ignoring, group_*: no metric names in there. */
    private static final Pattern NOT_SELECTORS = Pattern.compile(
            "\\[[^]]*]|\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "inf", "nan");

    /** A metric a panel queries, with the label values it asks for exactly. */
    record Selector(String text, String name, Map<String, String> exactLabels) {
    }

    @Test
    void everyMetricTheDashboardQueriesIsExported() throws IOException {
        // http_server_requests exists once the service answered a request of its own API.
        given().get("/").then().statusCode(200);
        List<Metrics.Sample> exported = Metrics.scrape();

        List<Selector> selectors = selectorsOfRows(ROWS_OF_THIS_SERVICE);
        assertFalse(selectors.isEmpty(), "the dashboard has panels for this service");
        List<String> missing = selectors.stream()
                .filter(selector -> exported.stream().noneMatch(sample -> sample.name().equals(selector.name())
                        && sample.labels().entrySet().containsAll(selector.exactLabels().entrySet())))
                .map(Selector::text).toList();
        assertEquals(List.of(), missing, "selectors of the dashboard without a series in /q/metrics");
    }

    /** Every selector that a panel of the given rows queries. */
    static List<Selector> selectorsOfRows(Set<String> rows) throws IOException {
        List<Selector> selectors = new ArrayList<>();
        String row = null;
        for (JsonNode panel : new ObjectMapper().readTree(DASHBOARD.toFile()).path("panels")) {
            String title = panel.path("title").asText();
            if (panel.path("type").asText().equals("row")) {
                row = title;
                assertTrue(ROWS.contains(row), "a row names the service its panels query: " + row);
                assertTrue(panel.path("panels").isEmpty(), "rows are expanded, their panels follow them: " + row);
                continue;
            }
            assertNotNull(row, "panel " + title + " sits in a row");
            assertFalse(panel.path("targets").isEmpty(), "panel " + title + " queries");
            if (rows.contains(row)) {
                panel.path("targets").forEach(target -> selectors.addAll(selectors(target.path("expr").asText())));
            }
        }
        return selectors;
    }

    /** The metric selectors of one PromQL expression. */
    static List<Selector> selectors(String expression) {
        List<Selector> selectors = new ArrayList<>();
        Matcher token = TOKEN.matcher(NOT_SELECTORS.matcher(expression).replaceAll(" "));
        while (token.find()) {
            String name = token.group(1);
            if (name != null && token.group(3) == null && !KEYWORDS.contains(name.toLowerCase())) {
                String matchers = token.group(2) == null ? "" : token.group(2);
                selectors.add(new Selector(name + matchers, name, exactLabels(matchers)));
            }
        }
        assertFalse(selectors.isEmpty(), "a metric in " + expression);
        return selectors;
    }

    private static Map<String, String> exactLabels(String matchers) {
        Map<String, String> exact = new HashMap<>();
        Matcher matcher = EXACT_MATCHER.matcher(matchers);
        while (matcher.find()) {
            exact.put(matcher.group(1), matcher.group(2));
        }
        return exact;
    }

    @Test
    void selectorsAreTakenFromExpressions() {
        assertEquals(List.of(new Selector("a_bucket{kind=\"digest\"}", "a_bucket", Map.of("kind", "digest"))),
                selectors("histogram_quantile(0.99, sum by (le) (rate(a_bucket{kind=\"digest\"}[$__rate_interval])))"));
        assertEquals(List.of(new Selector("b_total{status=~\"5..\", x!=\"y\", o=\"n\"}", "b_total", Map.of("o", "n")),
                new Selector("c", "c", Map.of())),
                selectors("sum without (job) (increase(b_total{status=~\"5..\", x!=\"y\", o=\"n\"}[1h])) / on (x) c"));
        assertEquals(List.of("d"), selectors("max(d) > bool 0").stream().map(Selector::name).toList());
    }
}
