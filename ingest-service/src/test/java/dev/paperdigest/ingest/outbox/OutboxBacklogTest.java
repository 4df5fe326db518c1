package dev.paperdigest.ingest.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.paperdigest.testsupport.Metrics;
import dev.paperdigest.ingest.RealInfrastructure;
import dev.paperdigest.ingest.event.NewPaperEvent;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL)
class OutboxBacklogTest {

    @Inject
    OutboxBacklog backlog;

    @Inject
    Scheduler scheduler;

    @Inject
    EntityManager entityManager;

    @Test
    void theGaugeShowsTheUnpublishedEventsAsLastCounted() {
        UUID eventId = UUID.randomUUID();
        scheduler.pause("outbox-relay");
        try {
            // Written straight into the table, so no commit hook wakes the relay: the row stays unpublished.
            QuarkusTransaction.requiringNew().run(() -> OutboxEvent.of(eventId, "2601.00001", NewPaperEvent.TYPE, "{}",
                    Instant.now().truncatedTo(ChronoUnit.MILLIS), false).persist());
            long unpublished = QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                    "select count(*) from ingest.outbox_event where published_at is null").getSingleResult()).longValue());

            backlog.count();

            assertTrue(unpublished >= 1, "the row written above");
            assertEquals(unpublished, Metrics.value("paperdigest_outbox_backlog", Map.of()));
        } finally {
            QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                    "delete from ingest.outbox_event where id = :id").setParameter("id", eventId).executeUpdate());
            scheduler.resume("outbox-relay");
        }
    }
}
