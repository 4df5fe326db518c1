package dev.paperdigest.notify.digest;

import dev.paperdigest.localinfra.CapturedMail;
import dev.paperdigest.notify.TestClock;
import dev.paperdigest.notify.event.GoldenRecord;
import dev.paperdigest.notify.event.PapersTopicClient;
import dev.paperdigest.notify.subscription.Subscribers;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A dump restored into another PostgreSQL cluster carries transaction ids from ahead of that cluster's own; digests
 * order matches by them. The start after the restore (Flyway's afterMigrate) moves them back below the cluster's,
 * so that the matches waiting in the dump and the new ones both reach the next digest, once each.
 */
@QuarkusTest
class RestoredDumpTest {

    private static final String ADMIN = "Bearer dev-admin-key";
    /** Far ahead of any id the test cluster gives: what a long-lived production cluster's ids look like to it. */
    private static final long AHEAD = 1_000_000_000_000L;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Flyway flyway;

    @AfterEach
    void backToNow() {
        TestClock.reset();
    }

    @Test
    void matchesWaitingInTheDumpAndNewOnesReachTheNextDigestOnce() throws Exception {
        String word = DigestScheduleTest.word("restored");
        String email = Subscribers.uniqueEmail("restored");
        Subscribers.signUpJson("{\"email\": \"" + email + "\", \"topics\": [\"" + word + "\"], \"frequency\": \"DAILY\","
                + " \"timezone\": \"Europe/Berlin\", \"sendHour\": 8}").statusCode(202);
        Subscribers.confirm(Subscribers.awaitConfirmationToken(email, 1));
        GoldenRecord golden = GoldenRecord.load();
        String inDump = GoldenRecord.unusedPaperId();
        PapersTopicClient.send(golden.variant(inDump, v -> v.put("title", "A " + word + " before the backup")));
        await().atMost(Duration.ofSeconds(60)).until(() -> matched(inDump));

        // The restore: this subscriber and its waiting match now carry ids from the other cluster, far ahead.
        execute("update notify.paper_queries set txid = txid + " + AHEAD + " where paper_id = '" + inDump + "'");
        execute("update notify.subscriber set digest_from_txid = digest_from_txid + " + AHEAD
                + " where lower(email) = lower('" + email + "')");
        flyway.migrate(); // what the service's start does first

        String afterRestore = GoldenRecord.unusedPaperId();
        PapersTopicClient.send(golden.variant(afterRestore, v -> v.put("title", "A " + word + " after the restore")));
        await().atMost(Duration.ofSeconds(60)).until(() -> matched(afterRestore));

        TestClock.travelTo(DigestScheduleTest.nextEightInBerlin().toInstant().plusSeconds(1));
        given().header("Authorization", ADMIN).when().post("/api/admin/digests/run").then().statusCode(200);

        await().atMost(Duration.ofSeconds(30)).until(() -> DigestInbox.digests(email).size() == 1);
        CapturedMail digest = DigestInbox.digests(email).get(0);
        assertEquals("2 new papers on " + word, digest.subject());
        assertEquals(1, DigestInbox.timesMailed(email, inDump));
        assertEquals(1, DigestInbox.timesMailed(email, afterRestore));
    }

    private boolean matched(String paperId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("select 1 from notify.paper_queries where paper_id = ?")) {
            query.setString(1, paperId);
            try (ResultSet row = query.executeQuery()) {
                return row.next();
            }
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.executeUpdate();
        }
    }
}
