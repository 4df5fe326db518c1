package dev.paperdigest.testsupport;

import static io.restassured.RestAssured.given;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads /q/metrics (Prometheus text) of the application under test, so that tests compare values around an action. */
public final class Metrics {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** One line of the exposition. */
    public record Sample(String name, Map<String, String> labels, double value) {

        /** Whether this sample is of {@code name} and carries {@code labels} (others may be there too). */
        public boolean matches(String name, Map<String, String> labels) {
            return this.name.equals(name) && this.labels.entrySet().containsAll(labels.entrySet());
        }
    }

    private Metrics() {
    }

    /** The sum of every sample of {@code name} carrying {@code labels} (others may be there too); 0 when none. */
    public static double value(String name, Map<String, String> labels) {
        return scrape().stream().filter(sample -> sample.matches(name, labels)).mapToDouble(Sample::value).sum();
    }

    /** Every sample /q/metrics answers now. */
    public static List<Sample> scrape() {
        return parse(given().get("/q/metrics").then().statusCode(200).extract().asString());
    }

    /** The samples of a Prometheus text exposition; comments and blank lines skipped. */
    public static List<Sample> parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            Matcher sample = SAMPLE.matcher(line.strip());
            if (sample.matches()) {
                samples.add(new Sample(sample.group(1), labels(sample.group(2)), number(sample.group(3))));
            }
        }
        return samples;
    }

    private static double number(String text) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }

    private static Map<String, String> labels(String labelText) {
        Map<String, String> labels = new HashMap<>();
        Matcher label = LABEL.matcher(labelText == null ? "" : labelText);
        while (label.find()) {
            labels.put(label.group(1), label.group(2));
        }
        return labels;
    }
}
