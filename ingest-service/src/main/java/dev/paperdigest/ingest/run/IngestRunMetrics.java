package dev.paperdigest.ingest.run;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.paperdigest.ingest.source.PaperSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.arc.All;
import io.quarkus.runtime.Startup;

/**
 * Per-source run metrics: {@code paperdigest_ingest_runs_total{source,status}} (status {@code SUCCEEDED} or
 * {@code FAILED}), {@code paperdigest_ingest_run_papers_total{source,outcome}} and
 * {@code paperdigest_ingest_run_duration_seconds{source,status}}. Every series is registered at start, so a source
 * that never failed shows 0 failures rather than no data.
 */
@ApplicationScoped
@Startup
public class IngestRunMetrics {

    private static final List<RunStatus> ENDS = List.of(RunStatus.SUCCEEDED, RunStatus.FAILED);
    private static final List<String> PAPER_OUTCOMES =
            List.of("fetched", "new", "already-known", "revised", "skipped", "error");

    private final MeterRegistry registry;

    public IngestRunMetrics(MeterRegistry registry, @All List<PaperSource> sources) {
        this.registry = registry;
        for (PaperSource source : sources) {
            ENDS.forEach(status -> {
                runs(source.name(), status);
                duration(source.name(), status);
            });
            PAPER_OUTCOMES.forEach(outcome -> papers(source.name(), outcome));
        }
    }

    void finished(String source, RunStatus status, RunTally tally, Duration duration) {
        runs(source, status).increment();
        duration(source, status).record(duration);
        papers(source, "fetched").increment(tally.fetched());
        papers(source, "new").increment(tally.newPapers());
        papers(source, "already-known").increment(tally.alreadyKnown());
        papers(source, "revised").increment(tally.revised());
        papers(source, "skipped").increment(tally.skipped());
        papers(source, "error").increment(tally.errors());
    }

    private Counter runs(String source, RunStatus status) {
        return Counter.builder("paperdigest.ingest.runs").description("Finished ingest runs")
                .tag("source", source).tag("status", status.name()).register(registry);
    }

    private Timer duration(String source, RunStatus status) {
        return Timer.builder("paperdigest.ingest.run.duration").description("Time from the start to the end of a run")
                .tag("source", source).tag("status", status.name()).register(registry);
    }

    private Counter papers(String source, String outcome) {
        return Counter.builder("paperdigest.ingest.run.papers").description("Feed entries of finished runs, by outcome")
                .tag("source", source).tag("outcome", outcome).register(registry);
    }
}
