package dev.paperdigest.notify;

import static io.restassured.RestAssured.given;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads /q/metrics (Prometheus text), so that tests compare a value before and after an action. */
public final class Metrics {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** One line of the exposition. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private Metrics() {
    }

    /** The sum of every sample of {@code name} carrying {@code labels} (others may be there too); 0 when none. */
    public static double value(String name, Map<String, String> labels) {
        return scrape().stream()
                .filter(sample -> sample.name().equals(name))
                .filter(sample -> sample.labels().entrySet().containsAll(labels.entrySet()))
                .mapToDouble(Sample::value).sum();
    }

    /** Every sample /q/metrics answers now. */
    public static List<Sample> scrape() {
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
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
