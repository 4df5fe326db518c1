package dev.paperdigest.ingest.run;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.paperdigest.ingest.event.PapersTopicProbe.withKey;
import static dev.paperdigest.ingest.run.RunsApi.counts;
import static dev.paperdigest.ingest.source.FeedServer.xml;
import static dev.paperdigest.ingest.source.HandMadeFeeds.apiEntry;
import static dev.paperdigest.ingest.source.HandMadeFeeds.apiPage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.stubbing.Scenario;

import dev.paperdigest.ingest.RealInfrastructure;
import dev.paperdigest.ingest.paper.TestPapers;
import dev.paperdigest.ingest.source.FeedServer;
import dev.paperdigest.ingest.source.RecordedFeeds;
import dev.paperdigest.ingest.source.RecordedFeeds.RecordedResponse;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Runs of the arXiv API source against recorded and hand-made answers served by WireMock, including each way a
 * feed fails: an error entry, 5xx (transient, then persistent) and no answer in time.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL)
class ArxivApiRunTest extends FeedRunTest {

    static final String DEL_MAESTRO = "arxiv_api/query_au-del_maestro_2016-10.xml";
    static final List<String> DEL_MAESTRO_IDS = List.of("1201.4869", "cond-mat/0412498", "cond-mat/0603029",
            "1005.5383", "1303.6954", "1312.6177", "1412.6529", "cond-mat/0607501", "cond-mat/0702661", "0807.2873");

    @Test
    void aRecordedQueryIsPublishedNormalizedAndPagingStopsBeforeTheWindow() throws Exception {
        TestPapers.forget(DEL_MAESTRO_IDS);
        // The recording holds papers of 2004 to 2014; a 3-day window around one of them keeps that one only.
        feeds.api(xml(RecordedFeeds.bytes(DEL_MAESTRO)));

        JsonPath run = RunsApi.run("arxiv-api", "2006-03-03");

        assertEquals("SUCCEEDED", run.getString("status"));
        assertEquals(counts(10, 1, 0, 0, 9, 0), counts(run));
        List<String> skipped = run.getList("skippedReasons", String.class);
        assertEquals(9, skipped.size());
        assertEquals("entry 1 (1201.4869): outside the requested window (2006-03-01 to 2006-03-03): "
                + "published 2012-01-23T21:15:02Z", skipped.get(0));
        skipped.forEach(reason -> assertTrue(reason.contains("outside the requested window"), reason));
        // 31 results, but the page already reaches back before the window: one call.
        feeds.wireMock().verifyThat(1, getRequestedFor(urlPathEqualTo(FeedServer.API_PATH))
                .withQueryParam("search_query", equalTo(
                        "(cat:cs.AI OR cat:cs.CL OR cat:cs.CV OR cat:cs.LG) AND submittedDate:[200603010000 TO 200603032359]"))
                .withQueryParam("sortBy", equalTo("submittedDate"))
                .withQueryParam("sortOrder", equalTo("descending"))
                .withQueryParam("start", equalTo("0"))
                .withQueryParam("max_results", equalTo("100"))
                .withHeader("User-Agent", containing("paper-digest")));
        List<ConsumerRecord<String, String>> records = topic.awaitRecords(r -> !withKey(r, "cond-mat/0603029").isEmpty());
        assertEquals(mapper.readTree("""
                {"id": "cond-mat/0603029", "version": 1,
                 "title": "From stripe to checkerboard order on the square lattice in the presence of quenched disorder",
                 "abstract": "%s",
                 "authors": ["Adrian Del Maestro", "Bernd Rosenow", "Subir Sachdev"],
                 "categories": ["cond-mat.str-el", "cond-mat.supr-con"], "primaryCategory": "cond-mat.str-el",
                 "publishedAt": "2006-03-02T02:22:45Z",
                 "links": {"abs": "https://arxiv.org/abs/cond-mat/0603029",
                           "pdf": "https://arxiv.org/pdf/cond-mat/0603029"},
                 "sources": ["arxiv-api"]}""".formatted(STRIPE_ABSTRACT)),
                mapper.readTree(withKey(records, "cond-mat/0603029").get(0).value()));

        JsonPath later = RunsApi.run("arxiv-api", "2014-12-21");

        assertEquals(counts(10, 1, 0, 0, 9, 0), counts(later));
        List<ConsumerRecord<String, String>> laterRecords = topic.awaitRecords(r -> !withKey(r, "1412.6529").isEmpty());
        var entanglement = mapper.readTree(withKey(laterRecords, "1412.6529").get(0).value());
        assertEquals(2, entanglement.get("version").asInt());
        assertEquals("Particle partition entanglement of bosonic Luttinger liquids", entanglement.get("title").asText());
        assertEquals(mapper.readTree("[\"C. M. Herdman\", \"A. Del Maestro\"]"), entanglement.get("authors"));
        assertTrue(entanglement.get("abstract").asText().startsWith("We consider the R\\'{e}nyi entanglement entropy"),
                "LaTeX kept as written");
        List<ConsumerRecord<String, String>> all = TestPapers.publishMarkerAndAwait(topic);
        DEL_MAESTRO_IDS.forEach(id -> assertEquals(List.of("cond-mat/0603029", "1412.6529").contains(id) ? 1 : 0,
                withKey(all, id).size(), id));
    }

    @Test
    void pagesAreFollowedUntilTheResultsEnd() {
        String first = TestPapers.freshId();
        String second = TestPapers.freshId();
        String third = TestPapers.freshId();
        feeds.apiPage(0, xml(apiPage(3, 0, 2,
                apiEntry(first + "v1", "First", "2026-04-27T10:00:00Z", "cs.LG", "Ada Lovelace"),
                apiEntry(second + "v2", "Second", "2026-04-26T10:00:00Z", "cs.CL,cs.AI", "Alan Turing"))));
        feeds.apiPage(2, xml(apiPage(3, 2, 2,
                apiEntry(third + "v1", "Third", "2026-04-25T10:00:00Z", "cs.CV", "Grace Hopper"))));

        JsonPath run = RunsApi.run("arxiv-api", "2026-04-27");

        assertEquals(counts(3, 3, 0, 0, 0, 0), counts(run));
        feeds.wireMock().verifyThat(2, getRequestedFor(urlPathEqualTo(FeedServer.API_PATH)));
        feeds.wireMock().verifyThat(1, getRequestedFor(urlPathEqualTo(FeedServer.API_PATH))
                .withQueryParam("start", equalTo("2")));
        List<ConsumerRecord<String, String>> records = topic.awaitRecords(
                r -> List.of(first, second, third).stream().allMatch(id -> !withKey(r, id).isEmpty()));
        assertTrue(withKey(records, second).get(0).value().contains("\"categories\":[\"cs.CL\",\"cs.AI\"]"));
    }

    @Test
    void anErrorEntryFailsTheRunWithArxivsReason() {
        RecordedResponse recorded = RecordedFeeds.response("arxiv_api/recorded_error_id-abc_http400_2026-04-12.json");
        feeds.api(xml(recorded.statusCode(), recorded.body()));

        JsonPath run = RunsApi.run("arxiv-api", "2026-04-12");

        assertEquals("FAILED", run.getString("status"));
        assertEquals("arXiv API error (HTTP 400): incorrect id format for abc", run.getString("failureReason"));
        assertEquals(counts(0, 0, 0, 0, 0, 0), counts(run));
        feeds.wireMock().verifyThat(1, getRequestedFor(urlPathEqualTo(FeedServer.API_PATH)));
    }

    @Test
    void anEmptyResultIsANormalRunWithNothingNew() {
        RecordedResponse recorded = RecordedFeeds.response("arxiv_api/recorded_empty_id-0000.0000_2026-04-12.json");
        feeds.api(xml(recorded.statusCode(), recorded.body()));

        JsonPath run = RunsApi.run("arxiv-api", "2026-04-12");

        assertEquals("SUCCEEDED", run.getString("status"));
        assertEquals(counts(0, 0, 0, 0, 0, 0), counts(run));
    }

    @Test
    void aTransientServerErrorIsTriedAgain() {
        String id = TestPapers.freshId();
        feeds.wireMock().register(FeedServer.apiQuery().inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503).withBody("busy")).willSetStateTo("recovered"));
        feeds.wireMock().register(FeedServer.apiQuery().inScenario("flaky").whenScenarioStateIs("recovered")
                .willReturn(xml(apiPage(1, 0, 1, apiEntry(id + "v1", "After a retry", "2026-04-27T10:00:00Z", "cs.LG",
                        "Ada Lovelace")))));

        JsonPath run = RunsApi.run("arxiv-api", "2026-04-27");

        assertEquals("SUCCEEDED", run.getString("status"));
        assertEquals(counts(1, 1, 0, 0, 0, 0), counts(run));
        feeds.wireMock().verifyThat(2, getRequestedFor(urlPathEqualTo(FeedServer.API_PATH)));
        assertEquals(1, withKey(topic.awaitRecords(r -> !withKey(r, id).isEmpty()), id).size());
    }

    @Test
    void aPersistentServerErrorFailsTheRunAfterEveryTry() {
        feeds.api(aResponse().withStatus(502).withBody("<html>Bad Gateway</html>"));

        JsonPath run = RunsApi.run("arxiv-api", "2026-04-27");

        assertEquals("FAILED", run.getString("status"));
        assertTrue(run.getString("failureReason").matches("HTTP 502 from " + feedBase
                + "/api/query\\?search_query=.* \\(gave up after 3 tries\\)"), run.getString("failureReason"));
        feeds.wireMock().verifyThat(3, getRequestedFor(urlPathEqualTo(FeedServer.API_PATH)));
    }

    @Test
    void noAnswerInTimeFailsTheRunAfterEveryTry() {
        String id = TestPapers.freshId();
        // Slower than ingest.http.request-timeout (2 s in tests).
        feeds.api(xml(apiPage(1, 0, 1, apiEntry(id + "v1", "Too late", "2026-04-27T10:00:00Z", "cs.LG", "Ada Lovelace")))
                .withFixedDelay(3_000));

        JsonPath run = RunsApi.run("arxiv-api", "2026-04-27");

        assertEquals("FAILED", run.getString("status"));
        assertTrue(run.getString("failureReason").matches("no answer from " + feedBase
                + "/api/query\\?.* within 2000 ms \\(gave up after 3 tries\\)"), run.getString("failureReason"));
        assertTrue(withKey(TestPapers.publishMarkerAndAwait(topic), id).isEmpty(), "nothing published");
        assertEquals(null, TestPapers.stored(id), "nothing stored");
    }

    @Test
    void aFailingLaterPageStoresNothingOfTheRun() {
        String id = TestPapers.freshId();
        feeds.apiPage(0, xml(apiPage(2, 0, 1, apiEntry(id + "v1", "Page one", "2026-04-27T10:00:00Z", "cs.LG", "Ada"))));
        feeds.apiPage(1, aResponse().withStatus(500));

        JsonPath run = RunsApi.run("arxiv-api", "2026-04-27");

        assertEquals("FAILED", run.getString("status"));
        assertTrue(run.getString("failureReason").matches("HTTP 500 from " + feedBase
                + "/api/query\\?.*&start=1&.* \\(gave up after 3 tries\\)"), run.getString("failureReason"));
        assertEquals(null, TestPapers.stored(id), "all pages or nothing");
        assertTrue(withKey(TestPapers.publishMarkerAndAwait(topic), id).isEmpty(), "nothing published");
    }

    static final String STRIPE_ABSTRACT = "We discuss the effects of quenched disorder on a model of charge density "
            + "wave (CDW) ordering on the square lattice. Our model may be applicable to the cuprate superconductors, "
            + "where a random electrostatic potential exists in the CuO2 planes as a result of the presence of charged "
            + "dopants. We argue that the presence of a random potential can affect the unidirectionality of the CDW "
            + "order, characterized by an Ising order parameter. Coupling to a unidirectional CDW, the random "
            + "potential can lead to the formation of domains with 90 degree relative orientation, thus tending to "
            + "restore the rotational symmetry of the underlying lattice. We find that the correlation length of the "
            + "Ising order can be significantly larger than the CDW correlation length. For a checkerboard CDW on the "
            + "other hand, disorder generates spatial anisotropies on short length scales and thus some degree of "
            + "unidirectionality. We quantify these disorder effects and suggest new techniques for analyzing the "
            + "local density of states (LDOS) data measured in scanning tunneling microscopy experiments.";
}
