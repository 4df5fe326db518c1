package dev.paperdigest.ingest.run;

import static dev.paperdigest.ingest.web.ProblemAssertions.expectProblem;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.paperdigest.ingest.source.FeedServer.json;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.paperdigest.ingest.RealInfrastructure;
import dev.paperdigest.ingest.paper.TestPapers;
import dev.paperdigest.ingest.source.FeedServer;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** The runs API itself: answers, problems, listing, one run per source at a time. */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL)
class IngestRunResourceTest extends FeedRunTest {

    @Test
    void aStartedRunIsAnsweredAtOnceWithItsLocation() {
        feeds.huggingFaceDay("2026-02-01", json("[]".getBytes()));

        ValidatableResponse started = RunsApi.post(Map.of("source", "huggingface", "date", "2026-02-01"))
                .statusCode(202)
                .contentType(ContentType.JSON)
                .body("source", equalTo("huggingface"))
                .body("requestedDate", equalTo("2026-02-01"))
                .body("trigger", equalTo("REQUEST"));
        long id = started.extract().jsonPath().getLong("id");
        String location = started.extract().header("Location");
        assertTrue(location.matches("http://[^/]+" + IngestRunResource.PATH + "/" + id), location);
        given().header("Authorization", TestPapers.ADMIN).get(location).then().statusCode(200).body("id", equalTo((int) id));

        var run = RunsApi.awaitEnd(id);
        assertEquals("SUCCEEDED", run.getString("status"));
        assertTrue(run.getLong("durationMs") >= 0);
        assertTrue(run.getString("finishedAt").compareTo(run.getString("startedAt")) >= 0);
    }

    @Test
    void withoutDateAByDateSourceFetchesToday() {
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        feeds.huggingFaceDay(today, json("[]".getBytes()));

        var run = RunsApi.run("huggingface", null);

        assertEquals(today, run.getString("requestedDate"));
        assertEquals("SUCCEEDED", run.getString("status"));
        feeds.wireMock().verifyThat(1, getRequestedFor(urlPathEqualTo(FeedServer.HUGGING_FACE_PATH)));
    }

    @Test
    void aDateBeforeArxivIsAProblemNamingTheDate() {
        for (String date : List.of("0000-01-01", "-0001-01-01", "1990-12-31")) {
            expectProblem(RunsApi.post(Map.of("source", "huggingface", "date", date)), 400)
                    .body("violations[0].field", equalTo("date"))
                    .body("violations[0].message", equalTo("must not be before 1991"));
        }
    }

    @Test
    void badRequestsAreProblemsNamingTheField() {
        expectProblem(RunsApi.post(Map.of("source", "arxiv")), 400)
                .body("violations[0].field", equalTo("source"))
                .body("violations[0].message", equalTo("must be one of arxiv-api, arxiv-rss, huggingface"));
        expectProblem(RunsApi.post(Map.of()), 400).body("violations[0].field", equalTo("source"));
        expectProblem(RunsApi.post(Map.of("source", 7)), 400).body("violations[0].field", equalTo("source"));
        expectProblem(RunsApi.post(Map.of("source", "huggingface", "date", "2025-13-01")), 400)
                .body("violations[0].field", equalTo("date"))
                .body("violations[0].message", equalTo("must be a date such as 2025-06-02 (YYYY-MM-DD)"));
        expectProblem(RunsApi.post(Map.of("source", "huggingface", "date", "02.06.2025")), 400)
                .body("violations[0].field", equalTo("date"));
        expectProblem(RunsApi.post(Map.of("source", "huggingface", "date", 20250602)), 400)
                .body("violations[0].field", equalTo("date"));
        expectProblem(RunsApi.post(Map.of("source", "huggingface",
                "date", LocalDate.now(ZoneOffset.UTC).plusDays(3).toString())), 400)
                .body("violations[0].field", equalTo("date"))
                .body("violations[0].message", equalTo("must not be in the future"));
        expectProblem(RunsApi.post(Map.of("source", "arxiv-rss", "date", "2026-04-27")), 400)
                .body("violations[0].field", equalTo("date"))
                .body("detail", containsString("latest announcement"));
        expectProblem(RunsApi.post(Map.of("source", "nope", "date", "nope")), 400)
                .body("violations.field", equalTo(List.of("source", "date")));
        expectProblem(RunsApi.post(List.of("huggingface")), 400).body("violations[0].field", equalTo(""));
        expectProblem(RunsApi.post("{\"source\": "), 400).body("title", equalTo("Malformed JSON"));
        expectProblem(given().header("Authorization", TestPapers.ADMIN).contentType(ContentType.TEXT).body("huggingface")
                .post(IngestRunResource.PATH).then(), 415);
    }

    @Test
    void everyRunEndpointWantsTheAdminKey() {
        expectProblem(given().contentType(ContentType.JSON).body(Map.of("source", "huggingface"))
                .post(IngestRunResource.PATH).then(), 401).header("WWW-Authenticate", startsWith("Bearer"));
        expectProblem(given().header("Authorization", "Bearer wrong").get(IngestRunResource.PATH).then(), 401);
        expectProblem(given().get(IngestRunResource.PATH + "/1").then(), 401);
    }

    @Test
    void anUnknownRunIsA404Problem() {
        expectProblem(given().header("Authorization", TestPapers.ADMIN).get(IngestRunResource.PATH + "/999999").then(),
                404).body("detail", equalTo("No ingest run 999999"));
        expectProblem(given().header("Authorization", TestPapers.ADMIN).get(IngestRunResource.PATH + "/abc").then(), 404);
    }

    @Test
    void runsAreListedNewestFirstBySourceAndLimit() {
        feeds.huggingFaceDay("2026-02-02", json("[]".getBytes()));
        feeds.huggingFaceDay("2026-02-03", json("[]".getBytes()));
        feeds.rss(json("not xml".getBytes()));
        long older = RunsApi.run("huggingface", "2026-02-02").getLong("id");
        long rss = RunsApi.run("arxiv-rss", null).getLong("id");
        long newer = RunsApi.run("huggingface", "2026-02-03").getLong("id");

        List<Integer> all = list(Map.of("limit", "3")).body("", hasSize(3)).extract().path("id");
        assertEquals(List.of((int) newer, (int) rss, (int) older), all);
        list(Map.of("source", "huggingface", "limit", "2"))
                .body("id", equalTo(List.of((int) newer, (int) older)))
                .body("source", everyItem(equalTo("huggingface")));
        list(Map.of("source", "arxiv-rss")).body("id", hasItem((int) rss))
                .body("find { it.id == " + rss + " }.status", equalTo("FAILED"))
                .body("find { it.id == " + rss + " }.failureReason", startsWith("malformed XML"));
        list(Map.of()).body("size()", lessThanOrEqualTo(IngestRunResource.DEFAULT_LIMIT));

        expectProblem(given().header("Authorization", TestPapers.ADMIN).queryParam("source", "arxiv")
                .get(IngestRunResource.PATH).then(), 400).body("violations[0].field", equalTo("source"))
                .body("violations[0].in", equalTo("query"));
        for (String limit : List.of("0", "201", "ten")) {
            expectProblem(given().header("Authorization", TestPapers.ADMIN).queryParam("limit", limit)
                    .get(IngestRunResource.PATH).then(), 400).body("violations[0].field", equalTo("limit"));
        }
    }

    @Test
    void aSecondStartWhileARunOfTheSourceRunsIsAConflict() {
        // Slow enough to still be running when the second start arrives, well within the request timeout.
        feeds.huggingFaceDay("2026-02-04", json("[]".getBytes()).withFixedDelay(1_000));
        long running = RunsApi.start("huggingface", "2026-02-04");

        expectProblem(RunsApi.post(Map.of("source", "huggingface", "date", "2026-02-05")), 409)
                .body("runningRunId", equalTo((int) running))
                .body("detail", containsString(IngestRunResource.PATH + "/" + running));
        // Another source is not held up.
        feeds.rss(FeedServer.xml("<rss version=\"2.0\"><channel><title>empty</title></channel></rss>".getBytes()));
        assertEquals("SUCCEEDED", RunsApi.run("arxiv-rss", null).getString("status"));

        assertEquals("SUCCEEDED", RunsApi.awaitEnd(running).getString("status"));
        feeds.huggingFaceDay("2026-02-05", json("[]".getBytes()));
        assertEquals("SUCCEEDED", RunsApi.run("huggingface", "2026-02-05").getString("status"),
                "free again once the run has ended");
    }

    private static ValidatableResponse list(Map<String, String> query) {
        return given().header("Authorization", TestPapers.ADMIN).queryParams(query).get(IngestRunResource.PATH).then()
                .statusCode(200).contentType(ContentType.JSON);
    }
}
