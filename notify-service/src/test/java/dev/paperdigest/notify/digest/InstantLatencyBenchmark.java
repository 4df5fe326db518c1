package dev.paperdigest.notify.digest;

import dev.paperdigest.localinfra.ServiceProcess;
import dev.paperdigest.notify.RealInfrastructure;
import dev.paperdigest.notify.matching.PaperDocument;
import dev.paperdigest.notify.matching.RecordedPapers;
import dev.paperdigest.notify.matching.TopicSync;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static dev.paperdigest.notify.event.GoldenRecord.JSON;

/**
 * INSTANT latency with a coalescing window of 0: a paper POSTed to the packaged ingest-service (its own JVM, started
 * here) until the digest listing it is accepted by SMTP ({@link TimestampingSmtpSink}, millisecond receipt times),
 * p50 and p99 over the papers, for each INSTANT subscriber. notify-service runs as the @QuarkusTest of this class.
 * A benchmark: prints figures, asserts nothing, not run by {@code mvn verify}:
 *
 * <pre>
 * mvn -pl notify-service -am verify -Dtest=InstantLatencyBenchmark -Dsurefire.failIfNoSpecifiedTests=false -DskipITs
 * </pre>
 *
 * Properties: {@code bench.papers} (500), {@code bench.subscribers} (3), {@code bench.intervalMs} between POSTs (100).
 * Writes target/benchmarks/instant-latency.md.
 */
@QuarkusTest
@TestProfile(TimestampingSinkProfile.class)
class InstantLatencyBenchmark {

    private static final String ADMIN_KEY = "bench-admin-key";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Inject
    AgroalDataSource dataSource;

    @Inject
    TopicSync topicSync;

    @Test
    void benchmark() throws Exception {
        int papers = Integer.getInteger("bench.papers", 500);
        int subscriberCount = Integer.getInteger("bench.subscribers", 3);
        long intervalMs = Long.getLong("bench.intervalMs", 100);
        if (!Duration.ZERO.equals(ConfigProvider.getConfig().getValue("paperdigest.digest.instant-window", Duration.class))) {
            throw new IllegalStateException("instant-window is not 0");
        }
        Path module = Path.of("").toAbsolutePath().getParent().resolve("ingest-service");
        if (!Files.exists(module.resolve("target/quarkus-app/quarkus-run.jar"))) {
            throw new IllegalStateException("ingest-service is not packaged: run with -am (mvn -pl notify-service -am verify ...)");
        }

        // INSTANT subscribers, each with the topic every paper of the run matches.
        String word = BenchData.word("latencybench", System.currentTimeMillis() % 1_000_000);
        List<Long> subscribers = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            long queryId = BenchData.queryId(connection, word);
            for (int i = 0; i < subscriberCount; i++) {
                try (PreparedStatement insert = connection.prepareStatement("""
                        insert into notify.subscriber (email, status, frequency, confirmed_at)
                        values (?, 'ACTIVE', 'INSTANT', now()) returning id
                        """)) {
                    insert.setString(1, word + "-" + i + "@example.org");
                    try (ResultSet id = insert.executeQuery()) {
                        id.next();
                        subscribers.add(id.getLong(1));
                    }
                }
                BenchData.execute(connection, "insert into notify.topic (subscriber_id, query, query_id) values ("
                        + subscribers.get(i) + ", '" + word + "', " + queryId + ")");
            }
            BenchData.execute(connection, "insert into notify.matcher_change (query_id) values (" + queryId + ")");
        }
        QuarkusTransaction.requiringNew().run(topicSync::refresh);

        Map<String, String> env = new LinkedHashMap<>(RealInfrastructure.infra().environment());
        env.put("PAPERDIGEST_ADMIN_API_KEY", ADMIN_KEY);
        List<PaperDocument> real = RecordedPapers.all();
        String prefix = String.format(Locale.ROOT, "27%02d", (int) (System.currentTimeMillis() / 1000 % 12) + 1);
        Map<String, Long> postedAt = new HashMap<>();
        try (ServiceProcess ingest = ServiceProcess.start(module, 0, env, Path.of("target/benchmarks/ingest-service.log"))) {
            ingest.awaitReady(Duration.ofSeconds(180));
            // Warm-up: ten papers through the whole path, not counted.
            for (int i = 0; i < papers + 10; i++) {
                PaperDocument paper = real.get(i % real.size());
                String id = prefix + "." + String.format(Locale.ROOT, "%05d", i);
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("id", id);
                body.put("title", paper.title() + " " + word);
                body.put("abstract", paper.abstractText());
                body.put("authors", paper.authors());
                body.put("categories", paper.categories());
                long at = System.currentTimeMillis();
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(ingest.baseUrl() + "/api/papers"))
                        .header("Content-Type", "application/json").header("Authorization", "Bearer " + ADMIN_KEY)
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 202) {
                    throw new IllegalStateException("POST /api/papers: " + response.statusCode() + " " + response.body());
                }
                if (i >= 10) {
                    postedAt.put(id, at);
                }
                Thread.sleep(i < 10 ? 1000 : intervalMs);
            }
            // Every (subscriber, paper) mailed, or 2 minutes after the last POST.
            long deadline = System.currentTimeMillis() + 120_000;
            while (System.currentTimeMillis() < deadline && latencies(subscribers, postedAt).size() < postedAt.size() * subscribers.size()) {
                Thread.sleep(500);
            }
        }
        List<Long> latencies = latencies(subscribers, postedAt);
        Collections.sort(latencies);
        int expected = postedAt.size() * subscribers.size();
        long p50 = percentile(latencies, 0.50);
        long p99 = percentile(latencies, 0.99);
        long max = latencies.isEmpty() ? -1 : latencies.get(latencies.size() - 1);
        long digests;
        try (Connection connection = dataSource.getConnection()) {
            digests = BenchData.count(connection, "select count(*) from notify.digest where subscriber_id = any(array"
                    + subscribers + ")");
        }
        String stages = stages(subscribers, postedAt);
        String line = String.format(Locale.ROOT, "BENCH instant p50_ms=%d p99_ms=%d", p50, p99);
        System.out.println("stages after the POST (p50 / p99 ms): " + stages);
        System.out.println(line);
        System.out.printf(Locale.ROOT, "measured %d of %d (subscriber, paper) deliveries, max %d ms, %d digests%n",
                latencies.size(), expected, max, digests);
        BenchData.writeReport("instant-latency", """
                # INSTANT latency benchmark

                Machine: %s.

                ```
                %s
                ```

                | papers | INSTANT subscribers | POST interval | deliveries measured | digests sent | p50 ms | p90 ms | p99 ms | max ms |
                |---|---|---|---|---|---|---|---|---|
                | %d | %d | %d ms | %d of %d | %d | %d | %d | %d | %d |

                Stages, ms after the POST (p50 / p99), from PostgreSQL timestamps (notify's `paper.received_at`,
                `paper_queries.matched_at`, the first digest's `created_at` and `sent_at`): %s

                ## Method
                - ingest-service packaged (`target/quarkus-app`) in its own JVM (`ServiceProcess`, as `PipelineIT`), on
                  the same local-infra Kafka and PostgreSQL as notify-service, which runs as this @QuarkusTest with
                  `paperdigest.digest.instant-window=0s`; mail goes to `TimestampingSmtpSink` (an SMTP server in this
                  JVM that notes the millisecond it answers 250 to each mail's DATA, by Message-ID).
                - %d ACTIVE INSTANT subscribers (SQL rows, registered in the matcher by `TopicSync.refresh()`), all
                  with one topic that every paper's title contains.
                - %d papers (real recorded papers' texts, new ids) POSTed one by one to `/api/papers`, %d ms apart,
                  after 10 warm-up papers (1 s apart, not counted). Latency of (subscriber, paper) = receipt of the
                  first digest to that subscriber listing the paper (digest id -> Message-ID `<digest-<id>@host>`)
                  minus the moment before its POST. Path: ingest stores paper + outbox row, relay publishes to
                  papers.new, notify consumes, matches, stores `paper_queries`, the commit wakes `DigestScheduler`
                  (window 0), which writes the digest, whose commit wakes `DigestMailer`, which sends it.
                """.formatted(BenchData.machine(), line, postedAt.size(), subscribers.size(), intervalMs,
                latencies.size(), expected, digests, p50, percentile(latencies, 0.9), p99, max, stages,
                subscribers.size(), postedAt.size(), intervalMs));
    }

    private List<Long> latencies(List<Long> subscribers, Map<String, Long> postedAt) throws Exception {
        String host = URI.create(ConfigProvider.getConfig().getValue("paperdigest.public-url", String.class)).getHost();
        Map<String, Long> first = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "select id, subscriber_id, paper_ids from notify.digest where subscriber_id = any(?) order by id")) {
            query.setArray(1, connection.createArrayOf("bigint", subscribers.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    Long received = TimestampingSmtpSink.shared()
                            .receivedAt("<digest-" + rows.getLong(1) + "@" + (host == null ? "paperdigest.local" : host) + ">");
                    if (received == null) {
                        continue;
                    }
                    Array ids = rows.getArray(3);
                    for (Object paperId : (Object[]) ids.getArray()) {
                        Long posted = postedAt.get((String) paperId);
                        if (posted != null) {
                            first.merge(rows.getLong(2) + "/" + paperId, received - posted, Math::min);
                        }
                    }
                }
            }
        }
        return new ArrayList<>(first.values());
    }

    /** p50 / p99 of each stage after the POST, from the database's timestamps. */
    private String stages(List<Long> subscribers, Map<String, Long> postedAt) throws Exception {
        List<List<Long>> stage = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("""
                        select p.id, extract(epoch from p.received_at) * 1000, extract(epoch from pq.matched_at) * 1000,
                          (select extract(epoch from min(d.created_at)) * 1000 from notify.digest d
                           where p.id = any(d.paper_ids) and d.subscriber_id = any(?)),
                          (select extract(epoch from min(d.sent_at)) * 1000 from notify.digest d
                           where p.id = any(d.paper_ids) and d.subscriber_id = any(?))
                        from notify.paper p left join notify.paper_queries pq on pq.paper_id = p.id
                        where p.id = any(?)
                        """)) {
            Array ids = connection.createArrayOf("bigint", subscribers.toArray());
            query.setArray(1, ids);
            query.setArray(2, ids);
            query.setArray(3, connection.createArrayOf("varchar", postedAt.keySet().toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    long posted = postedAt.get(rows.getString(1));
                    for (int i = 0; i < 4; i++) {
                        double at = rows.getDouble(i + 2);
                        if (!rows.wasNull()) {
                            stage.get(i).add(Math.round(at) - posted);
                        }
                    }
                }
            }
        }
        String[] names = {"stored by notify", "matched (paper_queries)", "digest assembled", "digest marked sent"};
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Collections.sort(stage.get(i));
            parts.add(names[i] + " " + percentile(stage.get(i), 0.5) + " / " + percentile(stage.get(i), 0.99));
        }
        return String.join("; ", parts);
    }

    private static long percentile(List<Long> sorted, double share) {
        if (sorted.isEmpty()) {
            return -1;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(share * sorted.size()) - 1));
    }
}
