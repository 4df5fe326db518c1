package dev.paperdigest.ingest.paper;

import static dev.paperdigest.ingest.web.ProblemAssertions.expectProblem;
import static dev.paperdigest.ingest.event.PapersTopicProbe.headers;
import static dev.paperdigest.ingest.event.PapersTopicProbe.withKey;
import static dev.paperdigest.ingest.paper.TestPapers.freshId;
import static dev.paperdigest.ingest.paper.TestPapers.paper;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.paperdigest.ingest.RealInfrastructure;
import dev.paperdigest.ingest.event.NewPaperEvent;
import dev.paperdigest.ingest.event.PapersTopicProbe;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;

@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL)
class PaperResourceTest {


    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    ObjectMapper mapper;

    PapersTopicProbe topic;

    @BeforeEach
    void openTopic() {
        topic = PapersTopicProbe.fromNow(bootstrapServers);
    }

    @AfterEach
    void closeTopic() {
        topic.close();
    }

    @Test
    void newPaperIsPublishedOnceWithCloudEventHeaders() throws Exception {
        String id = freshId();
        Map<String, Object> paper = new HashMap<>(paper(id + "v2"));
        paper.put("title", "Diffusion\n   Models for\n Everyone");
        paper.put("authors", List.of("Ada Lovelace", "Alan Turing"));

        post(paper).statusCode(202).body("received", equalTo(1)).body("new", equalTo(1)).body("alreadyKnown", equalTo(0));

        ConsumerRecord<String, String> record = topic.awaitRecord(id);
        Map<String, String> headers = headers(record);
        assertEquals(NewPaperEvent.eventId(id).toString(), headers.get("ce_id"));
        assertEquals("1.0", headers.get("ce_specversion"));
        assertEquals("dev.paperdigest.paper.new.v1", headers.get("ce_type"));
        assertEquals("/paper-digest/ingest-service", headers.get("ce_source"));
        assertEquals("application/json", headers.get("content-type"));
        OffsetDateTime.parse(headers.get("ce_time"));
        JsonNode value = mapper.readTree(record.value());
        assertEquals(id, value.get("id").asText());
        assertEquals(2, value.get("version").asInt());
        assertEquals("Diffusion Models for Everyone", value.get("title").asText());
        assertEquals("https://arxiv.org/abs/" + id, value.at("/links/abs").asText());
        assertEquals("https://arxiv.org/pdf/" + id, value.at("/links/pdf").asText());
    }

    @Test
    void knownPaperIsCountedAndNotPublishedAgain() {
        String id = freshId();
        post(paper(id)).statusCode(202).body("new", equalTo(1));
        post(paper(id)).statusCode(202).body("received", equalTo(1)).body("new", equalTo(0)).body("alreadyKnown", equalTo(1));
        // A newer version of a known paper is not news either.
        post(List.of(paper(id + "v3"), paper(id + "v1"))).statusCode(202)
                .body("received", equalTo(2)).body("new", equalTo(0)).body("alreadyKnown", equalTo(2));

        List<ConsumerRecord<String, String>> records = publishMarkerAndAwait();

        assertEquals(1, withKey(records, id).size(), "one record for " + id);
    }

    @Test
    void samePaperPostedConcurrentlyIsNewExactlyOnce() throws Exception {
        String id = freshId();
        int clients = 6;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Callable<Integer>> posts = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                posts.add(() -> post(paper(id)).statusCode(202).extract().path("new"));
            }
            int fresh = 0;
            for (Future<Integer> result : pool.invokeAll(posts)) {
                fresh += result.get();
            }
            assertEquals(1, fresh);
        } finally {
            pool.shutdownNow();
        }

        assertEquals(1, withKey(publishMarkerAndAwait(), id).size());
    }

    @Test
    void arrayWithOneInvalidPaperIsRejectedWhole() {
        String good = freshId();
        Map<String, Object> bad = new HashMap<>(paper(freshId()));
        bad.put("title", " \n ");

        expectProblem(post(List.of(paper(good), bad)), 400)
                .body("violations", hasSize(1))
                .body("violations[0].field", equalTo("[1].title"))
                .body("violations[0].message", equalTo("must not be blank"))
                .body("detail", containsString("[1].title"));

        assertTrue(withKey(publishMarkerAndAwait(), good).isEmpty(), "nothing published for " + good);
        // Nothing was stored either: the valid paper is still new.
        post(paper(good)).statusCode(202).body("new", equalTo(1));
    }

    @Test
    void namesEveryInvalidFieldWithItsArrayPosition() {
        Map<String, Object> wrongTypes = new HashMap<>(paper(freshId()));
        wrongTypes.put("upvotes", "many");
        Map<String, Object> badValues = new HashMap<>(paper("2505.24864v2"));
        badValues.put("version", 3);
        badValues.put("authors", List.of("Ada Lovelace", "  "));
        badValues.put("links", Map.of("abs", "javascript:alert(1)"));
        badValues.put("abstract", "x".repeat(PaperSubmission.MAX_ABSTRACT + 1));
        badValues.put("upvotes", -1);
        Map<String, Object> badId = new HashMap<>(paper("not-an-id"));
        badId.remove("abstract");

        ValidatableResponse response = expectProblem(post(List.of(paper(freshId()), wrongTypes, badValues, badId)), 400);

        for (String field : List.of("[1].upvotes", "[2].version", "[2].authors[1]", "[2].links.abs", "[2].abstract",
                "[2].upvotes", "[3].id", "[3].abstract")) {
            response.body("violations.field", hasItem(field));
        }
        response.body("violations", hasSize(8));
    }

    @Test
    void singlePaperViolationsNameTheFieldWithoutPosition() {
        Map<String, Object> paper = new HashMap<>(paper(freshId()));
        paper.put("title", "t".repeat(PaperSubmission.MAX_TITLE + 1));
        paper.put("publishedAt", "yesterday");

        expectProblem(post(paper), 400).body("violations.field", hasItem("publishedAt"));

        paper.remove("publishedAt");
        expectProblem(post(paper), 400).body("violations[0].field", equalTo("title"))
                .body("violations[0].in", equalTo("body"));
    }

    @Test
    void aLinkWithControlCharactersIsAProblemNamingTheLink() {
        for (String link : List.of("https://arxiv.org/abs/\u0000x", "https://arxiv.org/\u0007", "https://arxiv.org/a\u202Eb",
                "https://user:pw@arxiv.org/abs/1", "https:///abs/1", "ftp://arxiv.org/abs/1")) {
            Map<String, Object> paper = new HashMap<>(paper(freshId()));
            paper.put("links", Map.of("pdf", link));

            expectProblem(post(paper), 400).body("violations[0].field", equalTo("links.pdf"));
        }
    }

    @Test
    void aPublicationTimeOutsideArxivsLifetimeIsAProblemNamingIt() {
        for (String publishedAt : List.of("0000-01-01T00:00:00Z", "1990-12-31T23:59:59Z",
                Instant.now().plus(Duration.ofDays(2)).toString())) {
            Map<String, Object> paper = new HashMap<>(paper(freshId()));
            paper.put("publishedAt", publishedAt);

            expectProblem(post(paper), 400).body("violations[0].field", equalTo("publishedAt"));
        }
    }

    @Test
    void rejectsBodiesThatAreNoPapers() {
        expectProblem(postRaw("[]"), 400).body("detail", containsString("no papers"));
        expectProblem(postRaw("42"), 400);
        expectProblem(postRaw("[\"2505.24864\"]"), 400).body("violations[0].field", equalTo("[0]"));
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i <= PaperBatchReader.MAX_PAPERS; i++) {
            tooMany.add(paper("2601." + (10_000 + i)));
        }
        expectProblem(post(tooMany), 400).body("detail", containsString("at most 1000"));
    }

    @Test
    void malformedJsonIsAProblemWithItsPosition() {
        expectProblem(postRaw("{\"id\": \"2505.24864\",\n \"title\": }"), 400)
                .body("detail", containsString("line 2"))
                .body("detail", containsString("column"));
        expectProblem(postRaw("[{\"id\": \"2505.24864\""), 400);
    }

    @Test
    void adminKeyIsRequired() {
        String body = "{\"id\": \"" + freshId() + "\", \"title\": \"t\", \"abstract\": \"a\"}";
        expectProblem(given().contentType(ContentType.JSON).body(body).post("/api/papers").then(), 401)
                .header("WWW-Authenticate", startsWith("Bearer"));
        expectProblem(given().contentType(ContentType.JSON).header("Authorization", "Bearer wrong-key").body(body)
                .post("/api/papers").then(), 401);
        expectProblem(given().contentType(ContentType.JSON).header("Authorization", "dev-admin-key").body(body)
                .post("/api/papers").then(), 401);
        // Refused before the body is read: malformed JSON without a key is still a 401.
        expectProblem(given().contentType(ContentType.JSON).body("{").post("/api/papers").then(), 401);
    }

    @Test
    void wrongContentTypeIsAProblem() {
        expectProblem(given().header("Authorization", TestPapers.ADMIN).contentType(ContentType.TEXT).body("hello")
                .post("/api/papers").then(), 415);
    }

    @Test
    void aBodyOverTheSizeLimitIsAProblemThatSaysSo() {
        String tooLarge = "[" + " ".repeat(10 * 1024 * 1024) + "]"; // 2 bytes over 10M
        expectProblem(given().contentType(ContentType.JSON).header("Authorization", TestPapers.ADMIN).body(tooLarge)
                .post("/api/papers").then(), 413)
                .body("detail", containsString("at most 10485760"));
    }

    private List<ConsumerRecord<String, String>> publishMarkerAndAwait() {
        return TestPapers.publishMarkerAndAwait(topic);
    }

    static ValidatableResponse post(Object body) {
        return given().contentType(ContentType.JSON).header("Authorization", TestPapers.ADMIN).body(body)
                .post("/api/papers").then();
    }

    static ValidatableResponse postRaw(String body) {
        return post(body);
    }
}
