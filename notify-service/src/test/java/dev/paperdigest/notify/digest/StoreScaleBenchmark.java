package dev.paperdigest.notify.digest;

import dev.paperdigest.notify.RealInfrastructure;
import dev.paperdigest.notify.event.GoldenRecord;
import dev.paperdigest.notify.matching.PaperDocument;
import dev.paperdigest.notify.matching.RecordedPapers;
import dev.paperdigest.notify.matching.TopicSync;
import dev.paperdigest.notify.matching.query.InvalidTopicQueryException;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * The store at scale: subscribers and topics loaded with COPY into the service's schema, a synthetic arXiv day
 * published to papers.new, seconds from the first event to every paper processed (matched, its paper_queries row
 * stored), then every subscriber's DAILY digest due at one hour and sent to Postfix's smtp-sink. A benchmark: prints
 * figures, asserts nothing, not run by {@code mvn verify}:
 *
 * <pre>
 * mvn -pl notify-service -am verify -Dtest=StoreScaleBenchmark -Dsurefire.failIfNoSpecifiedTests=false -DskipITs \
 *     -Dbench.subscribers=100000 -Dbench.topics=1000000 -Dbench.papers=1500
 * </pre>
 *
 * Defaults: the full size (100k subscribers, 1M topics, 1,500 papers). Writes target/benchmarks/store-scale.md.
 */
@QuarkusTest
@TestProfile(SmtpSinkProfile.class)
class StoreScaleBenchmark {

    private static final long SEED = 20260427L;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    TopicSync topicSync;

    @Test
    void benchmark() throws Exception {
        int subscribers = Integer.getInteger("bench.subscribers", 100_000);
        int topics = Integer.getInteger("bench.topics", 1_000_000);
        int paperCount = Integer.getInteger("bench.papers", 1500);

        List<PaperDocument> real = new ArrayList<>(RecordedPapers.all());
        real.sort(Comparator.comparing(PaperDocument::id));
        List<PaperDocument> dayBase = IntStream.range(0, real.size()).filter(i -> i % 4 != 0).mapToObj(real::get)
                .toList();
        List<PaperDocument> day = syntheticDay(dayBase, paperCount);

        // Topics: the subscriptions issue's generator, parsed and normalized as the service does.
        long loadStart = System.nanoTime();
        Object generator = topicGenerator(real);
        Method next = generator.getClass().getDeclaredMethod("next");
        next.setAccessible(true);
        Map<String, Long> queryIds = new HashMap<>();
        StringBuilder queryRows = new StringBuilder();
        StringBuilder topicRows = new StringBuilder();
        StringBuilder subscriberRows = new StringBuilder();
        long queryBase;
        long subscriberBase;
        try (Connection connection = dataSource.getConnection()) {
            queryBase = BenchData.count(connection, "select coalesce(max(id), 0) + 1000 from notify.topic_query");
            subscriberBase = BenchData.count(connection, "select coalesce(max(id), 0) + 1000 from notify.subscriber");
        }
        Map<String, String> normalizedOf = new HashMap<>();
        int perSubscriber = Math.max(1, topics / subscribers);
        long topicRowsWritten = 0;
        for (int s = 0; s < subscribers; s++) {
            long subscriberId = subscriberBase + s;
            subscriberRows.append(subscriberId).append("\tscale-").append(s)
                    .append("@example.org\tACTIVE\tDAILY\tUTC\t8\n");
            Set<Long> mine = new HashSet<>();
            for (int t = 0; t < perSubscriber; t++) {
                String text = (String) next.invoke(generator);
                String normalized = normalizedOf.computeIfAbsent(text, k -> {
                    try {
                        return BenchData.normalized(k);
                    } catch (InvalidTopicQueryException e) {
                        return "";
                    }
                });
                if (normalized.isEmpty()) {
                    continue;
                }
                Long queryId = queryIds.get(normalized);
                if (queryId == null) {
                    queryId = queryBase + queryIds.size();
                    queryIds.put(normalized, queryId);
                    queryRows.append(queryId).append('\t').append(copyText(normalized)).append('\t')
                            .append(copyText(text)).append('\n');
                }
                if (mine.add(queryId)) {
                    topicRows.append(subscriberId).append('\t').append(copyText(text)).append('\t').append(queryId)
                            .append('\n');
                    topicRowsWritten++;
                }
            }
        }
        normalizedOf.clear();
        try (Connection connection = dataSource.getConnection()) {
            BenchData.copy(connection, "notify.topic_query", "id, normalized, query", queryRows);
            BenchData.copy(connection, "notify.subscriber", "id, email, status, frequency, timezone, send_hour",
                    subscriberRows);
            BenchData.copy(connection, "notify.topic", "subscriber_id, query, query_id", topicRows);
            BenchData.execute(connection, "select setval(pg_get_serial_sequence('notify.topic_query', 'id'), "
                    + "(select max(id) from notify.topic_query))");
            BenchData.execute(connection, "select setval(pg_get_serial_sequence('notify.subscriber', 'id'), "
                    + "(select max(id) from notify.subscriber))");
            BenchData.execute(connection, "insert into notify.matcher_change (query_id) select id from notify.topic_query"
                    + " where id >= " + queryBase);
            BenchData.execute(connection, "analyze notify.topic; analyze notify.subscriber; analyze notify.topic_query");
        }
        queryRows.setLength(0);
        topicRows.setLength(0);
        subscriberRows.setLength(0);
        double sqlLoadSeconds = (System.nanoTime() - loadStart) / 1e9;
        long registerStart = System.nanoTime();
        QuarkusTransaction.requiringNew().timeout(3600).run(topicSync::refresh);
        double registerSeconds = (System.nanoTime() - registerStart) / 1e9;
        System.out.printf(Locale.ROOT, "loaded %d subscribers, %d topics, %d distinct queries in %.1f s; matcher registered them in %.1f s%n",
                subscribers, topicRowsWritten, queryIds.size(), sqlLoadSeconds, registerSeconds);

        // The day, on papers.new.
        GoldenRecord golden = GoldenRecord.load();
        String prefix = String.format(Locale.ROOT, "28%02d", (int) (System.currentTimeMillis() / 1000 % 12) + 1);
        List<String> ids = new ArrayList<>();
        long t0;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealInfrastructure.infra().kafka().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                new StringSerializer(), new StringSerializer())) {
            List<ProducerRecord<String, String>> records = new ArrayList<>();
            for (int i = 0; i < day.size(); i++) {
                PaperDocument paper = day.get(i);
                String id = prefix + "." + String.format(Locale.ROOT, "%05d", i);
                ids.add(id);
                records.add(golden.variant(id, v -> {
                    v.put("title", paper.title());
                    v.put("abstract", paper.abstractText());
                    v.putPOJO("authors", paper.authors());
                    v.putPOJO("categories", paper.categories());
                    v.put("primaryCategory", paper.categories().isEmpty() ? "cs.LG" : paper.categories().get(0));
                }));
            }
            t0 = System.currentTimeMillis();
            for (ProducerRecord<String, String> record : records) {
                producer.send(record);
            }
            producer.flush();
        }
        String inDay = "paper_id like '" + prefix + ".%'";
        double storeSeconds;
        long rows;
        long fanOut;
        try (Connection connection = dataSource.getConnection()) {
            long deadline = System.nanoTime() + 3L * 3600 * 1_000_000_000L;
            String processed = "select count(*) from notify.processed_event where event_id = any(array["
                    + String.join(",", ids.stream().map(id -> "'" + GoldenRecord.eventId(id) + "'").toList()) + "])";
            long lastReport = System.nanoTime();
            long done;
            while ((done = BenchData.count(connection, processed)) < ids.size() && System.nanoTime() < deadline) {
                if (System.nanoTime() - lastReport > 30_000_000_000L) {
                    System.out.printf(Locale.ROOT, "  %d / %d papers processed after %.0f s%n", done, ids.size(),
                            (System.currentTimeMillis() - t0) / 1000.0);
                    lastReport = System.nanoTime();
                }
                Thread.sleep(200);
            }
            storeSeconds = BenchData.seconds(connection, "select extract(epoch from max(processed_at)) - " + t0 / 1000.0
                    + " from notify.processed_event where event_id like '%'"
                    + " and processed_at >= to_timestamp(" + t0 / 1000.0 + ")");
            rows = BenchData.count(connection, "select count(*) from notify.paper_queries where " + inDay);
            fanOut = BenchData.count(connection, """
                    select count(*) from (select distinct t.subscriber_id, pq.paper_id
                      from notify.paper_queries pq cross join unnest(pq.query_ids) q(id)
                      join notify.topic t on t.query_id = q.id where pq.%s) m
                    """.formatted(inDay));
        }
        System.out.printf(Locale.ROOT, "day stored in %.1f s: %d paper_queries rows, %d (subscriber, paper) matches%n",
                storeSeconds, rows, fanOut);

        // Every subscriber's DAILY digest due at the same hour.
        String mineRange = "between " + subscriberBase + " and " + (subscriberBase + subscribers - 1);
        long digests;
        long sent;
        double papersPerDigest;
        double digestSeconds;
        double assembleSeconds;
        try (Connection connection = dataSource.getConnection()) {
            BenchData.execute(connection, "update notify.subscriber set next_digest_at = now() where id " + mineRange);
            long start = System.currentTimeMillis();
            // -Dbench.digestMinutes caps this phase: the rate is then that of the digests sent so far.
            long deadline = System.nanoTime() + Long.getLong("bench.digestMinutes", 60) * 60 * 1_000_000_000L;
            while (System.nanoTime() < deadline && (BenchData.count(connection,
                    "select count(*) from notify.subscriber where next_digest_at <= now() and id " + mineRange) > 0
                    || BenchData.count(connection, "select count(*) from notify.digest where sent_at is null and subscriber_id "
                            + mineRange) > 0)) {
                Thread.sleep(500);
            }
            digests = BenchData.count(connection, "select count(*) from notify.digest where subscriber_id " + mineRange);
            sent = BenchData.count(connection, "select count(*) from notify.digest where sent_at is not null and subscriber_id "
                    + mineRange);
            papersPerDigest = BenchData.seconds(connection, "select avg(cardinality(paper_ids)) from notify.digest where subscriber_id "
                    + mineRange);
            digestSeconds = BenchData.seconds(connection, "select extract(epoch from max(sent_at)) - " + start / 1000.0
                    + " from notify.digest where subscriber_id " + mineRange);
            assembleSeconds = BenchData.seconds(connection, "select extract(epoch from max(created_at)) - " + start / 1000.0
                    + " from notify.digest where subscriber_id " + mineRange);
        }
        double perSecond = sent / digestSeconds;
        String line = String.format(Locale.ROOT,
                "BENCH store subscribers=%d topics=%d papers=%d rows=%d store_s=%.1f digests_per_s=%.2f",
                subscribers, topicRowsWritten, ids.size(), rows, storeSeconds, perSecond);
        System.out.println(line);
        BenchData.writeReport("store-scale", """
                # Store at scale benchmark

                Machine: %s. notify-service as a @QuarkusTest (this JVM) on local-infra's PostgreSQL and Kafka,
                digests to Postfix's `smtp-sink`.

                ```
                %s
                ```

                | | |
                |---|---|
                | subscribers (ACTIVE, DAILY, 08:00 UTC) | %,d |
                | topics (rows) / distinct queries | %,d / %,d |
                | COPY of subscribers, topic_query, topic + matcher_change | %.1f s |
                | matcher registering the queries (`TopicSync.refresh`) | %.1f s |
                | papers published to papers.new | %,d |
                | first event published to last paper processed | %.1f s (%.0f ms per paper) |
                | paper_queries rows written | %,d |
                | (subscriber, paper) matches they stand for | %,d |
                | digests (one per subscriber with a match) / sent within bench.digestMinutes | %,d / %,d |
                | papers per digest (mean, before the max-papers cut of the mail) | %.1f |
                | hour reached to last digest assembled | %.1f s |
                | hour reached to last digest accepted by smtp-sink | %.1f s (%.2f digests/s) |

                ## Method
                - Topics: `TopicGenerator` (the subscriptions issue's generator, as in `MatcherBenchmark`, seed %d)
                  over the recorded real papers; each subscriber gets %d generated topics (duplicates within one
                  subscriber dropped, as the unique index does), parsed and normalized with `TopicQueryParser`, each
                  distinct normalized query one `topic_query` row. Rows loaded with COPY; one `matcher_change` row per
                  query, then `TopicSync.refresh()` registers them in the service's matcher (what its 1 s poll does).
                - The day: `SyntheticDay` (as in `MatcherBenchmark`) from three quarters of the recorded papers, each
                  paper a `papers.new` record built from the contract's golden record (new id, ce_id as the contract
                  says), all sent by one producer (acks=all). store_s = last `processed_event.processed_at` minus the
                  moment before the first send; the consumer takes one record at a time (match + transaction).
                - Digests: `next_digest_at = now()` for every subscriber at once (their hour come); the service's
                  own `DigestScheduler` poll (1 s, batches of 500) and `DigestMailer` (one thread) do the rest; done
                  when no subscriber of the run is due and no digest of theirs is unsent.
                """.formatted(BenchData.machine(), line, subscribers, topicRowsWritten, queryIds.size(),
                sqlLoadSeconds, registerSeconds, ids.size(), storeSeconds, 1000 * storeSeconds / ids.size(), rows,
                fanOut, digests, sent, papersPerDigest, assembleSeconds, digestSeconds, perSecond, SEED, perSubscriber));
    }

    private static String copyText(String text) {
        return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    @SuppressWarnings("unchecked")
    private static List<PaperDocument> syntheticDay(List<PaperDocument> base, int count) throws Exception {
        Class<?> day = Class.forName("dev.paperdigest.notify.matching.SyntheticDay");
        Method generate = day.getDeclaredMethod("generate", List.class, int.class, long.class);
        generate.setAccessible(true);
        return (List<PaperDocument>) generate.invoke(null, base, count, SEED);
    }

    private static Object topicGenerator(List<PaperDocument> real) throws Exception {
        Class<?> generator = Class.forName("dev.paperdigest.notify.matching.TopicGenerator");
        Constructor<?> constructor = generator.getDeclaredConstructor(List.class, double.class, long.class);
        constructor.setAccessible(true);
        return constructor.newInstance(real, 0.7, SEED);
    }
}
