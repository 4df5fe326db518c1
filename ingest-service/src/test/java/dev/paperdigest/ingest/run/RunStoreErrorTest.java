package dev.paperdigest.ingest.run;

import static dev.paperdigest.ingest.event.PapersTopicProbe.withKey;
import static dev.paperdigest.ingest.run.RunsApi.counts;
import static dev.paperdigest.ingest.source.FeedServer.xml;
import static dev.paperdigest.ingest.source.HandMadeFeeds.rss;
import static dev.paperdigest.ingest.source.HandMadeFeeds.rssItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.paperdigest.ingest.RealInfrastructure;
import dev.paperdigest.ingest.paper.TestPapers;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * A paper the database refuses costs that paper, counted as an error with its reason, not the run: a real
 * refusal, by a check constraint this test adds to the paper table for its duration.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL)
class RunStoreErrorTest extends FeedRunTest {

    static final String REFUSED_TITLE = "Refused by the database";

    @Inject
    EntityManager entityManager;

    @BeforeEach
    void refuseOneTitle() {
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                "alter table {h-schema}paper add constraint test_refused_title check (title <> '" + REFUSED_TITLE + "')")
                .executeUpdate());
    }

    @AfterEach
    void acceptEveryTitle() {
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                "alter table {h-schema}paper drop constraint test_refused_title").executeUpdate());
    }

    @Test
    void aRefusedPaperIsAnErrorAndTheOthersAreStored() {
        String before = TestPapers.freshId();
        String refused = TestPapers.freshId();
        String after = TestPapers.freshId();
        feeds.rss(xml(rss(
                rssItem(before + "v1", "new", "Stored before", "cs.LG", "Ada Lovelace"),
                rssItem(refused + "v1", "new", REFUSED_TITLE, "cs.LG", "Alan Turing"),
                rssItem(after + "v1", "new", "Stored after", "cs.LG", "Grace Hopper"))));

        JsonPath run = RunsApi.run("arxiv-rss", null);

        assertEquals("SUCCEEDED", run.getString("status"));
        assertEquals(counts(3, 2, 0, 0, 0, 1), counts(run));
        List<String> errors = run.getList("errorReasons");
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).startsWith(refused + ": ") && errors.get(0).contains("test_refused_title"), errors.get(0));
        List<ConsumerRecord<String, String>> records = TestPapers.publishMarkerAndAwait(topic);
        assertEquals(1, withKey(records, before).size());
        assertEquals(1, withKey(records, after).size());
        assertTrue(withKey(records, refused).isEmpty());
    }

    @Test
    void aRunWhosePapersAreAllRefusedFails() {
        feeds.rss(xml(rss(rssItem(TestPapers.freshId() + "v1", "new", REFUSED_TITLE, "cs.LG", "Alan Turing"))));

        JsonPath run = RunsApi.run("arxiv-rss", null);

        assertEquals("FAILED", run.getString("status"));
        assertTrue(run.getString("failureReason").startsWith("no paper could be stored; first error: "),
                run.getString("failureReason"));
        assertEquals(counts(1, 0, 0, 0, 0, 1), counts(run));
    }
}
