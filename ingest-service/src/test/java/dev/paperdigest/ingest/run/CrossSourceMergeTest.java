package dev.paperdigest.ingest.run;

import static dev.paperdigest.ingest.event.PapersTopicProbe.withKey;
import static dev.paperdigest.ingest.run.RunsApi.counts;
import static dev.paperdigest.ingest.source.FeedServer.json;
import static dev.paperdigest.ingest.source.FeedServer.xml;
import static dev.paperdigest.ingest.source.HandMadeFeeds.apiEntry;
import static dev.paperdigest.ingest.source.HandMadeFeeds.apiPage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import dev.paperdigest.ingest.RealInfrastructure;
import dev.paperdigest.ingest.paper.Paper;
import dev.paperdigest.ingest.paper.PaperLinks;
import dev.paperdigest.ingest.paper.TestPapers;
import dev.paperdigest.ingest.source.HandMadeFeeds;
import dev.paperdigest.ingest.source.RecordedFeeds;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The same paper from two feeds: one papers.new record, one stored row that holds what each feed knew. */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL)
class CrossSourceMergeTest extends FeedRunTest {

    @Test
    void arxivAddsItsCategoriesToAHuggingFaceFirstPaperWithoutAnnouncingItAgain() {
        TestPapers.forget(HuggingFaceRunTest.IDS_2025);
        feeds.huggingFaceDay("2025-06-02", json(RecordedFeeds.bytes(HuggingFaceRunTest.DAY_2025)));
        assertEquals(counts(20, 20, 0, 0, 0, 0), counts(RunsApi.run("huggingface", "2025-06-02")));
        String other = TestPapers.freshId();
        feeds.api(xml(apiPage(2, 0, 2,
                apiEntry("2505.24864v1", "ProRL: Prolonged Reinforcement Learning Expands Reasoning Boundaries in Large "
                        + "Language Models", "2025-05-30T17:59:01Z", "cs.CL,cs.AI,cs.LG", "Mingjie Liu", "Shizhe Diao",
                        "Ximing Lu", "Jian Hu", "Xin Dong", "Yejin Choi", "Jan Kautz", "Yi Dong"),
                apiEntry(other + "v1", "Another paper", "2025-05-30T12:00:00Z", "cs.LG", "Ada Lovelace"))));

        JsonPath run = RunsApi.run("arxiv-api", "2025-05-31");

        assertEquals(counts(2, 1, 1, 0, 0, 0), counts(run));
        List<ConsumerRecord<String, String>> records = TestPapers.publishMarkerAndAwait(topic);
        assertEquals(1, withKey(records, "2505.24864").size(), "one announcement, from the first source");
        assertEquals(1, withKey(records, other).size());
        Paper merged = TestPapers.stored("2505.24864");
        assertArrayEquals(new String[] { "cs.CL", "cs.AI", "cs.LG" }, merged.categories);
        assertEquals("cs.CL", merged.primaryCategory);
        assertEquals(1, merged.version);
        assertArrayEquals(new String[] { "huggingface", "arxiv-api" }, merged.sources);
        assertEquals(35, merged.upvotes, "Hugging Face's upvotes stay");
        assertEquals(new PaperLinks("https://arxiv.org/abs/2505.24864", "https://arxiv.org/pdf/2505.24864",
                "https://huggingface.co/papers/2505.24864"), merged.links);
    }

    @Test
    void huggingFaceAddsUpvotesAndItsPageToAnArxivFirstPaper() {
        TestPapers.forget(ArxivRssRunTest.CS_LG_IDS);
        feeds.rss(xml(RecordedFeeds.bytes(ArxivRssRunTest.CS_LG)));
        assertEquals(counts(3, 3, 0, 0, 0, 0), counts(RunsApi.run("arxiv-rss", null)));
        // Hugging Face spells one name its own way: arXiv's byline stays.
        feeds.huggingFaceDay("2026-04-27", json(HandMadeFeeds.huggingFaceDay("2604.21952",
                "Focus Session: Hardware and Software Techniques for Accelerating Multimodal Foundation Models", 12,
                "Muhammad Shafique", "Abdul Basit", "Muhammad Abdullah Hanif", "Alberto Marchisio",
                "Rachmad Vidya", "Wicaksana Putra", "Minghao Shao")));

        JsonPath run = RunsApi.run("huggingface", "2026-04-27");

        assertEquals(counts(1, 0, 1, 0, 0, 0), counts(run));
        List<ConsumerRecord<String, String>> records = TestPapers.publishMarkerAndAwait(topic);
        assertEquals(1, withKey(records, "2604.21952").size(), "one announcement, from the first source");
        Paper merged = TestPapers.stored("2604.21952");
        assertEquals(12, merged.upvotes);
        assertEquals("https://huggingface.co/papers/2604.21952", merged.links.huggingface());
        assertArrayEquals(new String[] { "arxiv-rss", "huggingface" }, merged.sources);
        assertArrayEquals(new String[] { "Muhammad Shafique", "Abdul Basit", "Muhammad Abdullah Hanif",
                "Alberto Marchisio", "Rachmad Vidya Wicaksana Putra", "Minghao Shao" }, merged.authors);
        assertArrayEquals(new String[] { "cs.LG", "cs.AI", "cs.AR", "cs.NE", "cs.RO" }, merged.categories);
        assertEquals(1, merged.version);
    }
}
