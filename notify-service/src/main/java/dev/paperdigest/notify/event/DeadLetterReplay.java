package dev.paperdigest.notify.event;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Sends what went to {@code papers.new.dlq} back to {@code papers.new}, once the cause is fixed (a bug, a refused
 * value that is now accepted). Each dead letter is replayed once: the replay remembers how far it got in its own
 * consumer group, committed only after the broker has every replayed record. A replay cut short before that commit
 * sends some records again next time, which is harmless: the consumer skips an event id it has processed. A record
 * that still cannot be read lands in the DLQ again, after the end the replay started from, so it waits for the next
 * replay instead of looping.
 */
@ApplicationScoped
public class DeadLetterReplay {

    private static final Logger LOG = Logger.getLogger(DeadLetterReplay.class);
    /** The consumer group whose committed offsets say how far replays got. */
    static final String GROUP = "notify-service.dlq-replay";
    /** On a replayed record: where it was in the DLQ ({@code papers.new.dlq/<partition>/<offset>}). */
    public static final String REPLAYED_FROM = "replayed-from";
    private static final String DEAD_LETTER_HEADERS = "dead-letter-";
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(30);

    /** What one replay did: records sent back to papers.new, and dead letters still waiting after them. */
    public record Result(int replayed, long remaining) {
    }

    private final Map<String, Object> kafka;
    /** One replay at a time on this instance (two instances replaying together may send a record twice: harmless). */
    private final ReentrantLock lock = new ReentrantLock();

    public DeadLetterReplay(@Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.kafka = kafka;
    }

    /** Replays at most {@code max} dead letters, oldest first, among those there when the replay starts. */
    public Result replay(int max) {
        lock.lock();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig(),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
                KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig(),
                        new ByteArraySerializer(), new ByteArraySerializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(PapersTopic.DEAD_LETTER, KAFKA_TIMEOUT).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, KAFKA_TIMEOUT);
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(partitions), KAFKA_TIMEOUT);
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata from = committed.get(partition);
                if (from != null) {
                    consumer.seek(partition, from.offset());
                } else {
                    consumer.seekToBeginning(List.of(partition));
                }
            }
            Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            while (sent.size() < max && behind(consumer, partitions, end)) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (sent.size() < max && record.offset() < end.get(partition)
                            && record.offset() >= done.getOrDefault(partition, new OffsetAndMetadata(0)).offset()) {
                        sent.add(producer.send(replayOf(record)));
                        done.put(partition, new OffsetAndMetadata(record.offset() + 1));
                    }
                }
            }
            producer.flush();
            for (Future<RecordMetadata> future : sent) {
                future.get(KAFKA_TIMEOUT.toSeconds(), TimeUnit.SECONDS); // every record on the broker before the commit
            }
            consumer.commitSync(done, KAFKA_TIMEOUT);
            long remaining = 0;
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata reached = done.getOrDefault(partition, committed.get(partition));
                long position = reached != null ? reached.offset()
                        : consumer.beginningOffsets(List.of(partition), KAFKA_TIMEOUT).get(partition);
                remaining += Math.max(0, end.get(partition) - position);
            }
            LOG.infof("replayed %d dead letters to %s; %d left", sent.size(), PapersTopic.NAME, remaining);
            return new Result(sent.size(), remaining);
        } catch (ExecutionException e) {
            throw new KafkaUnavailableException("Kafka did not take a replayed record: " + e.getCause().getMessage(), e);
        } catch (TimeoutException | KafkaException e) {
            throw new KafkaUnavailableException("Kafka did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnavailableException("the replay was interrupted", e);
        } finally {
            lock.unlock();
        }
    }

    private static boolean behind(KafkaConsumer<?, ?> consumer, List<TopicPartition> partitions, Map<TopicPartition, Long> end) {
        return partitions.stream().anyMatch(partition -> consumer.position(partition, KAFKA_TIMEOUT) < end.get(partition));
    }

    /** The original record (key, value, CloudEvent headers), without the DLQ's headers, noting where it came from. */
    static ProducerRecord<byte[], byte[]> replayOf(ConsumerRecord<byte[], byte[]> dead) {
        ProducerRecord<byte[], byte[]> replay = new ProducerRecord<>(PapersTopic.NAME, dead.key(), dead.value());
        for (Header header : dead.headers()) {
            if (!header.key().startsWith(DEAD_LETTER_HEADERS) && !header.key().equals(REPLAYED_FROM)) {
                replay.headers().add(header);
            }
        }
        replay.headers().add(REPLAYED_FROM, (dead.topic() + "/" + dead.partition() + "/" + dead.offset())
                .getBytes(StandardCharsets.UTF_8));
        return replay;
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> config = clientConfig();
        config.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return config;
    }

    private Map<String, Object> producerConfig() {
        Map<String, Object> config = clientConfig();
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return config;
    }

    /** The broker address and, when configured, how to authenticate to it (the {@code kafka.*} keys). */
    private Map<String, Object> clientConfig() {
        Map<String, Object> config = new HashMap<>();
        kafka.forEach((key, value) -> {
            if (key.equals("bootstrap.servers") || key.startsWith("security.") || key.startsWith("sasl.")
                    || key.startsWith("ssl.")) {
                config.put(key, value);
            }
        });
        return config;
    }

    /** The replay could not finish; nothing was committed, so the next replay starts where this one did. */
    public static class KafkaUnavailableException extends RuntimeException {
        KafkaUnavailableException(String reason, Throwable cause) {
            super(reason, cause);
        }
    }
}
