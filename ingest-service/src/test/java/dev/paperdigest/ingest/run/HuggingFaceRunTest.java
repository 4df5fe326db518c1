package dev.paperdigest.ingest.run;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.paperdigest.ingest.event.PapersTopicProbe.withKey;
import static dev.paperdigest.ingest.run.RunsApi.counts;
import static dev.paperdigest.ingest.source.FeedServer.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.paperdigest.testsupport.Metrics;
import dev.paperdigest.ingest.RealInfrastructure;
import dev.paperdigest.ingest.paper.TestPapers;
import dev.paperdigest.ingest.source.FeedServer;
import dev.paperdigest.ingest.source.RecordedFeeds;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Runs of the Hugging Face source against recorded days served by WireMock, observed on papers.new. */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL)
class HuggingFaceRunTest extends FeedRunTest {

    static final String DAY_2024 = "hf_daily_papers/daily_papers_2024-05-27.json";
    static final String DAY_2025 = "hf_daily_papers/daily_papers_2025-06-02.json";
    static final List<String> IDS_2025 = List.of("2505.24864", "2505.24863", "2505.24098", "2505.14752", "2505.24867",
            "2505.18842", "2505.24878", "2505.24521", "2505.24196", "2505.23941", "2505.24858", "2505.24850",
            "2505.24417", "2505.23926", "2505.24862", "2505.24615", "2505.24517", "2505.24293", "2505.23009",
            "2505.23844");
    static final List<String> IDS_2024 = List.of("2405.15738", "2405.15574", "2405.15071", "2405.15032", "2405.15682",
            "2405.15319", "2405.14979", "2405.15223", "2405.14908", "2405.14906", "2405.15613", "2405.15216",
            "2405.15125");

    @Test
    void aDayIsPublishedOncePerPaperAndARerunPublishesNothing() throws Exception {
        TestPapers.forget(IDS_2025);
        feeds.huggingFaceDay("2025-06-02", json(RecordedFeeds.bytes(DAY_2025)));
        double newBefore = newPapersCounted();

        JsonPath run = RunsApi.run("huggingface", "2025-06-02");

        assertEquals("SUCCEEDED", run.getString("status"));
        assertEquals("2025-06-02", run.getString("requestedDate"));
        assertEquals("REQUEST", run.getString("trigger"));
        assertEquals(counts(20, 20, 0, 0, 0, 0), counts(run));
        assertEquals(newBefore + 20, newPapersCounted(), "counted as new papers from huggingface");
        List<ConsumerRecord<String, String>> records = topic.awaitRecords(r -> keys(r).containsAll(IDS_2025));
        IDS_2025.forEach(id -> assertEquals(1, withKey(records, id).size(), id));

        assertEquals(mapper.readTree("""
                {"id": "2505.24293",
                 "title": "Large Language Models are Locally Linear Mappings",
                 "abstract": "%s",
                 "authors": ["James R. Golden"],
                 "categories": [],
                 "publishedAt": "2025-05-30T07:08:33Z",
                 "links": {"abs": "https://arxiv.org/abs/2505.24293", "pdf": "https://arxiv.org/pdf/2505.24293",
                           "huggingface": "https://huggingface.co/papers/2505.24293"},
                 "upvotes": 2,
                 "sources": ["huggingface"]}""".formatted(LOCALLY_LINEAR_ABSTRACT)),
                value(records, "2505.24293"));
        JsonNode proRl = value(records, "2505.24864");
        assertEquals("ProRL: Prolonged Reinforcement Learning Expands Reasoning Boundaries in Large Language Models",
                proRl.get("title").asText());
        assertEquals(mapper.readTree("[\"Mingjie Liu\", \"Shizhe Diao\", \"Ximing Lu\", \"Jian Hu\", \"Xin Dong\", "
                + "\"Yejin Choi\", \"Jan Kautz\", \"Yi Dong\"]"), proRl.get("authors"));
        assertEquals(35, proRl.get("upvotes").asInt());
        assertEquals("un^2CLIP: Improving CLIP's Visual Detail Capturing Ability via Inverting unCLIP",
                value(records, "2505.24517").get("title").asText(), "hard-wrapped title on one line");

        JsonPath rerun = RunsApi.run("huggingface", "2025-06-02");

        assertEquals("SUCCEEDED", rerun.getString("status"));
        assertEquals(counts(20, 0, 20, 0, 0, 0), counts(rerun));
        List<ConsumerRecord<String, String>> afterRerun = TestPapers.publishMarkerAndAwait(topic);
        IDS_2025.forEach(id -> assertEquals(1, withKey(afterRerun, id).size(), id + " published once only"));
        feeds.wireMock().verifyThat(2, getRequestedFor(urlPathEqualTo(FeedServer.HUGGING_FACE_PATH))
                .withQueryParam("date", equalTo("2025-06-02"))
                .withHeader("User-Agent", containing("paper-digest")));
    }

    @Test
    void theOlderFormatYieldsTheSameNormalizedPapers() throws Exception {
        TestPapers.forget(IDS_2024);
        feeds.huggingFaceDay("2024-05-27", json(RecordedFeeds.bytes(DAY_2024)));

        JsonPath run = RunsApi.run("huggingface", "2024-05-27");

        assertEquals(counts(13, 13, 0, 0, 0, 0), counts(run));
        List<ConsumerRecord<String, String>> records = topic.awaitRecords(r -> keys(r).containsAll(IDS_2024));
        assertEquals(mapper.readTree("[\"Viraat Aryabumi\", \"John Dang\", \"Dwarak Talupuru\", \"Saurabh Dash\", "
                + "\"David Cairuz\", \"Hangyu Lin\", \"Bharat Venkitesh\", \"Madeline Smith\", \"Kelly Marchisio\", "
                + "\"Sebastian Ruder\", \"Acyr Locatelli\", \"Julia Kreutzer\", \"Nick Frosst\", \"Phil Blunsom\", "
                + "\"Marzieh Fadaee\", \"Ahmet Üstün\", \"Sara Hooker\"]"), value(records, "2405.15032").get("authors"));
        JsonNode autoCoder = value(records, "2405.14906");
        assertEquals("AutoCoder: Enhancing Code Large Language Model with AIEV-Instruct", autoCoder.get("title").asText());
        assertEquals("2024-05-23T02:53:25Z", autoCoder.get("publishedAt").asText());
        assertEquals(7, autoCoder.get("upvotes").asInt());
        assertEquals("The Road Less Scheduled", value(records, "2405.15682").get("title").asText());
    }

    @Test
    void entriesThatAreNoValidPaperAreSkippedWithReasons() {
        String good = TestPapers.freshId();
        String noAbstract = TestPapers.freshId();
        feeds.huggingFaceDay("2026-01-05", json(("""
                [{"paper": {"id": "not-an-id", "title": "T", "summary": "S"}},
                 {"paper": {"id": "%s", "title": "A good one", "summary": "Its abstract.", "upvotes": 4,
                            "authors": [{"name": "Erwin Schr\\\\\\"odinger", "hidden": true}]}},
                 {"paper": {"id": "%s", "title": "No abstract"}}]
                """.formatted(good, noAbstract)).getBytes(StandardCharsets.UTF_8)));

        JsonPath run = RunsApi.run("huggingface", "2026-01-05");

        assertEquals("SUCCEEDED", run.getString("status"));
        assertEquals(counts(3, 1, 0, 0, 2, 0), counts(run));
        assertEquals(List.of("entry 1 (not-an-id): paper.id is not an arXiv id",
                "paper " + noAbstract + ": abstract: must not be blank"), run.getList("skippedReasons"));
        List<ConsumerRecord<String, String>> records = TestPapers.publishMarkerAndAwait(topic);
        assertEquals(1, withKey(records, good).size());
        assertTrue(withKey(records, noAbstract).isEmpty());
        assertTrue(withKey(records, good).get(0).value().contains("\"authors\":[\"Erwin Schrödinger\"]"),
                withKey(records, good).get(0).value());
    }

    @Test
    void aNulInAnIdAndKilobytesOfNestedAccentsStillEndTheRun() {
        String good = TestPapers.freshId();
        // A NUL (JSON escape) in the first id; an author of 6 KB of nested TeX accents (once a StackOverflowError).
        String nestedAccents = "x" + "\\\\'".repeat(3000);
        feeds.huggingFaceDay("2026-01-09", json(("""
                [{"paper": {"id": "2601.\\u000000001", "title": "T", "summary": "S"}},
                 {"paper": {"id": "%s", "title": "Accents", "summary": "Its abstract.",
                            "authors": [{"name": "%s"}]}}]
                """.formatted(good, nestedAccents)).getBytes(StandardCharsets.UTF_8)));

        JsonPath run = RunsApi.run("huggingface", "2026-01-09");

        assertEquals("SUCCEEDED", run.getString("status"), run.prettify());
        assertEquals(counts(2, 1, 0, 0, 1, 0), counts(run));
        String reason = run.getList("skippedReasons", String.class).get(0);
        assertTrue(reason.startsWith("entry 1 (2601. 00001)"), reason);
        assertTrue(reason.chars().noneMatch(Character::isISOControl), reason);
        assertEquals(1, withKey(TestPapers.publishMarkerAndAwait(topic), good).size());
    }

    @Test
    void malformedJsonFailsTheRunAndStoresNothing() {
        String id = TestPapers.freshId();
        byte[] whole = ("[{\"paper\": {\"id\": \"" + id + "\", \"title\": \"T\", \"summary\": \"S\"}},"
                + " {\"paper\": {\"id\": \"2601.00001\", \"title\": \"cut off here").getBytes(StandardCharsets.UTF_8);
        feeds.huggingFaceDay("2026-01-06", json(whole));

        JsonPath run = RunsApi.run("huggingface", "2026-01-06");

        assertEquals("FAILED", run.getString("status"));
        assertTrue(run.getString("failureReason").startsWith("malformed JSON at line 1, column "),
                run.getString("failureReason"));
        assertEquals(counts(0, 0, 0, 0, 0, 0), counts(run));
        assertTrue(withKey(TestPapers.publishMarkerAndAwait(topic), id).isEmpty(), "nothing published");
        assertEquals(null, TestPapers.stored(id), "nothing stored");
    }

    @Test
    void aTruncatedRecordingFailsTheRun() {
        byte[] recorded = RecordedFeeds.bytes(DAY_2025);
        feeds.huggingFaceDay("2026-01-07", json(Arrays.copyOf(recorded, recorded.length / 2)));

        JsonPath run = RunsApi.run("huggingface", "2026-01-07");

        assertEquals("FAILED", run.getString("status"));
        assertTrue(run.getString("failureReason").startsWith("malformed JSON"), run.getString("failureReason"));
    }

    @Test
    void aClientErrorFailsTheRunWithWhatTheServerSaid() {
        feeds.huggingFaceDay("2026-01-08", aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"error\": \"Invalid date\"}"));

        JsonPath run = RunsApi.run("huggingface", "2026-01-08");

        assertEquals("FAILED", run.getString("status"));
        assertEquals("HTTP 400 from " + feedBase + "/api/daily_papers?date=2026-01-08: {\"error\": \"Invalid date\"}",
                run.getString("failureReason"));
    }

    private static double newPapersCounted() {
        return Metrics.value("paperdigest_papers_ingested_total", Map.of("source", "huggingface", "outcome", "new"));
    }

    static Set<String> keys(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(ConsumerRecord::key).collect(Collectors.toSet());
    }

    private JsonNode value(List<ConsumerRecord<String, String>> records, String key) throws Exception {
        List<ConsumerRecord<String, String>> matching = withKey(records, key);
        assertEquals(1, matching.size(), key);
        return mapper.readTree(matching.get(0).value());
    }

    static final String LOCALLY_LINEAR_ABSTRACT = "We demonstrate that the inference operations of several open-weight "
            + "large language models (LLMs) can be mapped to an exactly equivalent linear system for an input sequence "
            + "without modifying the model weights or altering output predictions. Extending techniques from image "
            + "diffusion models that exhibit local or piecewise linearity, we strategically alter the gradient "
            + "computation with respect to a given input sequence for a next-token prediction such that the Jacobian "
            + "of the model nearly exactly reproduces the forward prediction with a linear system. We demonstrate this "
            + "approach across models (Llama 3, Gemma 3, Qwen 3, Phi 4, Mistral Ministral and OLMo 2, up to Llama 3.3 "
            + "70B Q4) and show through the singular value decomposition of the detached Jacobian that these LLMs "
            + "operate in extremely low-dimensional subspaces where many of the largest singular vectors decode to "
            + "concepts related to the most-likely output token. This approach also allows us to examine the "
            + "operation of each successive layer (and its attention and MLP components) as nearly-exact linear "
            + "systems and observe the emergence of semantic concepts. Despite their expressive power and global "
            + "nonlinearity, modern LLMs can be interpreted through nearly-exact locally linear decompositions that "
            + "provide insights into their internal representations and reveal interpretable semantic structures in "
            + "the next-token prediction process.";
}
