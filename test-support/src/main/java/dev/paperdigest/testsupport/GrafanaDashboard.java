package dev.paperdigest.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metrics that deploy/grafana/paper-digest.json queries. Its rows name the service whose metrics their panels
 * query ("ingest-service", "notify-service", or "Both services" for JVM and HTTP), and every panel sits in one of
 * them, so each service's test checks its own rows against its own /q/metrics.
 */
public final class GrafanaDashboard {

    /** From a service module's working directory. */
    public static final Path FILE = Path.of("../deploy/grafana/paper-digest.json");
    public static final String BOTH = "Both services";
    static final Set<String> ROWS = Set.of("ingest-service", "notify-service", BOTH);

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
    public record Selector(String text, String name, Map<String, String> exactLabels) {
    }

    private GrafanaDashboard() {
    }

    /**
     * The selectors of the panels in the rows of {@code service} and of both services.
     *
     * @throws IllegalStateException when the dashboard breaks the rows convention: a row not naming a service, a
     *         collapsed row, a panel outside any row or without a query, a query without a metric
     */
    public static List<Selector> selectorsOf(String service) throws IOException {
        List<Selector> selectors = new ArrayList<>();
        String row = null;
        for (JsonNode panel : new ObjectMapper().readTree(FILE.toFile()).path("panels")) {
            String title = panel.path("title").asText();
            if (panel.path("type").asText().equals("row")) {
                row = title;
                require(ROWS.contains(row), "a row names the service its panels query: " + row);
                require(panel.path("panels").isEmpty(), "rows are expanded, their panels follow them: " + row);
                continue;
            }
            require(row != null, "panel " + title + " sits in a row");
            require(!panel.path("targets").isEmpty(), "panel " + title + " queries");
            if (row.equals(service) || row.equals(BOTH)) {
                panel.path("targets").forEach(target -> selectors.addAll(selectors(target.path("expr").asText())));
            }
        }
        return selectors;
    }

    /** The selectors among {@code selectors} that no exported sample answers (name and exact label values). */
    public static List<String> unanswered(List<Selector> selectors, List<Metrics.Sample> exported) {
        return selectors.stream()
                .filter(selector -> exported.stream().noneMatch(sample -> sample.matches(selector.name(), selector.exactLabels())))
                .map(Selector::text).toList();
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
        require(!selectors.isEmpty(), "a metric in " + expression);
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

    private static void require(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException(FILE + ": " + what);
        }
    }
}
