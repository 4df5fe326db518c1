package dev.paperdigest.ingest.run;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Per-source run metrics: {@code paperdigest_ingest_runs_total{source,status}},
 * {@code paperdigest_ingest_run_papers_total{source,outcome}} and
 * {@code paperdigest_ingest_run_duration_seconds{source,status}}.
 */
@ApplicationScoped
public class IngestRunMetrics {

    private final MeterRegistry registry;

    public IngestRunMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void finished(String source, RunStatus status, RunTally tally, Duration duration) {
        Counter.builder("paperdigest.ingest.runs").description("Finished ingest runs")
                .tag("source", source).tag("status", status.name()).register(registry).increment();
        Timer.builder("paperdigest.ingest.run.duration").description("Time from the start to the end of a run")
                .tag("source", source).tag("status", status.name()).register(registry).record(duration);
        papers(source, "fetched", tally.fetched());
        papers(source, "new", tally.newPapers());
        papers(source, "already-known", tally.alreadyKnown());
        papers(source, "revised", tally.revised());
        papers(source, "skipped", tally.skipped());
        papers(source, "error", tally.errors());
    }

    private void papers(String source, String outcome, int count) {
        Counter.builder("paperdigest.ingest.run.papers").description("Feed entries of finished runs, by outcome")
                .tag("source", source).tag("outcome", outcome).register(registry).increment(count);
    }
}
