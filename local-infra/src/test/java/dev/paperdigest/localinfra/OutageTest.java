package dev.paperdigest.localinfra;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The outage tests of the services take PostgreSQL and Kafka away and bring them back: both come back on the same
 * address with everything they held, and are really gone in between.
 */
class OutageTest {

    private static LocalInfrastructure infra;

    @BeforeAll
    static void start() {
        infra = LocalInfrastructure.start(LocalInfrastructure.Ports.ANY);
    }

    @AfterAll
    static void stop() {
        infra.close();
    }

    @Test
    void postgresRestartsOnTheSameAddressWithItsData() throws Exception {
        LocalPostgres postgres = infra.postgres();
        try (Connection connection = connect()) {
            connection.createStatement().execute("create table outage_check (name text primary key)");
            connection.createStatement().execute("insert into outage_check values ('kept')");
        }

        postgres.stop();
        assertFalse(postgres.isRunning());
        assertThrows(SQLException.class, OutageTest::connect, "nothing answers while it is stopped");
        postgres.stop(); // stopping twice is harmless

        postgres.start();
        assertTrue(postgres.isRunning());
        try (Connection connection = connect();
                ResultSet rs = connection.createStatement().executeQuery("select name from outage_check")) {
            assertTrue(rs.next());
            assertEquals("kept", rs.getString(1));
        }
    }

    @Test
    void kafkaRestartsOnTheSameAddressWithItsRecordsAndCommittedOffsets() throws Exception {
        KafkaBroker kafka = infra.kafka();
        String topic = "outage-check";
        KafkaRecords.send(kafka, topic, "before");
        assertEquals(List.of("before"), KafkaRecords.consumeAndCommit(kafka, "outage-check", topic, 1));

        kafka.stop();
        assertFalse(kafka.isRunning());
        assertFalse(FreePort.isInUse(Integer.parseInt(kafka.bootstrapServers().split(":")[1])), "the port is closed");

        kafka.start();
        assertTrue(kafka.isRunning());
        KafkaRecords.send(kafka, topic, "after");
        // The group resumes after its committed offset: the record from before the restart is not read again.
        assertEquals(List.of("after"), KafkaRecords.consumeAndCommit(kafka, "outage-check", topic, 1));
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(infra.postgres().jdbcUrl(), infra.postgres().username(),
                infra.postgres().password());
    }
}
