package dev.paperdigest.ingest.run;

import static dev.paperdigest.ingest.event.PapersTopicProbe.withKey;
import static dev.paperdigest.ingest.run.RunsApi.counts;
import static dev.paperdigest.ingest.source.FeedServer.json;
import static dev.paperdigest.ingest.source.FeedServer.xml;
import static dev.paperdigest.ingest.source.HandMadeFeeds.rss;
import static dev.paperdigest.ingest.source.HandMadeFeeds.rssItem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import dev.paperdigest.ingest.RealInfrastructure;
import dev.paperdigest.ingest.paper.Paper;
import dev.paperdigest.ingest.paper.TestPapers;
import dev.paperdigest.ingest.source.HandMadeFeeds;
import dev.paperdigest.ingest.source.RecordedFeeds;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Runs of the arXiv RSS source against recorded and hand-made feeds served by WireMock. */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL)
class ArxivRssRunTest extends FeedRunTest {

    static final String CS_LG = "arxiv_rss/rss_cs.LG_2026-04-27_excerpt.xml";
    static final List<String> CS_LG_IDS = List.of("2604.21952", "2604.21953", "2604.21956");

    @Test
    void theLatestAnnouncementIsPublishedNormalized() throws Exception {
        TestPapers.forget(CS_LG_IDS);
        feeds.rss(xml(RecordedFeeds.bytes(CS_LG)));

        JsonPath run = RunsApi.run("arxiv-rss", null);

        assertEquals("SUCCEEDED", run.getString("status"));
        assertFalse(run.getMap("").containsKey("requestedDate"), "RSS has no date: the latest announcement");
        assertEquals(counts(3, 3, 0, 0, 0, 0), counts(run));
        List<ConsumerRecord<String, String>> records = topic.awaitRecords(
                r -> CS_LG_IDS.stream().allMatch(id -> !withKey(r, id).isEmpty()));
        assertEquals(mapper.readTree("""
                {"id": "2604.21953", "version": 1,
                 "title": "Performance Anomaly Detection in Athletics: A Benchmarking System with Visual Analytics",
                 "abstract": "%s",
                 "authors": ["Blessed Madukoma", "Prasenjit Mitra"],
                 "categories": ["cs.LG", "cs.CY"], "primaryCategory": "cs.LG",
                 "publishedAt": "2026-04-27T04:00:00Z",
                 "links": {"abs": "https://arxiv.org/abs/2604.21953", "pdf": "https://arxiv.org/pdf/2604.21953"},
                 "sources": ["arxiv-rss"]}""".formatted(ATHLETICS_ABSTRACT)),
                mapper.readTree(withKey(records, "2604.21953").get(0).value()));
        var focus = mapper.readTree(withKey(records, "2604.21952").get(0).value());
        assertEquals(mapper.readTree("[\"Muhammad Shafique\", \"Abdul Basit\", \"Muhammad Abdullah Hanif\", "
                + "\"Alberto Marchisio\", \"Rachmad Vidya Wicaksana Putra\", \"Minghao Shao\"]"), focus.get("authors"));
        assertEquals(mapper.readTree("[\"cs.LG\", \"cs.AI\", \"cs.AR\", \"cs.NE\", \"cs.RO\"]"), focus.get("categories"));
    }

    @Test
    void anEmptyChannelIsANormalDayWithNothingNew() {
        feeds.rss(xml(RecordedFeeds.bytes("arxiv_rss/rss_test-archive_empty_2024-11-28.xml")));

        JsonPath run = RunsApi.run("arxiv-rss", null);

        assertEquals("SUCCEEDED", run.getString("status"));
        assertEquals(counts(0, 0, 0, 0, 0, 0), counts(run));
    }

    @Test
    void theErrorChannelFailsTheRunWithArxivsMessage() {
        feeds.rss(xml(RecordedFeeds.bytes("arxiv_rss/rss_error_bad-archive_2024-11-28.xml")));

        JsonPath run = RunsApi.run("arxiv-rss", null);

        assertEquals("FAILED", run.getString("status"));
        assertEquals("arXiv RSS error: Bad archive 'astroph'. Valid archive names are: astro-ph, cond-mat, cs, econ, "
                + "eess, gr-qc, hep-ex, hep-lat, hep-ph, hep-th, math, math-ph, nlin, nucl-ex, nucl-th, physics, q-bio, "
                + "q-fin, quant-ph, stat, test.", run.getString("failureReason"));
        assertEquals(counts(0, 0, 0, 0, 0, 0), counts(run));
    }

    @Test
    void replacementsAreRevisionsNeverNewPapers() {
        String known = TestPapers.freshId();
        given().contentType(ContentType.JSON).header("Authorization", TestPapers.ADMIN)
                .body(Map.of("id", known + "v1", "title", "First version", "abstract", "First abstract."))
                .post("/api/papers").then().statusCode(202).body("new", equalTo(1));
        String fresh = TestPapers.freshId();
        String crossListed = TestPapers.freshId();
        String replacedUnknown = TestPapers.freshId();
        feeds.rss(xml(rss(
                rssItem(fresh + "v1", "new", "A new paper", "cs.LG", "Ada Lovelace"),
                rssItem(known + "v2", "replace", "Second version", "cs.LG", "Ada Lovelace and Alan Turing"),
                rssItem(replacedUnknown + "v3", "replace-cross", "An old paper, revised", "math.OC,cs.LG", "Emmy Noether"),
                rssItem(crossListed + "v1", "cross", "Cross-listed", "stat.ML,cs.LG", "Grace Hopper"))));

        JsonPath run = RunsApi.run("arxiv-rss", null);

        assertEquals(counts(4, 2, 0, 2, 0, 0), counts(run));
        List<ConsumerRecord<String, String>> records = TestPapers.publishMarkerAndAwait(topic);
        assertEquals(1, withKey(records, fresh).size());
        assertEquals(1, withKey(records, crossListed).size());
        assertEquals(1, withKey(records, known).size(), "announced when posted; its new version is not announced");
        assertTrue(withKey(records, replacedUnknown).isEmpty(), "a replacement is not a new paper");
        Paper revised = TestPapers.stored(known);
        assertEquals(2, revised.version);
        assertEquals("Second version", revised.title);
        assertEquals("The abstract of " + known + "v2, hard-wrapped like arXiv's.", revised.abstractText);
        assertArrayEquals(new String[] { "Ada Lovelace", "Alan Turing" }, revised.authors);
        assertEquals(3, TestPapers.stored(replacedUnknown).version, "recorded, so that no later report announces it");

        // Hugging Face featuring the replaced paper later finds it known.
        feeds.huggingFaceDay("2026-05-04", json(HandMadeFeeds.huggingFaceDay(replacedUnknown, "An old paper, revised", 3,
                "Emmy Noether")));
        assertEquals(counts(1, 0, 1, 0, 0, 0), counts(RunsApi.run("huggingface", "2026-05-04")));
        assertTrue(withKey(TestPapers.publishMarkerAndAwait(topic), replacedUnknown).isEmpty());
    }

    @Test
    void aPaperListedTwiceInOneFeedIsOnePaper() {
        String id = TestPapers.freshId();
        feeds.rss(xml(rss(
                rssItem(id + "v1", "new", "Listed twice", "cs.LG", "Ada Lovelace"),
                rssItem(id + "v1", "cross", "Listed twice", "cs.LG", "Ada Lovelace"))));

        JsonPath run = RunsApi.run("arxiv-rss", null);

        assertEquals(counts(2, 1, 1, 0, 0, 0), counts(run));
        assertEquals(1, withKey(TestPapers.publishMarkerAndAwait(topic), id).size());
    }

    static final String ATHLETICS_ABSTRACT = "Anti-doping programs rely on biological testing to detect "
            + "performance-enhancing drugs, but such testing costs over $800 per sample and is limited by short "
            + "detection windows for many prohibited substances. These constraints leave large portions of athletes "
            + "without regular testing, motivating complementary screening approaches that analyze routine competition "
            + "results to identify suspicious performance patterns. We present a system that processes 1.6 million "
            + "athletics performances from over 19,000 competitions (2010-2025) using eight detection methods ranging "
            + "from statistical rules to machine learning and trajectory analysis. We validate all methods against "
            + "publicly confirmed anti-doping violations to measure their effectiveness in identifying sanctioned "
            + "athletes. Trajectory-based methods, which compare performances to expected career progression, achieve "
            + "the best balance between detecting violations and limiting false alarms, though all methods face "
            + "challenges from incomplete data and rare confirmed violations. The system provides an interactive "
            + "interface for expert-driven investigation, emphasizing transparency and human judgment to support, "
            + "rather than replace, established anti-doping processes.";
}
