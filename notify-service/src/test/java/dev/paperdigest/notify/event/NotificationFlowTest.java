package dev.paperdigest.notify.event;

import dev.paperdigest.localinfra.CapturedMail;
import dev.paperdigest.testsupport.Metrics;
import dev.paperdigest.notify.RealInfrastructure;
import dev.paperdigest.notify.digest.DigestInbox;
import dev.paperdigest.notify.subscription.Subscribers;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole path on real Kafka, PostgreSQL and SMTP: subscribe over REST, a record on papers.new, a mail in the
 * SMTP server. Each test uses its own addresses and paper ids; the single partition of papers.new keeps records in
 * order, so a "marker" paper mailed after a redelivery proves the redelivery was consumed (without sleeping).
 */
@QuarkusTest
class NotificationFlowTest {

    private final GoldenRecord golden = GoldenRecord.load();

    @Inject
    AgroalDataSource dataSource;

    @Test
    void diffusionPaperIsMailedOnceEvenWhenTheEventIsRedelivered() {
        String email = uniqueEmail("diffusion");
        subscribe(email, "diffusion");
        String title = "Diffusion <script>alert(1)</script> models solve $\\frac{1}{3}$ of it";
        String paperId = GoldenRecord.unusedPaperId();
        ProducerRecord<String, String> paper = golden.variant(paperId, value -> {
            value.put("title", title);
            value.put("abstract", "We propose a diffusion-based planner.");
        });

        PapersTopicClient.send(paper);
        CapturedMail mail = DigestInbox.awaitPaper(email, paperId);

        assertEquals(List.of(email), mail.to());
        assertEquals("1 new paper on diffusion", mail.subject());
        assertFalse(mail.html().contains("<script>"), mail.html());
        assertTrue(mail.html().contains("<mark>Diffusion</mark> &lt;script&gt;alert(1)&lt;/script&gt; models solve $\\frac{1}{3}$"),
                "escaped, the matched word highlighted: " + mail.html());
        assertTrue(mail.html().contains("<strong>diffusion</strong>"), "names the matched topic: " + mail.html());
        assertTrue(mail.text().contains("*Diffusion* <script>alert(1)</script> models solve"), mail.text());
        // Every mail to a subscriber: manage and unsubscribe links, and the RFC 8058 one-click headers.
        String unsubscribe = "http://localhost:8082/unsubscribe/" + Subscribers.unsubscribeToken(mail);
        assertTrue(mail.text().contains("http://localhost:8082/manage/" + Subscribers.manageToken(mail)), mail.text());
        assertTrue(mail.html().contains("href=\"" + unsubscribe + "\""), mail.html());
        assertEquals("<" + unsubscribe + ">", mail.headers().get("List-Unsubscribe"));
        assertEquals("List-Unsubscribe=One-Click", mail.headers().get("List-Unsubscribe-Post"));

        // The same event again (same ce_id), and the same paper under another event id: neither mails again.
        PapersTopicClient.send(paper);
        PapersTopicClient.send(withEventId(paper, UUID.randomUUID().toString()));
        sendMarkerAndAwaitItsMail(email, "diffusion");

        assertEquals(1, DigestInbox.timesMailed(email, paperId));
    }

    @Test
    void topicsMatchWithTheQueryLanguageAndOnlyActiveSubscribersAreMailed() {
        // A word of letters only that no other test uses: the hex digits of a UUID spelt as letters.
        String word = "zeolite" + UUID.randomUUID().toString().replace("-", "").chars()
                .mapToObj(c -> String.valueOf((char) (Character.isDigit(c) ? 'g' + c - '0' : c)))
                .collect(Collectors.joining());
        String stemmed = uniqueEmail("stem");
        String excluding = uniqueEmail("exclude");
        String author = uniqueEmail("author");
        String pending = uniqueEmail("pending");
        subscribe(stemmed, word + " transformer");                 // stemming: matches "Transformers"
        subscribe(excluding, word + " -\"catalytic cracking\"");   // a phrase excluded
        subscribe(author, "author:schrodinger " + word);            // accents folded
        Subscribers.signUp(pending, word);                          // never confirmed
        Subscribers.awaitConfirmationToken(pending, 1);

        String cracking = "Transformers for " + word + " catalytic cracking";
        String crackingId = GoldenRecord.unusedPaperId();
        PapersTopicClient.send(golden.variant(crackingId, value -> {
            value.put("title", cracking);
            value.put("abstract", "Nothing else.");
            value.putArray("authors").add("Erwin Schr\u00f6dinger");
        }));
        String plain = "A " + word + " study";
        String plainId = GoldenRecord.unusedPaperId();
        PapersTopicClient.send(golden.variant(plainId, value -> {
            value.put("title", plain);
            value.put("abstract", "With transformers.");
        }));

        DigestInbox.awaitPaper(stemmed, crackingId);
        DigestInbox.awaitPaper(stemmed, plainId);
        DigestInbox.awaitPaper(excluding, plainId);
        DigestInbox.awaitPaper(author, crackingId);
        sendMarkerAndAwaitItsMail(stemmed, word + " transformers");
        sendMarkerAndAwaitItsMail(excluding, word);
        assertEquals(0, DigestInbox.timesMailed(excluding, crackingId), "the excluded phrase");
        assertEquals(0, DigestInbox.timesMailed(author, plainId), "not by Schrödinger");
        assertEquals(List.of(Subscribers.CONFIRM_SUBJECT), RealInfrastructure.infra().mail().mailsTo(pending).stream()
                .map(CapturedMail::subject).toList(), "a PENDING address gets its confirmation mail only");
    }

    @Test
    void goldenRecordIsConsumedAndMailedWithTheContractsFields() {
        String email = uniqueEmail("rl");
        subscribe(email, "reinforcement learning");

        PapersTopicClient.send(golden.producerRecord());

        CapturedMail mail = DigestInbox.awaitPaper(email, golden.valueJson().get("id").asText());
        assertEquals("1 new paper on reinforcement learning", mail.subject());
        assertTrue(mail.html().contains("Mingjie Liu, Shizhe Diao"), mail.html());
        assertTrue(mail.html().contains("<strong>reinforcement learning</strong>"), mail.html());
        assertTrue(mail.html().contains("href=\"https://arxiv.org/abs/2505.24864\""), mail.html());
        assertTrue(mail.html().contains("href=\"https://huggingface.co/papers/2505.24864\""), mail.html());
        assertTrue(mail.text().contains("PDF: https://arxiv.org/pdf/2505.24864"), mail.text());
        assertTrue(mail.text().contains("aligning models with verifiable rewards"), mail.text());

        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("paperdigest_mails_sent_total"))
                .body(containsString("paperdigest_events_consumed_total{outcome=\"processed\"}"));
    }

    @Test
    void unreadableRecordsGoToTheDeadLetterTopicWithTheReasonAndConsumptionGoesOn() {
        String email = uniqueEmail("dlq");
        subscribe(email, "quasicrystal");
        String invalidJson = GoldenRecord.unusedPaperId();
        String noTitle = GoldenRecord.unusedPaperId();
        String noEventId = GoldenRecord.unusedPaperId();
        double deadLetteredBefore = deadLettered();

        PapersTopicClient.send(new ProducerRecord<>(PapersTopic.NAME, null, invalidJson, "{\"id\": \"" + invalidJson
                + "\", \"title\": ", golden.variant(invalidJson, v -> { }).headers()));
        PapersTopicClient.send(golden.variant(noTitle, value -> value.remove("title")));
        ProducerRecord<String, String> withoutId = golden.variant(noEventId, value -> value.put("title", "quasicrystal"));
        withoutId.headers().remove("ce_id");
        PapersTopicClient.send(withoutId);
        String valid = GoldenRecord.unusedPaperId();
        PapersTopicClient.send(golden.variant(valid, value -> value.put("title", "Quasicrystal growth, observed")));

        Set<String> poisonKeys = Set.of(invalidJson, noTitle, noEventId);
        Map<String, String> reasons = PapersTopicClient.awaitRecords(PapersTopic.DEAD_LETTER,
                        record -> poisonKeys.contains(record.key()), 3).stream()
                .collect(Collectors.toMap(ConsumerRecord::key, NotificationFlowTest::deadLetterReason,
                        (a, b) -> a));
        assertTrue(reasons.get(invalidJson).startsWith("invalid JSON payload"), reasons.toString());
        assertEquals("payload member 'title' is missing", reasons.get(noTitle));
        assertEquals("missing CloudEvent header ce_id", reasons.get(noEventId));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertEquals(deadLetteredBefore + 3, deadLettered()));

        CapturedMail mail = DigestInbox.awaitPaper(email, valid);
        assertTrue(mail.text().contains("*Quasicrystal* growth, observed"), mail.text());
        for (String poison : poisonKeys) {
            assertEquals(0, DigestInbox.timesMailed(email, poison));
        }
    }

    @Test
    void recordsTheDatabaseWouldRefuseAreDeadLetteredWithoutRetriesAndConsumptionGoesOn() throws Exception {
        String email = uniqueEmail("refused");
        subscribe(email, "perovskite");
        String nulTitle = GoldenRecord.unusedPaperId();
        String refused = GoldenRecord.unusedPaperId();
        String stable = GoldenRecord.unusedPaperId();
        String refusedWord = "refusedbytest" + UUID.randomUUID().toString().replace("-", "");
        double retriesBefore = consumerRetries();

        Map<String, String> reasons;
        // A constraint of this test stands for any data the database refuses that the reader does not know about.
        execute("alter table notify.paper add constraint paper_refused_by_test check (title not like '%" + refusedWord + "%')");
        try {
            PapersTopicClient.send(golden.variant(nulTitle, value -> value.put("title", "Perovskite\u0000 cells")));
            PapersTopicClient.send(golden.variant(refused, value -> value.put("title", "Perovskite " + refusedWord)));
            PapersTopicClient.send(golden.variant(stable, value -> value.put("title", "Stable perovskite solar cells")));

            reasons = PapersTopicClient.awaitRecords(PapersTopic.DEAD_LETTER,
                            record -> record.key().equals(nulTitle) || record.key().equals(refused), 2).stream()
                    .collect(Collectors.toMap(ConsumerRecord::key, NotificationFlowTest::deadLetterReason, (a, b) -> a));
            DigestInbox.awaitPaper(email, stable);
        } finally {
            execute("alter table notify.paper drop constraint paper_refused_by_test");
        }

        assertEquals("payload member 'title' contains a NUL character", reasons.get(nulTitle));
        assertTrue(reasons.get(refused).startsWith("refused by the database (SQLState 23514): "), reasons.get(refused));
        assertEquals(retriesBefore, consumerRetries(), "no retry is spent on a record that can never be stored");
        assertEquals(List.of(1L, 0L, 0L), List.of(DigestInbox.timesMailed(email, stable),
                DigestInbox.timesMailed(email, nulTitle), DigestInbox.timesMailed(email, refused)),
                "only the valid paper is mailed");
    }

    @Test
    void aPaperArrivingWhileTheDatabaseFailsIsRetriedAndMailedNotDeadLettered() throws Exception {
        String email = uniqueEmail("retry");
        subscribe(email, "metamaterial");
        String paperId = GoldenRecord.unusedPaperId();
        double retriesBefore = consumerRetries();

        // A real failure of every statement the consumer makes: its first table is gone for a while.
        execute("alter table notify.processed_event rename to processed_event_away");
        try {
            PapersTopicClient.send(golden.variant(paperId, value -> value.put("title", "Tunable metamaterial lenses")));
            await().atMost(Duration.ofSeconds(30)).until(() -> consumerRetries() > retriesBefore);
        } finally {
            execute("alter table notify.processed_event_away rename to processed_event");
        }

        CapturedMail mail = DigestInbox.awaitPaper(email, paperId);
        assertTrue(mail.text().contains("Tunable *metamaterial* lenses"), mail.text());
        // A marker dead-lettered after it proves the DLQ was read far enough to have shown the retried paper.
        String marker = GoldenRecord.unusedPaperId();
        PapersTopicClient.send(golden.variant(marker, value -> value.remove("title")));
        List<String> deadKeys = PapersTopicClient.awaitRecords(PapersTopic.DEAD_LETTER,
                record -> record.key().equals(marker) || record.key().equals(paperId), 1).stream()
                .map(ConsumerRecord::key).toList();
        assertEquals(List.of(marker), deadKeys);
    }

    private static double consumerRetries() {
        return Metrics.value("paperdigest_events_retries_total", Map.of());
    }

    private static double deadLettered() {
        return Metrics.value("paperdigest_events_consumed_total", Map.of("outcome", "dead-lettered"));
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.createStatement().execute(sql);
        }
    }

    private static String deadLetterReason(ConsumerRecord<String, String> record) {
        Header reason = record.headers().lastHeader("dead-letter-reason");
        return reason == null ? "(no dead-letter-reason header)" : new String(reason.value(), StandardCharsets.UTF_8);
    }

    /**
     * A later paper for the topic, awaited in the subscriber's inbox: papers.new has one partition, so anything sent
     * before it has been consumed (and its digest assembled and sent) by then.
     */
    private void sendMarkerAndAwaitItsMail(String email, String topic) {
        String markerId = GoldenRecord.unusedPaperId();
        PapersTopicClient.send(golden.variant(markerId, value -> value.put("title", "Marker about " + topic)));
        DigestInbox.awaitPaper(email, markerId);
    }

    private static ProducerRecord<String, String> withEventId(ProducerRecord<String, String> record, String eventId) {
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.remove("ce_id");
        headers.add("ce_id", eventId.getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(record.topic(), null, record.key(), record.value(), headers);
    }

    /** An ACTIVE subscriber: signed up and confirmed from the mail. */
    static void subscribe(String email, String... topics) {
        Subscribers.active(email, topics);
    }

    static String uniqueEmail(String prefix) {
        return Subscribers.uniqueEmail(prefix);
    }
}
