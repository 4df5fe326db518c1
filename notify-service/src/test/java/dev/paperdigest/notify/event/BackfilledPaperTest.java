package dev.paperdigest.notify.event;

import dev.paperdigest.notify.digest.DigestInbox;
import dev.paperdigest.notify.subscription.Subscribers;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A paper announced by a backfill (ce_backfill: true) is there for previews and mailed to nobody. */
@QuarkusTest
class BackfilledPaperTest {

    @Test
    void aBackfilledPaperIsPreviewedButNeverMailedWhileLivePapersAre() {
        GoldenRecord golden = GoldenRecord.load();
        String word = "backfilled" + UUID.randomUUID().toString().replace("-", "");
        String email = Subscribers.uniqueEmail("backfill");
        Subscribers.active(email, word);
        String backfilled = GoldenRecord.unusedPaperId();
        String live = GoldenRecord.unusedPaperId();

        ProducerRecord<String, String> record = golden.variant(backfilled, value -> {
            value.put("title", "An older " + word + " paper");
            value.put("publishedAt", Instant.now().minusSeconds(3 * 86400).toString());
        });
        record.headers().add("ce_backfill", "true".getBytes(StandardCharsets.UTF_8));
        PapersTopicClient.send(record);
        PapersTopicClient.send(golden.variant(live, value -> {
            value.put("title", "A new " + word + " paper");
            value.put("publishedAt", Instant.now().toString());
        }));

        DigestInbox.awaitPaper(email, live);
        assertEquals(0, DigestInbox.timesMailed(email, backfilled), "the backfilled paper was consumed before, not mailed");
        given().queryParam("q", word).queryParam("days", "7")
                .when().get("/api/topics/preview")
                .then().statusCode(200)
                .body("papers.id", hasItem(backfilled));
    }
}
