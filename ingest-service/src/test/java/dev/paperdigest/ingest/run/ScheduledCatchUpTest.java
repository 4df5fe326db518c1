package dev.paperdigest.ingest.run;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.paperdigest.ingest.source.FeedServer.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.client.WireMock;

import dev.paperdigest.ingest.RealInfrastructure;
import dev.paperdigest.ingest.source.FeedServer;
import dev.paperdigest.ingest.source.PaperSource;
import dev.paperdigest.ingest.source.RecordedFeeds;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * A scheduled run that failed (the database away while it stored, a feed error) is caught up by the next tick: its
 * run also fetches every day since the last successful scheduled run, so the days in between are not lost.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL)
class ScheduledCatchUpTest extends FeedRunTest {

    @Inject
    IngestSchedule schedule;

    @Inject
    IngestRunner runner;

    @Inject
    IngestRunRepository runs;

    @Test
    void theTickAfterAFailedScheduledRunAlsoFetchesTheDaysItMissed() {
        PaperSource huggingFace = runner.source("huggingface").orElseThrow();
        LocalDate today = LocalDate.now(ZoneOffset.UTC); // ingest.huggingface.time-zone
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        // Two days ago the last scheduled run succeeded; yesterday's failed (the database was away).
        recordScheduledRun(now.minus(Duration.ofDays(2)), RunStatus.SUCCEEDED);
        recordScheduledRun(now.minus(Duration.ofDays(1)), RunStatus.FAILED);
        feeds.huggingFaceDay(today.minusDays(2).toString(), json(RecordedFeeds.bytes(HuggingFaceRunTest.DAY_2024)));
        feeds.huggingFaceDay(today.minusDays(1).toString(), json(RecordedFeeds.bytes(HuggingFaceRunTest.DAY_2025)));
        feeds.huggingFaceDay(today.toString(), json("[]".getBytes()));

        assertEquals(Optional.of(today.minusDays(2)), schedule.catchUpFrom(huggingFace));
        schedule.runScheduled(huggingFace);
        JsonPath run = RunsApi.awaitEnd(runs.latestScheduled("huggingface").orElseThrow().id);

        assertEquals("SUCCEEDED", run.getString("status"), run.prettify());
        assertEquals(today.toString(), run.getString("requestedDate"));
        // Both missed days' papers, each once (13 + 20), new or already stored by an earlier test.
        assertEquals(HuggingFaceRunTest.IDS_2024.size() + HuggingFaceRunTest.IDS_2025.size(),
                run.getInt("counts.fetched"));
        assertEquals(run.getInt("counts.fetched"), run.getInt("counts.new") + run.getInt("counts.alreadyKnown"));
        for (int daysAgo = 0; daysAgo <= 2; daysAgo++) {
            feeds.wireMock().verifyThat(1, getRequestedFor(urlPathEqualTo(FeedServer.HUGGING_FACE_PATH))
                    .withQueryParam("date", WireMock.equalTo(today.minusDays(daysAgo).toString())));
        }

        // Caught up: the next tick fetches only its own day again.
        assertTrue(schedule.catchUpFrom(huggingFace).isEmpty());
    }

    private void recordScheduledRun(Instant startedAt, RunStatus status) {
        long id = runs.start("huggingface", RunTrigger.SCHEDULE, startedAt.atZone(ZoneOffset.UTC).toLocalDate(),
                startedAt, Duration.ofDays(365)).orElseThrow();
        assertTrue(runs.finish(id, status, new RunTally(), status == RunStatus.FAILED ? "database unavailable" : null,
                startedAt.plusSeconds(1)));
    }
}
