package dev.paperdigest.notify.e2e;

import dev.paperdigest.localinfra.CapturedMail;
import dev.paperdigest.localinfra.LocalInfrastructure;
import dev.paperdigest.localinfra.ServiceProcess;
import dev.paperdigest.notify.event.GoldenRecord;
import dev.paperdigest.notify.event.PapersTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Outages of a dependency are a pause, never a loss: both packaged services on real Kafka, PostgreSQL and SMTP, with
 * PostgreSQL and then the Kafka broker stopped in the middle of a stream of papers and started again. Each test counts
 * the (subscriber, paper) deliveries found in the mails: every one exactly once, nothing lost, nothing doubled, and
 * nothing readable dead-lettered.
 */
class OutageIT {

    /**
     * Longer than the consumer's old retry budget (about 40 s), after which it dead-lettered a readable record;
     * {@code -Doutage.postgres-down=PT5M} tries a longer outage.
     */
    private static final Duration POSTGRES_DOWN =
            Duration.parse(System.getProperty("outage.postgres-down", "PT50S"));
    private static final Duration KAFKA_DOWN = Duration.ofSeconds(15);
    private static final Duration DELIVERY = Duration.ofSeconds(120);

    private static final String ADMIN_KEY = "outage-admin-key";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern CONFIRM_LINK = Pattern.compile("/confirm/([A-Za-z0-9_-]{32})");
    private static final List<String> READERS = List.of("ada@example.org", "grace@example.org", "edsger@example.org");
    /** Subscribed to a topic no paper here matches: gets nothing. */
    private static final String BYSTANDER = "barbara@example.org";

    private static LocalInfrastructure infra;
    private static ServiceProcess ingest;
    private static ServiceProcess notify;
    private static int nextPaper = 1;

    @BeforeAll
    static void startStack() throws Exception {
        infra = LocalInfrastructure.start(LocalInfrastructure.Ports.ANY);
        Map<String, String> env = new LinkedHashMap<>(infra.environment());
        env.put("PAPERDIGEST_ADMIN_API_KEY", ADMIN_KEY);
        env.put("INGEST_BACKFILL_DAYS", "0"); // no feed runs against the public hosts: papers come through the API
        env.put("PAPERDIGEST_DIGEST_INSTANT_WINDOW", "0s"); // INSTANT digests at once, not after a minute
        Path repository = Path.of("").toAbsolutePath().getParent();
        Path logs = Path.of("target/e2e-outage");
        ingest = ServiceProcess.start(repository.resolve("ingest-service"), 0, env, logs.resolve("ingest-service.log"));
        notify = ServiceProcess.start(repository.resolve("notify-service"), 0, env, logs.resolve("notify-service.log"));
        ingest.awaitReady(Duration.ofSeconds(120));
        notify.awaitReady(Duration.ofSeconds(120));
        for (String reader : READERS) {
            subscribe(reader, "diffusion");
        }
        subscribe(BYSTANDER, "\\\"quantum error correction\\\"");
    }

    @AfterAll
    static void stopStack() {
        // Each one even when another fails; what failed to stop does not fail the tests.
        LocalInfrastructure.closeAll(null, notify, ingest, infra);
    }

    @Test
    void postgresAwayLongerThanAnyRetryBudgetLosesNothingAndAnswers503() throws Exception {
        List<String> papers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            papers.add(postPaper());
        }
        awaitDelivered(papers);

        infra.postgres().stop();
        long downSince = System.nanoTime();
        // The stream goes on while the database is away: these records reach notify-service's consumer now.
        try (KafkaProducer<String, String> producer = producer()) {
            for (int i = 0; i < 4; i++) {
                String token = nextToken();
                producer.send(GoldenRecord.load().variant("2601.1" + token.substring(1),
                        value -> value.put("title", title(token)))).get(30, TimeUnit.SECONDS);
                papers.add(token);
            }
        }
        // Clear answers meanwhile: 503 problem+json with Retry-After, readiness DOWN with the reason, liveness UP.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            HttpResponse<String> refused = post(ingest, "/api/papers", paperJson(nextToken()));
            assertEquals(503, refused.statusCode(), refused.body());
            assertTrue(refused.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
            assertTrue(refused.headers().firstValue("Retry-After").isPresent(), "Retry-After");
        });
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            HttpResponse<String> signUp = post(notify, "/api/subscriptions",
                    "{\"email\": \"late@example.org\", \"topics\": [\"diffusion\"], \"frequency\": \"INSTANT\"}");
            assertEquals(503, signUp.statusCode(), signUp.body());
            assertTrue(signUp.headers().firstValue("Retry-After").isPresent(), "Retry-After");
            // A manage token cannot be checked meanwhile: that is an outage too, not a refused token (401).
            HttpResponse<String> manage = get(notify, "/api/subscriptions/me",
                    "Authorization", "Bearer " + "A".repeat(32));
            assertEquals(503, manage.statusCode(), manage.body());
            assertTrue(manage.headers().firstValue("Retry-After").isPresent(), "Retry-After");
        });
        for (ServiceProcess service : List.of(ingest, notify)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> get(service, "/q/health/ready").statusCode() == 503);
            assertEquals(200, get(service, "/q/health/live").statusCode(), service.baseUrl() + " stays alive");
        }
        await().atMost(Duration.ofSeconds(60))
                .until(() -> get(notify, "/q/health/ready").body().contains("papers.new consumer"));

        holdDown(downSince, POSTGRES_DOWN);
        infra.postgres().start();

        // Both recover on their own: ingest takes papers again, notify delivers what waited.
        await().atMost(Duration.ofSeconds(60)).until(() -> get(ingest, "/q/health/ready").statusCode() == 200);
        papers.add(postPaper());
        awaitDelivered(papers);
        await().atMost(Duration.ofSeconds(60)).until(() -> get(notify, "/q/health/ready").statusCode() == 200);
        assertExactlyOnceAndNothingDeadLettered(papers);
    }

    @Test
    void kafkaAwayDuringABurstLosesNothing() throws Exception {
        List<String> papers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            papers.add(postPaper());
        }
        infra.kafka().stop();
        long downSince = System.nanoTime();
        // Accepted while the broker is away: they wait in the outbox.
        for (int i = 0; i < 4; i++) {
            papers.add(postPaper());
        }
        holdDown(downSince, KAFKA_DOWN);
        infra.kafka().start();

        // Published once the broker is back, consumed without a restart of either service.
        papers.add(postPaper());
        awaitDelivered(papers);
        assertExactlyOnceAndNothingDeadLettered(papers);
    }

    /** Posts a new matching paper to ingest-service and returns its token (unique text in its title). */
    private static String postPaper() throws Exception {
        String token = nextToken();
        HttpResponse<String> response = post(ingest, "/api/papers", paperJson(token));
        assertEquals(202, response.statusCode(), response.body());
        assertTrue(response.body().contains("\"new\":1"), response.body());
        return token;
    }

    private static synchronized String nextToken() {
        return String.format("Q%04d", nextPaper++);
    }

    private static String title(String token) {
        return "Diffusion models that survive outages, case " + token;
    }

    private static String paperJson(String token) {
        return "{\"id\": \"2602.1" + token.substring(1) + "\", \"title\": \"" + title(token)
                + "\", \"abstract\": \"Denoising diffusion under failure.\", \"authors\": [\"A. Author\"],"
                + " \"categories\": [\"cs.LG\"]}";
    }

    /** Waits until every reader has a mail naming each paper. */
    private static void awaitDelivered(List<String> papers) {
        await().atMost(DELIVERY).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            for (String reader : READERS) {
                for (String paper : papers) {
                    assertTrue(deliveries(reader, paper) >= 1, reader + " has not got " + paper + " yet");
                }
            }
        });
    }

    /**
     * Every (reader, paper) delivered exactly once; the bystander got nothing but the confirmation; papers.new.dlq holds
     * nothing. The last paper of each test was posted after the outage and travels the same single-partition path,
     * so anything a redelivery could cause would have arrived before it.
     */
    private static void assertExactlyOnceAndNothingDeadLettered(List<String> papers) {
        List<String> lost = new ArrayList<>();
        List<String> doubled = new ArrayList<>();
        for (String reader : READERS) {
            for (String paper : papers) {
                long count = deliveries(reader, paper);
                if (count == 0) {
                    lost.add(reader + "/" + paper);
                } else if (count > 1) {
                    doubled.add(reader + "/" + paper + " x" + count);
                }
            }
        }
        assertEquals(List.of(), lost, "lost deliveries");
        assertEquals(List.of(), doubled, "duplicated deliveries");
        assertEquals(1, infra.mail().mailsTo(BYSTANDER).size(), "the bystander only got the confirmation mail");
        assertEquals(0, deadLettered(), "records on " + PapersTopic.DEAD_LETTER);
    }

    private static long deliveries(String reader, String paper) {
        return infra.mail().mailsTo(reader).stream()
                .filter(mail -> contains(mail, paper))
                .count();
    }

    private static boolean contains(CapturedMail mail, String token) {
        return (mail.text() != null && mail.text().contains(token)) || (mail.html() != null && mail.html().contains(token))
                || (mail.subject() != null && mail.subject().contains(token));
    }

    /** Records ever written to the dead-letter topic (0 when it does not even exist). */
    private static long deadLettered() {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafka().bootstrapServers()),
                new StringDeserializer(), new StringDeserializer())) {
            List<PartitionInfo> partitions = consumer.listTopics(Duration.ofSeconds(30)).get(PapersTopic.DEAD_LETTER);
            if (partitions == null) {
                return 0;
            }
            List<TopicPartition> topicPartitions = partitions.stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            return consumer.endOffsets(topicPartitions, Duration.ofSeconds(30)).values().stream()
                    .mapToLong(Long::longValue).sum();
        }
    }

    /** The one fixed wait: the dependency stays away for the outage's length. */
    private static void holdDown(long downSince, Duration outage) throws InterruptedException {
        long remaining = outage.toNanos() - (System.nanoTime() - downSince);
        if (remaining > 0) {
            TimeUnit.NANOSECONDS.sleep(remaining);
        }
    }

    private static void subscribe(String email, String topic) throws Exception {
        HttpResponse<String> signUp = post(notify, "/api/subscriptions",
                "{\"email\": \"" + email + "\", \"topics\": [\"" + topic + "\"], \"frequency\": \"INSTANT\"}");
        assertEquals(202, signUp.statusCode(), signUp.body());
        await().atMost(Duration.ofSeconds(60)).until(() -> !infra.mail().mailsTo(email).isEmpty());
        Matcher link = CONFIRM_LINK.matcher(infra.mail().mailsTo(email).get(0).text());
        assertTrue(link.find(), "a confirmation link");
        HttpResponse<String> confirmed = post(notify, "/api/subscriptions/confirm/" + link.group(1), "");
        assertEquals(200, confirmed.statusCode(), confirmed.body());
    }

    private static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafka().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), new StringSerializer(), new StringSerializer());
    }

    private static HttpResponse<String> post(ServiceProcess service, String path, String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(service.baseUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + ADMIN_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(ServiceProcess service, String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service.baseUrl() + path))
                .timeout(Duration.ofSeconds(30));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
