package dev.paperdigest.notify.event;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What an operator sees while the papers.new consumer waits for the database: the readiness check "papers.new
 * consumer" DOWN with the reason, the record it holds and since when (liveness is untouched: the consumer is alive,
 * only paused); the gauge {@code paperdigest.events.waiting.seconds} and the counter
 * {@code paperdigest.events.retries{cause}}; one WARN log when the wait starts, one INFO when it ends.
 */
@ApplicationScoped
@Startup // its meters exist before the first outage: a dashboard shows 0, not "no data"
public class ConsumerOutage {

    static final String CHECK_NAME = "papers.new consumer";
    private static final Logger LOG = Logger.getLogger(ConsumerOutage.class);

    private record Waiting(Instant since, String record, String reason) {
    }

    private final AtomicReference<Waiting> waiting = new AtomicReference<>();
    private final Counter unavailableRetries;
    private final Counter transientRetries;

    public ConsumerOutage(MeterRegistry meters) {
        this.unavailableRetries = Counter.builder("paperdigest.events.retries").tag("cause", "dependency-unavailable")
                .description("Attempts at a papers.new record that failed and are tried again").register(meters);
        this.transientRetries = Counter.builder("paperdigest.events.retries").tag("cause", "other")
                .description("Attempts at a papers.new record that failed and are tried again").register(meters);
        Gauge.builder("paperdigest.events.waiting.seconds", this, ConsumerOutage::waitingSeconds)
                .description("How long the papers.new consumer has been waiting for the database (0: not waiting)")
                .register(meters);
    }

    /** An attempt failed because the database is unavailable; the record is held and tried again. */
    void unavailable(String record, String reason) {
        unavailableRetries.increment();
        Waiting previous = waiting.getAndUpdate(current -> current == null
                ? new Waiting(Instant.now(), record, reason) : new Waiting(current.since(), record, reason));
        if (previous == null) {
            LOG.warnf("papers.new consumer paused at %s until the database is back (retrying, never dead-lettering): %s",
                    record, reason);
        } else {
            LOG.debugf("papers.new consumer still waiting at %s: %s", record, reason);
        }
    }

    /** An attempt failed for another reason; it is tried again a few times before the record is dead-lettered. */
    void otherFailure() {
        transientRetries.increment();
    }

    /** An attempt succeeded: whatever wait there was is over. */
    void processed() {
        Waiting previous = waiting.getAndSet(null);
        if (previous != null) {
            LOG.infof("papers.new consumer resumed: the database is back after %d s",
                    Duration.between(previous.since(), Instant.now()).toSeconds());
        }
    }

    double waitingSeconds() {
        Waiting current = waiting.get();
        return current == null ? 0 : Duration.between(current.since(), Instant.now()).toMillis() / 1000.0;
    }

    /** The readiness check (a bean of its own: {@code @Readiness} is a qualifier). */
    @ApplicationScoped
    @Readiness
    static class Check implements HealthCheck {

        private final ConsumerOutage outage;

        Check(ConsumerOutage outage) {
            this.outage = outage;
        }

        @Override
        public HealthCheckResponse call() {
            return outage.health();
        }
    }

    HealthCheckResponse health() {
        Waiting current = waiting.get();
        HealthCheckResponseBuilder response = HealthCheckResponse.named(CHECK_NAME);
        if (current == null) {
            return response.up().build();
        }
        return response.down()
                .withData("waitingSince", current.since().toString())
                .withData("record", current.record())
                .withData("reason", current.reason())
                .build();
    }
}
