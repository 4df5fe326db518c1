package dev.paperdigest.notify.mail;

import dev.paperdigest.notify.RealInfrastructure;
import dev.paperdigest.notify.event.GoldenRecord;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Claim, send, settle on real PostgreSQL and SMTP. Matches are written straight into the table, as the consumer
 * leaves them; the service's own mailer drains beside the test's drains, like another instance would.
 */
@QuarkusTest
class MatchMailerTest {

    @Inject
    MatchMailer mailer;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void twoDrainsAtOnceMailEachMatchExactlyOnce() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> emails = IntStream.range(0, 12).mapToObj(i -> "drain-" + run + "-" + i + "@example.org").toList();
        String paperId = GoldenRecord.unusedPaperId();
        insertMatches(paperId, "Concurrent drains " + run, emails, false);

        CountDownLatch start = new CountDownLatch(1);
        Callable<Integer> drain = () -> {
            start.await();
            int sent = 0;
            while (mailer.sendNext()) {
                sent++;
            }
            return sent;
        };
        ExecutorService drains = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> results = List.of(drains.submit(drain), drains.submit(drain));
            start.countDown();
            int sentByTheseDrains = 0;
            for (Future<Integer> result : results) {
                sentByTheseDrains += result.get(60, TimeUnit.SECONDS);
            }
            // The service's own mailer may take some too (it polls every second), but these drains did the sending.
            assertTrue(sentByTheseDrains > 0, "the test's drains sent nothing");
        } finally {
            drains.shutdownNow();
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> unsent(paperId) == 0);
        for (String email : emails) {
            assertEquals(1, RealInfrastructure.infra().mail().mailsTo(email).size(), email);
        }
    }

    @Test
    void aMailLeasedByAnInstanceThatDiedGoesOutOnceWhenTheLeaseRunsOut() throws Exception {
        String email = "lease-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        String paperId = GoldenRecord.unusedPaperId();
        // As a claim leaves the row when its instance dies before marking it sent.
        insertMatches(paperId, "Leased " + email, List.of(email), true);

        while (mailer.sendNext()) {
            // drains every due mail; the leased one is not due
        }
        assertTrue(RealInfrastructure.infra().mail().mailsTo(email).isEmpty(), "not sent while the lease lasts");
        assertEquals(1, unsent(paperId));

        execute("update notify.paper_match set next_attempt_at = now() where paper_id = '" + paperId + "'");
        mailer.wake();

        await().atMost(Duration.ofSeconds(30)).until(() -> unsent(paperId) == 0);
        assertEquals(1, RealInfrastructure.infra().mail().mailsTo(email).size());
    }

    /** One paper matched by one new subscriber per address, all in one transaction. */
    private void insertMatches(String paperId, String title, List<String> emails, boolean leased) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement paper = connection.prepareStatement(
                    "insert into notify.paper (id, title) values (?, ?)")) {
                paper.setString(1, paperId);
                paper.setString(2, title);
                paper.executeUpdate();
            }
            List<Long> subscriberIds = new ArrayList<>();
            try (PreparedStatement subscriber = connection.prepareStatement(
                    "insert into notify.subscriber (email, status) values (?, 'ACTIVE') returning id")) {
                for (String email : emails) {
                    subscriber.setString(1, email);
                    try (ResultSet id = subscriber.executeQuery()) {
                        id.next();
                        subscriberIds.add(id.getLong(1));
                    }
                }
            }
            try (PreparedStatement match = connection.prepareStatement("""
                    insert into notify.paper_match (subscriber_id, paper_id, topics, next_attempt_at)
                    values (?, ?, '["drains"]', now() + case when ? then interval '5 minutes' else interval '0' end)
                    """)) {
                for (long subscriberId : subscriberIds) {
                    match.setLong(1, subscriberId);
                    match.setString(2, paperId);
                    match.setBoolean(3, leased);
                    match.executeUpdate();
                }
            }
            connection.commit();
        }
    }

    private long unsent(String paperId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "select count(*) from notify.paper_match where paper_id = ? and sent_at is null")) {
            query.setString(1, paperId);
            try (ResultSet count = query.executeQuery()) {
                count.next();
                return count.getLong(1);
            }
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.createStatement().execute(sql);
        }
    }
}
