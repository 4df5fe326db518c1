package dev.paperdigest.ingest.outbox;

import static dev.paperdigest.ingest.event.PapersTopicProbe.withKey;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.paperdigest.ingest.RealInfrastructure;
import dev.paperdigest.ingest.event.NewPaperEvent;
import dev.paperdigest.ingest.event.PapersTopic;
import dev.paperdigest.ingest.event.PapersTopicProbe;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL)
class OutboxRelayTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    OutboxRelay relay;

    @Inject
    Scheduler scheduler;

    @Inject
    EntityManager entityManager;

    @Inject
    KafkaClientService kafkaClients;

    @Test
    void producerWaitsForAllReplicasAndIsIdempotent() {
        var config = kafkaClients.getProducer(PapersTopic.NAME).configuration();

        assertEquals("all", String.valueOf(config.get("acks")));
        assertEquals("true", String.valueOf(config.get("enable.idempotence")));
    }

    /**
     * Another instance's relay holds the row (FOR UPDATE): this relay skips it without waiting and without sending
     * it, and publishes it once the other transaction has let go.
     */
    @Test
    void rowsClaimedByAnotherInstanceAreSkippedNotSentTwice() throws Exception {
        String key = "2601.0" + (1000 + (int) (Math.random() * 8999));
        UUID eventId = UUID.randomUUID();
        scheduler.pause("outbox-relay");
        CountDownLatch claimed = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (PapersTopicProbe topic = PapersTopicProbe.fromNow(bootstrapServers)) {
            // Written straight into the table, so no commit hook wakes the relay: only this test drives it.
            QuarkusTransaction.requiringNew().run(() -> OutboxEvent.of(eventId, key, NewPaperEvent.TYPE,
                    "{\"id\":\"" + key + "\"}", Instant.now().truncatedTo(ChronoUnit.MILLIS), false).persist());

            CompletableFuture<Void> otherInstance = CompletableFuture.runAsync(() -> QuarkusTransaction.requiringNew()
                    .run(() -> {
                        List<?> rows = entityManager.createNativeQuery(
                                "select id from {h-schema}outbox_event where id = :id for update skip locked")
                                .setParameter("id", eventId).getResultList();
                        assertEquals(1, rows.size());
                        claimed.countDown();
                        await(release);
                    }));
            await(claimed);

            relay.publishPending();
            assertNull(publishedAt(eventId), "skipped while another instance holds it");

            release.countDown();
            otherInstance.get(30, TimeUnit.SECONDS);
            // Retried in case a tick that started before the pause still held the relay.
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                relay.publishPending();
                return publishedAt(eventId) != null;
            });

            List<ConsumerRecord<String, String>> records = topic.awaitRecords(r -> !withKey(r, key).isEmpty());
            assertEquals(1, withKey(records, key).size());
        } finally {
            release.countDown();
            scheduler.resume("outbox-relay");
        }
    }

    private Instant publishedAt(UUID eventId) {
        return QuarkusTransaction.requiringNew().call(() -> OutboxEvent.<OutboxEvent> findById(eventId).publishedAt);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(30, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
