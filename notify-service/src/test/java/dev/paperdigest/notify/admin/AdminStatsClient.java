package dev.paperdigest.notify.admin;

import java.util.Map;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;

/** Reads GET /api/admin/stats the way an operator does, so tests can assert what was stored. */
public final class AdminStatsClient {

    private AdminStatsClient() {
    }

    /** Every count of {@link AdminStats} by name (the lists left out). */
    public static Map<String, Long> stats() {
        Map<String, Object> json = given().header("Authorization", "Bearer dev-admin-key")
                .when().get("/api/admin/stats")
                .then().statusCode(200)
                .extract().jsonPath().getMap("$");
        return json.entrySet().stream().filter(e -> e.getValue() instanceof Number)
                .collect(Collectors.toMap(Map.Entry::getKey, e -> ((Number) e.getValue()).longValue()));
    }

    /** One count of {@link AdminStats}, e.g. "topics". */
    public static long stat(String name) {
        return stats().get(name);
    }
}
