package dev.paperdigest.notify.digest;

import dev.paperdigest.notify.matching.PaperDocument;
import dev.paperdigest.notify.matching.RecordedPapers;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Digests rendered and accepted by SMTP per second, on the real path: due subscribers are assembled into the
 * {@code digest} table by {@link DigestScheduler} (its own poll), then {@link DigestMailer} (claim, render, send,
 * mark) drains them into Postfix's {@code smtp-sink}; against the raw rate of {@code smtp-source} into the same sink
 * in the same run. Each digest lists 10 papers. A benchmark: prints figures, asserts nothing, not run by
 * {@code mvn verify}:
 *
 * <pre>
 * mvn -pl notify-service -am verify -Dtest=DigestRateBenchmark -Dsurefire.failIfNoSpecifiedTests=false -DskipITs
 * </pre>
 *
 * Properties: {@code bench.digests} per round (5000), {@code bench.rounds} (3; the first warms the JVM up, the
 * BENCH line gives the best of the others). Writes target/benchmarks/digest-rate.md.
 */
@QuarkusTest
@TestProfile(SmtpSinkProfile.class)
class DigestRateBenchmark {

    private static final int PAPERS_PER_DIGEST = 10;
    private static final int GROUPS = 20;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void benchmark() throws Exception {
        BenchSmtp.requireTools();
        int port = ConfigProvider.getConfig().getValue("quarkus.mailer.port", Integer.class);
        if (port != BenchSmtp.shared().port()) {
            throw new IllegalStateException("the mailer is not pointed at smtp-sink: port " + port);
        }
        int perRound = Integer.getInteger("bench.digests", 5000);
        int rounds = Math.max(2, Integer.getInteger("bench.rounds", 3));
        var config = ConfigProvider.getConfig();
        String setting = "senders=" + config.getValue("paperdigest.mail.senders", String.class) + " batch-size="
                + config.getValue("paperdigest.mail.batch-size", String.class) + " max-pool-size="
                + config.getValue("quarkus.mailer.max-pool-size", String.class);

        long[] queryIds = setUp();
        List<String> rows = new ArrayList<>();
        List<String> bench = new ArrayList<>();
        double best = 0;
        for (int round = 0; round < rounds; round++) {
            double[] r = round(round, perRound, queryIds);
            rows.add(String.format(Locale.ROOT, "| %d%s | %,d | %.1f | %.0f | %.0f |", round,
                    round == 0 ? " (warm-up)" : "", perRound, r[0], r[1], r[2]));
            if (round > 0) {
                best = Math.max(best, r[1]);
            }
        }
        double raw1 = BenchSmtp.shared().rawRate(1, 5000, 20_000);
        double rawN = BenchSmtp.shared().rawRate(8, 20000, 20_000);
        double raw = Math.max(raw1, rawN);
        String line = String.format(Locale.ROOT, "BENCH digests sent=%d per_s=%.0f raw_smtp_per_s=%.0f", perRound,
                best, raw);
        System.out.println(line);
        bench.add(line);

        BenchData.writeReport("digest-rate", """
                # Digest rate benchmark

                Machine: %s. notify-service as a @QuarkusTest (in this JVM) on the local PostgreSQL and Kafka of
                `local-infra`, mail to Postfix's `smtp-sink` on 127.0.0.1 (accepts and discards).

                ```
                %s
                ```

                Settings: %s.

                | round | digests | assemble s | digests/s (assembly start to last accepted) | send-only digests/s (first to last sent_at) |
                |---|---|---|---|---|
                %s

                Raw `smtp-source -d` into the same `smtp-sink`, 20,000-byte mails, same run: %.0f/s over 1 connection,
                %.0f/s over 8 connections.

                ## Method
                - Data (SQL into the service's schema): %d papers built from the recorded real papers (titles, abstracts,
                  authors, categories), in %d groups of %d; one `topic_query` per group (a word in the titles of its 10
                  papers) and one `paper_queries` row per paper naming its group's query.
                - Each round: %,d new ACTIVE DAILY subscribers, each with one topic (group = subscriber mod %d) and
                  `digest_from_txid` 0, so every digest lists exactly %d papers. Then `next_digest_at = now()` for all
                  of them at once: `DigestScheduler` picks them up at its next poll (every 1 s) and writes the
                  digests in batches of 500, each batch's commit wakes `DigestMailer`'s sender threads, each of which
                  claims a batch of digests, loads them (subscribers, topics, paper_queries, papers, minted tokens: one
                  statement per table), renders them (Qute, HTML + text), sends them in parallel (Vert.x mail client,
                  one pooled connection each) and marks them sent in one transaction. Done when every digest of the
                  round has `sent_at`.
                - "digests/s" = digests / (last `sent_at` - first digest's `created_at`, i.e. from the first assembly
                  transaction, leaving out the wait for the scheduler's poll); "send-only" = digests / (last - first
                  `sent_at`); "assemble s" = last - first digest `created_at`. Timestamps are PostgreSQL's `now()`.
                - Raw rate: `smtp-source -d -s <sessions> -m <n> -l 20000` (20 KB mails, about a 10-paper digest) into
                  the same `smtp-sink`, after the rounds; raw_smtp_per_s is the better of 1 and 8 sessions.
                - The BENCH line's per_s is the best round after the warm-up round.
                """.formatted(BenchData.machine(), BenchData.lines(bench), setting, BenchData.lines(rows), raw1, rawN,
                GROUPS * PAPERS_PER_DIGEST, GROUPS, PAPERS_PER_DIGEST, perRound, GROUPS, PAPERS_PER_DIGEST));
    }

    /** Papers, their queries and paper_queries rows. @return the query id of each group */
    private long[] setUp() throws Exception {
        List<PaperDocument> real = RecordedPapers.all();
        long[] queryIds = new long[GROUPS];
        try (Connection connection = dataSource.getConnection()) {
            for (int g = 0; g < GROUPS; g++) {
                String word = BenchData.word("rategroup", g);
                queryIds[g] = BenchData.queryId(connection, word);
                List<String> ids = new ArrayList<>();
                for (int p = 0; p < PAPERS_PER_DIGEST; p++) {
                    int n = g * PAPERS_PER_DIGEST + p;
                    PaperDocument paper = real.get(n % real.size());
                    String id = String.format(Locale.ROOT, "2999.%05d", n);
                    BenchData.insertPaper(connection, id, paper, paper.title() + " " + word);
                    ids.add(id);
                }
                for (String id : ids) {
                    BenchData.execute(connection, "insert into notify.paper_queries (paper_id, query_ids) values ('"
                            + id + "', array[" + queryIds[g] + "]::bigint[])");
                }
            }
        }
        return queryIds;
    }

    /** @return {assemble s, digests/s from the first assembly, send-only digests/s} */
    private double[] round(int round, int count, long[] queryIds) throws Exception {
        long firstId;
        try (Connection connection = dataSource.getConnection()) {
            firstId = BenchData.count(connection, "select coalesce(max(id), 0) + 1 from notify.subscriber");
            StringBuilder subscribers = new StringBuilder();
            StringBuilder topics = new StringBuilder();
            for (int i = 0; i < count; i++) {
                long id = firstId + i;
                subscribers.append(id).append("\trate-").append(round).append('-').append(i)
                        .append("@example.org\tACTIVE\tDAILY\tUTC\t8\t0\n");
                int g = i % GROUPS;
                topics.append(id).append('\t').append(BenchData.word("rategroup", g)).append('\t')
                        .append(queryIds[g]).append('\n');
            }
            BenchData.copy(connection, "notify.subscriber",
                    "id, email, status, frequency, timezone, send_hour, digest_from_txid", subscribers);
            BenchData.copy(connection, "notify.topic", "subscriber_id, query, query_id", topics);
        }
        String range = "subscriber_id between " + firstId + " and " + (firstId + count - 1);
        double[] result = new double[3];
        try (Connection connection = dataSource.getConnection()) {
            BenchData.execute(connection, "update notify.subscriber set next_digest_at = now() where id between "
                    + firstId + " and " + (firstId + count - 1));
            long t0 = System.nanoTime();
            long deadline = t0 + 20L * 60 * 1_000_000_000L;
            while (BenchData.count(connection, "select count(*) from notify.digest where sent_at is not null and "
                    + range) < count) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("round " + round + " not done in 20 min");
                }
                Thread.sleep(100);
            }
            String stats = "from notify.digest where " + range;
            double assemble = BenchData.seconds(connection, "select extract(epoch from max(created_at) - min(created_at)) " + stats);
            double total = BenchData.seconds(connection, "select extract(epoch from max(sent_at) - min(created_at)) " + stats);
            double sendOnly = BenchData.seconds(connection, "select extract(epoch from max(sent_at) - min(sent_at)) " + stats);
            long listed = BenchData.count(connection, "select min(cardinality(paper_ids)) " + stats);
            if (listed != PAPERS_PER_DIGEST) {
                throw new IllegalStateException("a digest lists " + listed + " papers");
            }
            result[0] = assemble;
            result[1] = count / total;
            result[2] = count / sendOnly;
        }
        System.out.printf(Locale.ROOT, "round %d: %d digests, assembled in %.1f s, %.0f/s, send-only %.0f/s%n",
                round, count, result[0], result[1], result[2]);
        return result;
    }
}
