package dev.paperdigest.ingest.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import dev.paperdigest.ingest.web.DatabaseUnavailable;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;

/**
 * The gauge {@code paperdigest.outbox.backlog}: outbox events not published yet. Counted every 15 s rather than per
 * scrape, so scrapes never reach the database; while the database is away the last count stays (NaN before the
 * first one). A backlog that keeps growing means Kafka is not taking the events.
 */
@ApplicationScoped
@Startup
public class OutboxBacklog {

    private static final Logger LOG = Logger.getLogger(OutboxBacklog.class);

    private final EntityManager entityManager;
    private volatile double unpublished = Double.NaN;

    public OutboxBacklog(EntityManager entityManager, MeterRegistry registry) {
        this.entityManager = entityManager;
        Gauge.builder("paperdigest.outbox.backlog", this, backlog -> backlog.unpublished)
                .description("Outbox events not yet acknowledged by the broker (counted every 15 s)")
                .register(registry);
    }

    @Scheduled(identity = "outbox-backlog", every = "15s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void count() {
        try {
            // A partial index holds exactly the unpublished rows (V1), so this stays cheap however long the history.
            unpublished = QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                    "select count(*) from {h-schema}outbox_event where published_at is null").getSingleResult())
                    .doubleValue());
        } catch (RuntimeException e) {
            // An outage is logged by whatever needs the database; anything else is a fault of this count.
            if (DatabaseUnavailable.reason(e).isPresent()) {
                LOG.debugf("Outbox backlog not counted, keeping the last count: %s", e.toString());
            } else {
                LOG.warnf(e, "Outbox backlog not counted, keeping the last count");
            }
        }
    }
}
