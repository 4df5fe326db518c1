package dev.paperdigest.ingest.run;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.paperdigest.ingest.paper.TestPapers;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

/** POST /api/ingest/runs and GET /api/ingest/runs/{id} as tests use them. */
final class RunsApi {

    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(60);

    private RunsApi() {
    }

    static ValidatableResponse post(Object body) {
        return given().contentType(ContentType.JSON).header("Authorization", TestPapers.ADMIN).body(body)
                .post(IngestRunResource.PATH).then();
    }

    /** Starts a run ({@code date} may be null) and returns its id. */
    static long start(String source, String date) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("source", source);
        if (date != null) {
            body.put("date", date);
        }
        return post(body).statusCode(202)
                .header("Location", notNullValue())
                .body("source", equalTo(source))
                .extract().jsonPath().getLong("id");
    }

    static JsonPath get(long id) {
        return given().header("Authorization", TestPapers.ADMIN).get(IngestRunResource.PATH + "/" + id)
                .then().statusCode(200).extract().jsonPath();
    }

    /** Waits until the run has ended, SUCCEEDED or FAILED, and returns it. */
    static JsonPath awaitEnd(long id) {
        await().atMost(RUN_TIMEOUT).pollInterval(Duration.ofMillis(50))
                .until(() -> !"RUNNING".equals(get(id).getString("status")));
        return get(id);
    }

    /** Starts a run and waits for its end. */
    static JsonPath run(String source, String date) {
        return awaitEnd(start(source, date));
    }

    /** The run's counts as a map, for one assertion over all of them. */
    static Map<String, Integer> counts(JsonPath run) {
        return run.getMap("counts", String.class, Integer.class);
    }

    static Map<String, Integer> counts(int fetched, int fresh, int alreadyKnown, int revised, int skipped, int errors) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("fetched", fetched);
        counts.put("new", fresh);
        counts.put("alreadyKnown", alreadyKnown);
        counts.put("revised", revised);
        counts.put("skipped", skipped);
        counts.put("errors", errors);
        return counts;
    }
}
