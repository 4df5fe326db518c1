package dev.paperdigest.ingest.event;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads {@code papers.new} with a plain KafkaConsumer, from the end of the topic as it was when the probe opened:
 * a test sees only the records its own actions produced.
 */
public final class PapersTopicProbe implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> received = new ArrayList<>();

    private PapersTopicProbe(KafkaConsumer<String, String> consumer) {
        this.consumer = consumer;
    }

    public static PapersTopicProbe fromNow(String bootstrapServers) {
        ensureTopic(bootstrapServers);
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(PapersTopic.NAME, WAIT).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        // seekToEnd is lazy; resolve the positions now, before the test produces anything.
        partitions.forEach(consumer::position);
        return new PapersTopicProbe(consumer);
    }

    /** Polls once, for at most {@code timeout}; returns what arrived (also kept with everything received). */
    public List<ConsumerRecord<String, String>> pollOnce(Duration timeout) {
        List<ConsumerRecord<String, String>> arrived = new ArrayList<>();
        consumer.poll(timeout).forEach(arrived::add);
        received.addAll(arrived);
        return arrived;
    }

    /** Polls until the records received so far satisfy {@code condition}; returns all of them. */
    public List<ConsumerRecord<String, String>> awaitRecords(Predicate<List<ConsumerRecord<String, String>>> condition) {
        await().atMost(WAIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(50)).until(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(received::add);
            return condition.test(received);
        });
        return List.copyOf(received);
    }

    /** Waits for the first record with {@code key}. */
    public ConsumerRecord<String, String> awaitRecord(String key) {
        return awaitRecords(records -> records.stream().anyMatch(r -> key.equals(r.key()))).stream()
                .filter(r -> key.equals(r.key())).findFirst().orElseThrow();
    }

    public static List<ConsumerRecord<String, String>> withKey(List<ConsumerRecord<String, String>> records,
            String key) {
        return records.stream().filter(r -> key.equals(r.key())).toList();
    }

    /** Header name to UTF-8 value, in record order; a repeated header would show as a count mismatch elsewhere. */
    public static Map<String, String> headers(ConsumerRecord<String, String> record) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.merge(header.key(), new String(header.value(), StandardCharsets.UTF_8), (a, b) -> a + "," + b);
        }
        return headers;
    }

    private static void ensureTopic(String bootstrapServers) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(PapersTopic.NAME, 1, (short) 1))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create " + PapersTopic.NAME, e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
