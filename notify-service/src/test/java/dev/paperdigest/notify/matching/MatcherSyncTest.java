package dev.paperdigest.notify.matching;

import dev.paperdigest.notify.matching.query.TopicQuery;
import dev.paperdigest.notify.matching.query.TopicQueryParser;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * A change made through another instance (rows written straight into the shared tables, as that instance's
 * SubscriptionService writes them) reaches this instance's matcher within seconds, without a restart and without
 * a paper passing by.
 */
@QuarkusTest
class MatcherSyncTest {

    @Inject
    Matcher matcher;

    @Inject
    TopicQueryParser parser;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aSubscriptionConfirmedOrEndedElsewhereReachesThisMatcherWithinSeconds() throws SQLException {
        String word = "syncword" + UUID.randomUUID().toString().replaceAll("[^a-f]", "");
        TopicQuery query = parser.parse(word + " lattice");
        PaperDocument paper = new PaperDocument("2999.00001", "A " + word + " on a lattice", "", List.of(), List.of());
        long queryId;
        long subscriberId;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            subscriberId = insertReturningId(connection,
                    "insert into notify.subscriber (email, status) values (?, 'ACTIVE') returning id",
                    word + "@example.org");
            queryId = insertReturningId(connection,
                    "insert into notify.topic_query (normalized, query) values (?, ?) returning id",
                    query.normalized(), query.text());
            execute(connection, "insert into notify.topic (subscriber_id, query, query_id) values (" + subscriberId
                    + ", '" + query.text() + "', " + queryId + ")");
            execute(connection, "insert into notify.matcher_change (query_id) values (" + queryId + ")");
            connection.commit();
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> matcher.match(paper).contains(queryId));

        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            execute(connection, "update notify.subscriber set status = 'UNSUBSCRIBED' where id = " + subscriberId);
            execute(connection, "insert into notify.matcher_change (query_id) values (" + queryId + ")");
            connection.commit();
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> !matcher.match(paper).contains(queryId));
    }

    private static long insertReturningId(Connection connection, String sql, String... values) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setString(i + 1, values[i]);
            }
            try (ResultSet id = statement.executeQuery()) {
                id.next();
                return id.getLong(1);
            }
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        connection.createStatement().execute(sql);
    }
}
