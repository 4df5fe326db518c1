package dev.paperdigest.ingest.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.Test;

import dev.paperdigest.ingest.RealInfrastructure;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** The end of a run is recorded once: a run already marked FAILED keeps that outcome. */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL)
class RunFinishTest {

    // A source of its own, so that no run of a real source is taken as abandoned.
    static final String SOURCE = "test-finish-after-stale";

    @Inject
    IngestRunRepository runs;

    @Test
    void aRunMarkedAbandonedStaysFailedWhenItsOutcomeArrivesLate() {
        Instant started = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        long late = runs.start(SOURCE, RunTrigger.REQUEST, null, started, Duration.ofHours(1)).orElseThrow();
        // The next start, past stale-after, marks the first run FAILED as abandoned.
        long next = runs.start(SOURCE, RunTrigger.REQUEST, null, started.plusSeconds(2), Duration.ofSeconds(1))
                .orElseThrow();

        boolean recorded = runs.finish(late, RunStatus.SUCCEEDED, new RunTally(), null, started.plusSeconds(3));

        assertFalse(recorded);
        IngestRun run = runs.byId(late).orElseThrow();
        assertEquals(RunStatus.FAILED, run.status);
        assertTrue(run.failureReason.startsWith("abandoned"), run.failureReason);
        assertTrue(runs.finish(next, RunStatus.SUCCEEDED, new RunTally(), null, started.plusSeconds(3)));
        assertEquals(RunStatus.SUCCEEDED, runs.byId(next).orElseThrow().status);
    }

    @Test
    void aFailureReasonIsStoredWithoutControlCharacters() {
        Instant started = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        long id = runs.start(SOURCE, RunTrigger.REQUEST, null, started, Duration.ofHours(1)).orElseThrow();

        assertTrue(runs.fail(id, "HTTP 500: \u0000bad\u0007 answer", started.plusSeconds(1)));

        IngestRun run = runs.byId(id).orElseThrow();
        assertEquals(RunStatus.FAILED, run.status);
        assertEquals("HTTP 500: bad answer", run.failureReason);
        assertFalse(runs.fail(id, "again", started.plusSeconds(2)), "only a running run can fail");
    }
}
