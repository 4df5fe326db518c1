package dev.paperdigest.notify.mail;

import dev.paperdigest.testsupport.Metrics;
import dev.paperdigest.notify.digest.DigestInbox;
import dev.paperdigest.notify.event.GoldenRecord;
import dev.paperdigest.notify.event.PapersTopicClient;
import dev.paperdigest.notify.subscription.Subscribers;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static dev.paperdigest.notify.admin.AdminStatsClient.stat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class MailMetricsTest {

    private static final Map<String, String> DIGEST = Map.of("kind", "digest");
    private static final Map<String, String> DIGEST_SENT_FINE = Map.of("kind", "digest", "outcome", "success");
    /** The histogram's last bucket, which every send falls in. */
    private static final Map<String, String> DIGEST_SENT_FINE_ALL =
            Map.of("kind", "digest", "outcome", "success", "le", "+Inf");

    @Inject
    MailQueueCounts queueCounts;

    @Test
    void aDigestSentIsCountedAndTimedAndNothingIsLeftPending() {
        String word = "metricsword" + UUID.randomUUID().toString().replace("-", "");
        String email = Subscribers.uniqueEmail("metrics");
        // Digests of earlier tests (a paper can match their subscribers too) are out of the way first.
        await().atMost(Duration.ofSeconds(60)).until(() -> stat("digestsPending") == 0);
        double sentBefore = Metrics.value("paperdigest_mails_sent_total", DIGEST);
        double timedBefore = Metrics.value("paperdigest_smtp_send_seconds_count", DIGEST_SENT_FINE);
        double bucketedBefore = Metrics.value("paperdigest_smtp_send_seconds_bucket", DIGEST_SENT_FINE_ALL);

        Subscribers.active(email, word);
        String paperId = GoldenRecord.unusedPaperId();
        PapersTopicClient.send(GoldenRecord.load().variant(paperId, value -> {
            value.put("title", "On " + word);
            value.put("abstract", "Nothing else.");
        }));
        DigestInbox.awaitPaper(email, paperId);

        // Counted when the digest is marked sent, right after the SMTP server took it.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertEquals(sentBefore + 1, Metrics.value("paperdigest_mails_sent_total", DIGEST));
            assertEquals(timedBefore + 1, Metrics.value("paperdigest_smtp_send_seconds_count", DIGEST_SENT_FINE));
            assertEquals(bucketedBefore + 1, Metrics.value("paperdigest_smtp_send_seconds_bucket", DIGEST_SENT_FINE_ALL),
                    "a histogram, for percentiles");
        });
        queueCounts.count();
        assertEquals(stat("digestsPending"), Metrics.value("paperdigest_mails_pending", DIGEST), "as the admin stats");
    }
}
