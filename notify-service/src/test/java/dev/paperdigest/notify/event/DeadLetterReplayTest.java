package dev.paperdigest.notify.event;

import dev.paperdigest.notify.digest.DigestInbox;
import dev.paperdigest.notify.subscription.Subscribers;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An operator fixes what made records fail and replays papers.new.dlq: the fixed ones are processed (and mailed)
 * once, however often the replay is called; the still-broken ones return to the DLQ with their reason.
 */
@QuarkusTest
class DeadLetterReplayTest {

    private static final String ADMIN = "Bearer dev-admin-key";

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aReplayProcessesWhatIsFixedOnceAndSendsTheRestBackToTheDeadLetterTopic() throws Exception {
        GoldenRecord golden = GoldenRecord.load();
        String word = "replayable" + UUID.randomUUID().toString().replace("-", "");
        String email = Subscribers.uniqueEmail("replay");
        Subscribers.active(email, word);
        String fixable = GoldenRecord.unusedPaperId();
        String broken = GoldenRecord.unusedPaperId();

        // The database refuses the paper (standing for a bug or a limit since fixed): it is dead-lettered.
        execute("alter table notify.paper add constraint paper_refused_by_replay_test check (title not like '%" + word + "%')");
        ConsumerRecord<String, String> deadFixable;
        try {
            PapersTopicClient.send(golden.variant(fixable, value -> value.put("title", "A " + word + " result")));
            deadFixable = PapersTopicClient.awaitRecords(PapersTopic.DEAD_LETTER, record -> fixable.equals(record.key()), 1).get(0);
        } finally {
            execute("alter table notify.paper drop constraint paper_refused_by_replay_test");
        }
        PapersTopicClient.send(new org.apache.kafka.clients.producer.ProducerRecord<>(PapersTopic.NAME, null, broken,
                "{\"id\": \"" + broken + "\", \"title\": ", golden.variant(broken, value -> { }).headers()));
        ConsumerRecord<String, String> deadBroken =
                PapersTopicClient.awaitRecords(PapersTopic.DEAD_LETTER, record -> broken.equals(record.key()), 1).get(0);
        assertEquals(0, DigestInbox.timesMailed(email, fixable));

        int replayed = given().header("Authorization", ADMIN)
                .when().post("/api/admin/dead-letters/replay")
                .then().statusCode(200).extract().path("replayed");
        assertTrue(replayed >= 2, "both dead letters replayed (and any other test's): " + replayed);

        DigestInbox.awaitPaper(email, fixable);
        ConsumerRecord<String, String> backInDlq = PapersTopicClient.awaitRecords(PapersTopic.DEAD_LETTER,
                record -> broken.equals(record.key()) && record.offset() > deadBroken.offset(), 1).get(0);
        assertEquals(location(deadBroken), header(backInDlq, DeadLetterReplay.REPLAYED_FROM));
        assertTrue(header(backInDlq, "dead-letter-reason").startsWith("invalid JSON payload"), header(backInDlq, "dead-letter-reason"));

        // Again: only what was dead-lettered since is replayed; the fixed paper is not sent a second time.
        given().header("Authorization", ADMIN).when().post("/api/admin/dead-letters/replay").then().statusCode(200);
        List<ConsumerRecord<String, String>> replaysOfFixable = PapersTopicClient.readAll(PapersTopic.NAME).stream()
                .filter(record -> location(deadFixable).equals(header(record, DeadLetterReplay.REPLAYED_FROM))).toList();
        assertEquals(1, replaysOfFixable.size(), "the fixed record was replayed once");
        assertEquals(GoldenRecord.eventId(fixable), header(replaysOfFixable.get(0), "ce_id"), "with its CloudEvent headers");
        assertEquals(1, DigestInbox.timesMailed(email, fixable));
    }

    @Test
    void aReplayWithAMaxOutsideItsRangeIsRefusedNamingMax() {
        given().header("Authorization", ADMIN).queryParam("max", "0")
                .when().post("/api/admin/dead-letters/replay")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("max"))
                .body("violations[0].message", containsString("1 to 100000"));
        given().when().post("/api/admin/dead-letters/replay").then().statusCode(401);
    }

    private static String location(ConsumerRecord<?, ?> record) {
        return record.topic() + "/" + record.partition() + "/" + record.offset();
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
