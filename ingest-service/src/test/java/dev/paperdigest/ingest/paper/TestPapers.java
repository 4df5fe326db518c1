package dev.paperdigest.ingest.paper;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import dev.paperdigest.ingest.event.PapersTopicProbe;
import dev.paperdigest.ingest.outbox.OutboxEvent;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;

/** Papers for tests, each with an arXiv id no other test uses, and what tests need around them. */
public final class TestPapers {

    public static final String ADMIN = "Bearer dev-admin-key";

    private static final AtomicInteger NEXT = new AtomicInteger(ThreadLocalRandom.current().nextInt(10_000, 50_000));

    private TestPapers() {
    }

    /** A new-style id (2601.xxxxx) unique within this JVM. */
    public static String freshId() {
        return "2601." + NEXT.getAndIncrement();
    }

    /** The smallest valid paper. */
    public static Map<String, Object> paper(String id) {
        return Map.of("id", id, "title", "Paper " + id, "abstract", "Diffusion models, studied in " + id + ".");
    }

    /**
     * Posts a fresh paper and waits for it on {@code topic}: every record queued before it has been published by
     * then, so the records returned are all a test's actions produced.
     */
    public static List<ConsumerRecord<String, String>> publishMarkerAndAwait(PapersTopicProbe topic) {
        String marker = freshId();
        given().contentType(ContentType.JSON).header("Authorization", ADMIN).body(paper(marker))
                .post("/api/papers").then().statusCode(202).body("new", equalTo(1));
        return topic.awaitRecords(records -> !PapersTopicProbe.withKey(records, marker).isEmpty());
    }

    /**
     * Makes papers with these ids unknown again, so that a recorded feed that holds them (and another test already
     * ingested) yields them as new: waits until their announcements are out, then deletes them and their outbox rows.
     */
    public static void forget(List<String> ids) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> QuarkusTransaction
                .requiringNew().call(() -> OutboxEvent.count("aggregateId in ?1 and publishedAt is null", ids) == 0));
        QuarkusTransaction.requiringNew().run(() -> {
            OutboxEvent.delete("aggregateId in ?1", ids);
            Paper.delete("id in ?1", ids);
        });
    }

    /** The stored row, read in a transaction of its own. */
    public static Paper stored(String id) {
        return QuarkusTransaction.requiringNew().call(() -> Paper.<Paper> findById(id));
    }
}
