package dev.paperdigest.ingest.run;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.paperdigest.ingest.run.RunsApi.counts;
import static dev.paperdigest.ingest.source.FeedServer.json;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.client.WireMock;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import dev.paperdigest.ingest.RealInfrastructure;
import dev.paperdigest.ingest.paper.TestPapers;
import dev.paperdigest.ingest.source.FeedServer;
import dev.paperdigest.ingest.source.RecordedFeeds;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** A backfill fetches the last days as ordinary runs and announces their papers as backfilled (stored, never mailed). */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL)
class BackfillTest extends FeedRunTest {

    private static final String PATH = "/api/ingest/backfill";

    @Test
    void aBackfillFetchesEachDayInOneRunMarksItsPapersAndIsHarmlessToRepeat() {
        TestPapers.forget(HuggingFaceRunTest.IDS_2025);
        feeds.huggingFaceDay("2025-06-01", json("[]".getBytes(StandardCharsets.UTF_8)));
        feeds.huggingFaceDay("2025-06-02", json(RecordedFeeds.bytes(HuggingFaceRunTest.DAY_2025)));

        JsonPath run = backfill();
        assertEquals("SUCCEEDED", run.getString("status"));
        assertEquals("2025-06-02", run.getString("requestedDate"));
        assertEquals(Map.of("from", "2025-06-01", "total", 2, "fetched", 2), run.getMap("days"), "both days, both fetched");
        assertEquals(counts(20, 20, 0, 0, 0, 0), counts(run));
        for (String day : List.of("2025-06-01", "2025-06-02")) {
            feeds.wireMock().verifyThat(1, getRequestedFor(urlPathEqualTo(FeedServer.HUGGING_FACE_PATH))
                    .withQueryParam("date", WireMock.equalTo(day)));
        }

        List<ConsumerRecord<String, String>> records = topic.awaitRecords(
                found -> keys(found).containsAll(HuggingFaceRunTest.IDS_2025));
        for (ConsumerRecord<String, String> record : records) {
            if (HuggingFaceRunTest.IDS_2025.contains(record.key())) {
                assertEquals("true", header(record, "ce_backfill"), record.key());
            }
        }

        JsonPath again = backfill();
        assertEquals(counts(20, 0, 20, 0, 0, 0), counts(again), "a second backfill only merges");
        assertTrue(topic.pollOnce(Duration.ofSeconds(2)).stream()
                .noneMatch(record -> HuggingFaceRunTest.IDS_2025.contains(record.key())), "and announces nothing");
    }

    @Test
    void aRunningBackfillShowsHowManyDaysItHasFetched() {
        TestPapers.forget(HuggingFaceRunTest.IDS_2025);
        feeds.huggingFaceDay("2025-06-01", json("[]".getBytes(StandardCharsets.UTF_8)));
        // The second day answers slowly (within the test's 2 s request timeout): time to see the run half done.
        feeds.huggingFaceDay("2025-06-02", json(RecordedFeeds.bytes(HuggingFaceRunTest.DAY_2025)).withFixedDelay(1500));

        long id = start();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> {
            JsonPath run = RunsApi.get(id);
            return "RUNNING".equals(run.getString("status")) && run.getInt("days.fetched") == 1;
        });
        assertEquals(Map.of("from", "2025-06-01", "total", 2, "fetched", 2), RunsApi.awaitEnd(id).getMap("days"));
    }

    @Test
    void badMembersAreNamed() {
        given().contentType(ContentType.JSON).header("Authorization", TestPapers.ADMIN)
                .body(Map.of("days", 0, "until", "2999-01-01", "sources", List.of("nope")))
                .post(PATH).then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem("days"))
                .body("violations.field", hasItem("until"))
                .body("violations.field", hasItem("sources[0]"));
        given().contentType(ContentType.JSON).body("{}").post(PATH).then().statusCode(401);
    }

    private static JsonPath backfill() {
        return RunsApi.awaitEnd(start());
    }

    private static long start() {
        return given().contentType(ContentType.JSON).header("Authorization", TestPapers.ADMIN)
                .body(Map.of("days", 2, "until", "2025-06-02", "sources", List.of("huggingface")))
                .post(PATH).then().statusCode(202)
                .body("runs[0].source", equalTo("huggingface"))
                .body("runs[0].trigger", equalTo("BACKFILL"))
                .extract().jsonPath().getLong("runs[0].id");
    }

    private static List<String> keys(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(ConsumerRecord::key).toList();
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
