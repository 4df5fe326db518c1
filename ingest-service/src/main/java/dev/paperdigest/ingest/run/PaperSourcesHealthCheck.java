package dev.paperdigest.ingest.run;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import dev.paperdigest.ingest.source.PaperSource;

/**
 * Shows in {@code /q/health/ready} how each source fared last time: status, times and the failure reason of its
 * latest run, and when it last succeeded. Always UP: a feed that fails does not make this instance unfit for
 * traffic (POST /api/papers, the relay and the other sources keep working), so it must not take it out of a load
 * balancer; it must be visible, which it is here, in the run records and in the metrics.
 */
@Readiness
@ApplicationScoped
public class PaperSourcesHealthCheck implements HealthCheck {

    static final String NAME = "Paper sources";

    private final IngestRunner runner;
    private final IngestRunRepository runs;

    public PaperSourcesHealthCheck(IngestRunner runner, IngestRunRepository runs) {
        this.runner = runner;
        this.runs = runs;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME).up();
        for (PaperSource source : runner.sources()) {
            String name = source.name();
            response.withData(name + ".enabled", source.schedule().enabled());
            try {
                Optional<IngestRun> latest = runs.latest(name);
                if (latest.isEmpty()) {
                    response.withData(name + ".lastRun", "none yet");
                    continue;
                }
                IngestRun run = latest.get();
                response.withData(name + ".lastRun", IngestRunResource.PATH + "/" + run.id);
                response.withData(name + ".lastRunStatus", run.status.name());
                response.withData(name + ".lastRunStartedAt", run.startedAt.toString());
                if (run.finishedAt != null) {
                    response.withData(name + ".lastRunFinishedAt", run.finishedAt.toString());
                }
                if (run.failureReason != null) {
                    response.withData(name + ".lastFailureReason", run.failureReason);
                }
                runs.latestSucceeded(name).ifPresent(ok -> response.withData(name + ".lastSucceededAt",
                        ok.finishedAt.toString()));
            } catch (RuntimeException e) {
                // The database check reports the database; here it only means no run history to show.
                response.withData(name + ".lastRun", "unknown: " + e.getClass().getSimpleName());
            }
        }
        return response.build();
    }
}
