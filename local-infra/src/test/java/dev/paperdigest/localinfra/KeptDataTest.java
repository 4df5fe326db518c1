package dev.paperdigest.localinfra;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The local run keeps what it stored: PostgreSQL's data and the Kafka log survive a stop and a new start in the same
 * data directory, each start logs apart, and a second run on the same data is refused.
 */
class KeptDataTest {

    @Test
    void aNewStartFindsTheDataOfTheLastOneAndLogsApart(@TempDir Path dataDir) throws Exception {
        try (LocalInfrastructure first = LocalInfrastructure.startKept(dataDir, dataDir.resolve("logs/1"),
                LocalInfrastructure.Ports.ANY, false)) {
            try (Connection connection = connect(first)) {
                connection.createStatement().execute("create table kept_check (name text primary key)");
                connection.createStatement().execute("insert into kept_check values ('kept')");
            }
            KafkaRecords.send(first.kafka(), "kept-check", "before");
            assertEquals(List.of("before"), KafkaRecords.consumeAndCommit(first.kafka(), "kept", "kept-check", 1));
        }

        try (LocalInfrastructure second = LocalInfrastructure.startKept(dataDir, dataDir.resolve("logs/2"),
                LocalInfrastructure.Ports.ANY, false)) {
            try (Connection connection = connect(second);
                    ResultSet rs = connection.createStatement().executeQuery("select name from kept_check")) {
                assertTrue(rs.next(), "the row of the first run");
                assertEquals("kept", rs.getString(1));
            }
            KafkaRecords.send(second.kafka(), "kept-check", "after");
            // The group goes on after its committed offset, and the topic still holds the first run's record.
            assertEquals(List.of("after"), KafkaRecords.consumeAndCommit(second.kafka(), "kept", "kept-check", 1));
            assertEquals(List.of("before", "after"),
                    KafkaRecords.consumeAndCommit(second.kafka(), "newcomer", "kept-check", 2));
        }

        for (String start : List.of("logs/1", "logs/2")) {
            assertTrue(Files.readString(dataDir.resolve(start).resolve("broker.log"))
                    .contains("started (kafka.server.KafkaRaftServer)"), start + ": Kafka's log of that start");
            assertTrue(Files.size(dataDir.resolve(start).resolve("postgres.log")) > 0, start + ": PostgreSQL's log");
        }
    }

    @Test
    void aSecondRunOnTheSameDataIsRefusedUntilTheFirstStops(@TempDir Path dataDir) {
        Optional<DataDirectoryLock> first = DataDirectoryLock.tryAcquire(dataDir);
        assertTrue(first.isPresent());
        assertFalse(DataDirectoryLock.tryAcquire(dataDir).isPresent(), "a second run is refused");
        assertEquals(Optional.of(Long.toString(ProcessHandle.current().pid())), DataDirectoryLock.holder(dataDir),
                "the refusal can name the running one");
        first.get().close();
        Optional<DataDirectoryLock> again = DataDirectoryLock.tryAcquire(dataDir);
        assertTrue(again.isPresent(), "free again once the first stopped");
        again.get().close();
    }

    @Test
    void theCommandLineNamesTheDataDirectoryAndAFreshStart() {
        assertEquals(new LocalStack.Options(Path.of("data").toAbsolutePath(), false), LocalStack.Options.parse());
        assertEquals(new LocalStack.Options(Path.of("/srv/pd"), true),
                LocalStack.Options.parse("--data-dir", "/srv/pd", "--fresh"));
        assertEquals(new LocalStack.Options(Path.of("/srv/pd"), false), LocalStack.Options.parse("--data-dir=/srv/pd"));
        assertThrows(IllegalArgumentException.class, () -> LocalStack.Options.parse("--data"));
        assertThrows(IllegalArgumentException.class, () -> LocalStack.Options.parse("--data-dir"));
    }

    private static Connection connect(LocalInfrastructure infra) throws SQLException {
        return DriverManager.getConnection(infra.postgres().jdbcUrl(), infra.postgres().username(),
                infra.postgres().password());
    }
}
