package dev.paperdigest.ingest;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Old history goes; what the relay and the catch-up of a failed schedule still need stays. */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL)
class HistoryPrunerTest {

    @Inject
    HistoryPruner pruner;

    @Inject
    EntityManager entityManager;

    @Test
    void publishedOutboxRowsPastTheirRetentionAreDeletedUnpublishedOnesNever() {
        UUID oldPublished = outboxRow("now() - interval '8 days'");
        UUID recentPublished = outboxRow("now() - interval '6 days'");
        UUID oldUnpublished = outboxRow(null);
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                "update ingest.outbox_event set created_at = now() - interval '30 days' where id = :id")
                .setParameter("id", oldUnpublished).executeUpdate());

        assertTrue(pruner.prune().outboxRows() >= 1);

        assertEquals(List.of(recentPublished, oldUnpublished).stream().sorted().toList(),
                existing("outbox_event", List.of(oldPublished, recentPublished, oldUnpublished)).stream().sorted().toList());
    }

    @Test
    void oldRunsAreDeletedExceptWhatTheScheduleCatchesUpFromAndRunsStillRunning() {
        String source = "prune-test-" + UUID.randomUUID();
        long oldestSucceeded = run(source, "SCHEDULE", "SUCCEEDED", 120);
        long lastSucceeded = run(source, "SCHEDULE", "SUCCEEDED", 110);
        long lastScheduledFailed = run(source, "SCHEDULE", "FAILED", 100);
        long oldRequest = run(source, "REQUEST", "SUCCEEDED", 95);
        long stuck = run(source, "REQUEST", "RUNNING", 94);
        long recentRequest = run(source, "REQUEST", "FAILED", 10);

        assertTrue(pruner.prune().runs() >= 2);

        assertEquals(List.of(lastSucceeded, lastScheduledFailed, stuck, recentRequest), existing("ingest_run",
                List.of(oldestSucceeded, lastSucceeded, lastScheduledFailed, oldRequest, stuck, recentRequest)));
    }

    private UUID outboxRow(String publishedAt) {
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                "insert into ingest.outbox_event (id, aggregate_id, type, payload, created_at, published_at) values"
                        + " (:id, '2601.00001', 'dev.paperdigest.paper.new.v1', '{}', now() - interval '9 days', "
                        + (publishedAt == null ? "null" : publishedAt) + ")")
                .setParameter("id", id).executeUpdate());
        return id;
    }

    private long run(String source, String trigger, String status, int daysAgo) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                "insert into ingest.ingest_run (source, trigger, status, started_at, finished_at) values (:source, :trigger,"
                        + " :status, now() - make_interval(days => :days), case when :status = 'RUNNING' then null"
                        + " else now() - make_interval(days => :days) end) returning id")
                .setParameter("source", source).setParameter("trigger", trigger).setParameter("status", status)
                .setParameter("days", daysAgo).getSingleResult()).longValue());
    }

    /** Those of the ids still in the table, in the order given. */
    private <T> List<T> existing(String table, List<T> ids) {
        List<?> found = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(
                "select id from ingest." + table + " where id in (:ids)").setParameter("ids", ids).getResultList());
        List<String> present = found.stream().map(String::valueOf).toList();
        return ids.stream().filter(id -> present.contains(String.valueOf(id))).toList();
    }
}
