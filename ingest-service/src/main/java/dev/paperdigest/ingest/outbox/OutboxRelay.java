package dev.paperdigest.ingest.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.persistence.EntityManager;
import jakarta.transaction.InvalidTransactionException;
import jakarta.transaction.SystemException;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;

import org.apache.kafka.common.header.internals.RecordHeader;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import dev.paperdigest.ingest.IngestConfig;
import dev.paperdigest.ingest.event.NewPaperEvent;
import dev.paperdigest.ingest.event.PapersTopic;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Publishes outbox events to {@code papers.new}: claims unpublished rows in order with
 * {@code FOR UPDATE SKIP LOCKED} (so several instances share the work without sending a row twice at once), sends
 * them as CloudEvents in binary mode, waits until the broker acknowledged every record of the batch and only then
 * marks the rows published, in the same transaction. A crash between the acknowledgement and the commit re-sends
 * the batch with the same {@code ce_id}s, which consumers drop: at-least-once, never lost.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    // {h-schema} is Hibernate's placeholder for the default schema (ingest).
    private static final String CLAIM_SQL = """
            select * from {h-schema}outbox_event
            where published_at is null
            order by seq
            limit :limit
            for update skip locked""";

    private final MutinyEmitter<String> emitter;
    private final EntityManager entityManager;
    private final TransactionManager transactionManager;
    private final IngestConfig.Outbox config;
    private final Counter published;

    /** One relay loop per instance at a time; the database keeps instances apart. */
    private final AtomicBoolean running = new AtomicBoolean();
    /** Set by a commit that added rows; cleared by the loop that will pick them up. */
    private final AtomicBoolean wakeRequested = new AtomicBoolean();

    public OutboxRelay(@Channel(PapersTopic.NAME) MutinyEmitter<String> emitter, EntityManager entityManager,
            TransactionManager transactionManager, IngestConfig config, MeterRegistry registry) {
        this.emitter = emitter;
        this.entityManager = entityManager;
        this.transactionManager = transactionManager;
        this.config = config.outbox();
        this.published = Counter.builder("paperdigest.outbox.published")
                .description("Outbox events acknowledged by the broker")
                .register(registry);
    }

    // Not before start-up has finished: until then the emitter may not be connected to Kafka yet.
    @Scheduled(identity = "outbox-relay", every = "${paperdigest.outbox.relay-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void onSchedule() {
        publishPending();
    }

    /** Publishes right after the commit instead of at the next tick; off the committing thread. */
    void onRowsAdded(@Observes(during = TransactionPhase.AFTER_SUCCESS) Outbox.RowsAdded event) {
        if (wakeRequested.compareAndSet(false, true)) {
            try {
                Infrastructure.getDefaultWorkerPool().execute(this::publishPending);
            } catch (RejectedExecutionException e) {
                // Shutting down: the rows are safe in the table and go out with the next start.
            }
        }
    }

    /**
     * Publishes every unpublished event. If a loop is already running it returns at once; that loop sees the wake
     * request and goes round again (at worst the next tick picks the rows up).
     */
    public void publishPending() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            do {
                wakeRequested.set(false);
                while (publishBatch() == config.batchSize()) {
                    // A full batch: there may be more.
                }
            } while (wakeRequested.get());
        } catch (RuntimeException e) {
            // The rows stay unpublished and are retried at the next tick.
            LOG.warnf("Publishing outbox events to %s failed, will retry: %s", PapersTopic.NAME, e.toString());
            LOG.debug("Outbox relay failure", e);
        } finally {
            running.set(false);
        }
    }

    /** @return how many events this call published */
    int publishBatch() {
        int timeoutSeconds = (int) config.sendTimeout().toSeconds() + 30;
        return QuarkusTransaction.requiringNew().timeout(timeoutSeconds).call(() -> {
            List<OutboxEvent> batch = claimBatch();
            if (batch.isEmpty()) {
                return 0;
            }
            awaitAcknowledged(batch);
            Instant now = Instant.now();
            batch.forEach(event -> event.publishedAt = now);
            published.increment(batch.size());
            return batch.size();
        });
    }

    /**
     * Sends the batch and waits until the broker acknowledged all of it, with this transaction suspended: the sends
     * complete on Kafka's threads, which context propagation would otherwise associate with this transaction, and a
     * commit while such a thread is still inside it fails (ARJUNA012107, "Enlisted connection used without active
     * transaction") and re-sends the batch. Suspended, the transaction keeps its connection and row locks.
     */
    private void awaitAcknowledged(List<OutboxEvent> batch) throws SystemException, InvalidTransactionException {
        Transaction claim = transactionManager.suspend();
        try {
            Uni.join().all(batch.stream().map(this::send).toList()).andFailFast()
                    .await().atMost(config.sendTimeout());
        } finally {
            transactionManager.resume(claim);
        }
    }

    @SuppressWarnings("unchecked")
    private List<OutboxEvent> claimBatch() {
        return entityManager.createNativeQuery(CLAIM_SQL, OutboxEvent.class)
                .setParameter("limit", config.batchSize())
                .getResultList();
    }

    /** Completes when the broker acknowledged the record (acks=all). */
    private Uni<Void> send(OutboxEvent event) {
        Message<String> message = Message.of(event.payload)
                .addMetadata(OutgoingKafkaRecordMetadata.<String> builder()
                        .withKey(event.aggregateId)
                        // The binary-mode content type. Set as a plain header: giving it to the CloudEvents metadata
                        // would also add a ce_datacontenttype header, which the contract does not have.
                        .addHeaders(new RecordHeader("content-type",
                                NewPaperEvent.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8)))
                        .build())
                .addMetadata(cloudEvent(event));
        return emitter.sendMessage(message);
    }

    private static OutgoingCloudEventMetadata<Object> cloudEvent(OutboxEvent event) {
        var metadata = OutgoingCloudEventMetadata.builder()
                .withId(event.id.toString())
                .withType(event.type)
                .withSource(NewPaperEvent.SOURCE)
                .withTimestamp(event.createdAt.atZone(ZoneOffset.UTC));
        if (event.backfill) {
            // Header ce_backfill: "true". Absent on every live announcement, as in the golden record.
            metadata.withExtension(NewPaperEvent.BACKFILL_EXTENSION, "true");
        }
        return metadata.build();
    }
}
