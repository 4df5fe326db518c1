package dev.paperdigest.localinfra;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

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
        send(topic, "before");
        assertEquals(List.of("before"), consumeAndCommit(topic, 1));

        kafka.stop();
        assertFalse(kafka.isRunning());
        assertFalse(FreePort.isInUse(Integer.parseInt(kafka.bootstrapServers().split(":")[1])), "the port is closed");

        kafka.start();
        assertTrue(kafka.isRunning());
        send(topic, "after");
        // The group resumes after its committed offset: the record from before the restart is not read again.
        assertEquals(List.of("after"), consumeAndCommit(topic, 1));
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(infra.postgres().jdbcUrl(), infra.postgres().username(),
                infra.postgres().password());
    }

    private static void send(String topic, String value) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafka().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, value, value)).get(30, TimeUnit.SECONDS);
        }
    }

    private static List<String> consumeAndCommit(String topic, int expected) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "outage-check",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            List<String> values = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 60_000;
            while (values.size() < expected && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
            }
            consumer.commitSync();
            return values;
        }
    }
}
