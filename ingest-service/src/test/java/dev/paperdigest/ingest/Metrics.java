package dev.paperdigest.ingest;

import static io.restassured.RestAssured.given;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads one value from /q/metrics (Prometheus text), so that tests compare it before and after an action. */
public final class Metrics {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private Metrics() {
    }

    /** The sum of every sample of {@code name} carrying {@code labels} (others may be there too); 0 when none. */
    public static double value(String name, Map<String, String> labels) {
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        double sum = 0;
        for (String line : text.split("\n")) {
            Matcher sample = SAMPLE.matcher(line.strip());
            if (!sample.matches() || !sample.group(1).equals(name)) {
                continue;
            }
            if (hasLabels(sample.group(2) == null ? "" : sample.group(2), labels)) {
                sum += Double.parseDouble(sample.group(3));
            }
        }
        return sum;
    }

    private static boolean hasLabels(String labelText, Map<String, String> wanted) {
        Map<String, String> present = new java.util.HashMap<>();
        Matcher label = LABEL.matcher(labelText);
        while (label.find()) {
            present.put(label.group(1), label.group(2));
        }
        return wanted.entrySet().stream().allMatch(e -> e.getValue().equals(present.get(e.getKey())));
    }
}
