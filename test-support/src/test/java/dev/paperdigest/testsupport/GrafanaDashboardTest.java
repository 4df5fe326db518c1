package dev.paperdigest.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class GrafanaDashboardTest {

    @Test
    void selectorsAreTakenFromExpressions() {
        assertEquals(List.of(new GrafanaDashboard.Selector("a_bucket{kind=\"digest\"}", "a_bucket", Map.of("kind", "digest"))),
                GrafanaDashboard.selectors("histogram_quantile(0.99, sum by (le) (rate(a_bucket{kind=\"digest\"}[$__rate_interval])))"));
        assertEquals(List.of(new GrafanaDashboard.Selector("b_total{status=~\"5..\", x!=\"y\", o=\"n\"}", "b_total", Map.of("o", "n")),
                new GrafanaDashboard.Selector("c", "c", Map.of())),
                GrafanaDashboard.selectors("sum without (job) (increase(b_total{status=~\"5..\", x!=\"y\", o=\"n\"}[1h])) / on (x) c"));
        assertEquals(List.of("d"), GrafanaDashboard.selectors("max(d) > bool 0").stream().map(GrafanaDashboard.Selector::name).toList());
    }

    @Test
    void aSelectorIsAnsweredByASampleOfItsNameWithItsExactLabelValues() {
        List<Metrics.Sample> exported = Metrics.parse("""
                # HELP x_total a counter
                x_total{outcome="new",source="api"} 3.0
                y_seconds_bucket{le="+Inf"} 1.0
                """);
        assertEquals(List.of("x_total{outcome=\"old\"}", "z"), GrafanaDashboard.unanswered(List.of(
                GrafanaDashboard.selectors("x_total{outcome=\"new\"}").get(0),
                GrafanaDashboard.selectors("x_total{outcome=\"old\"}").get(0),
                GrafanaDashboard.selectors("y_seconds_bucket").get(0),
                GrafanaDashboard.selectors("z").get(0)), exported));
    }
}
