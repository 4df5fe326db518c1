package dev.paperdigest.ingest.run;

import static dev.paperdigest.ingest.source.FeedServer.xml;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.ToLongFunction;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.paperdigest.ingest.RealInfrastructure;
import dev.paperdigest.ingest.event.PapersTopicProbe;
import dev.paperdigest.ingest.outbox.OutboxEvent;
import dev.paperdigest.ingest.source.FeedServer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * How long a run over a 1,500-item arXiv RSS feed takes from its start until all 1,500 announcements are
 * acknowledged by Kafka. Prints figures and writes them to target/benchmarks/ingest-run.md; asserts only that the
 * work was done (1,500 new papers, 1,500 records), never a time.
 *
 * <p>Run with {@code mvn -pl ingest-service -am verify -Dtest=IngestRunBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL)
class IngestRunBenchmark {

    static final int ITEMS = 1_500;
    static final int WARM_UPS = 1;
    static final int MEASURED = 5;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "ingest.arxiv.rss-base-url")
    String feedBase;

    @ConfigProperty(name = "paperdigest.outbox.batch-size")
    int relayBatchSize;

    /** One measured run; all times in ms from the run's start (server clock) or from the request (client clock). */
    record Sample(long runMs, long lastAckMs, long consumedMs, int feedBytes) {
    }

    @Test
    void runOver1500ItemsUntilAllAreAcknowledged() throws IOException {
        FeedServer feeds = FeedServer.at(feedBase);
        List<Sample> samples = new ArrayList<>();
        for (int round = 0; round < WARM_UPS + MEASURED; round++) {
            // Fresh ids each round (a month of their own), so every item is new.
            String month = String.format(Locale.ROOT, "26%02d", 7 + round);
            byte[] feed = generatedFeed(month);
            feeds.reset();
            feeds.rss(xml(feed));
            Sample sample = measure(month, feed.length);
            if (round >= WARM_UPS) {
                samples.add(sample);
            }
        }
        String report = report(samples);
        Path file = Path.of("target", "benchmarks", "ingest-run.md");
        Files.createDirectories(file.getParent());
        Files.writeString(file, report);
        System.out.println(report);
    }

    private Sample measure(String month, int feedBytes) {
        try (PapersTopicProbe topic = PapersTopicProbe.fromNow(bootstrapServers)) {
            long requested = System.nanoTime();
            long id = RunsApi.start("arxiv-rss", null);
            Set<String> seen = new HashSet<>();
            long consumedNanos = 0;
            long deadline = requested + Duration.ofMinutes(2).toNanos();
            while (seen.size() < ITEMS && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : topic.pollOnce(Duration.ofMillis(10))) {
                    if (record.key().startsWith(month + ".")) {
                        seen.add(record.key());
                    }
                }
                consumedNanos = System.nanoTime();
            }
            assertEquals(ITEMS, seen.size(), "every paper read from papers.new");
            JsonPath run = RunsApi.awaitEnd(id);
            assertEquals(ITEMS, run.getInt("counts.new"), "every item new");
            Instant started = Instant.parse(run.getString("startedAt"));
            Instant lastAck = QuarkusTransaction.requiringNew().call(() -> OutboxEvent
                    .<OutboxEvent> find("aggregateId like ?1", month + ".%").list().stream()
                    .map(event -> event.publishedAt).max(Instant::compareTo).orElseThrow());
            return new Sample(run.getLong("durationMs"), Duration.between(started, lastAck).toMillis(),
                    Duration.ofNanos(consumedNanos - requested).toMillis(), feedBytes);
        }
    }

    /** A feed shaped like arXiv's: 1,500 new items with realistic titles, abstracts, bylines and categories. */
    static byte[] generatedFeed(String month) {
        StringBuilder rss = new StringBuilder(ITEMS * 1_800)
                .append("<?xml version='1.0' encoding='UTF-8'?>\n<rss xmlns:arxiv=\"http://arxiv.org/schemas/atom\" ")
                .append("xmlns:dc=\"http://purl.org/dc/elements/1.1/\" version=\"2.0\"><channel>")
                .append("<title>cs.AI+cs.CL+cs.CV+cs.LG updates on arXiv.org</title>")
                .append("<pubDate>Mon, 04 May 2026 00:00:00 -0400</pubDate>\n");
        String abstractText = ("We study a benchmark problem of learning under distribution shift and propose a method "
                + "that combines $\\ell_1$ regularisation with a learned\n  representation. ").repeat(7);
        for (int i = 0; i < ITEMS; i++) {
            String id = month + "." + (10_000 + i);
            rss.append("<item><title>Generated paper ").append(i).append(": scalable methods for representation ")
                    .append("learning under distribution shift</title>")
                    .append("<link>https://arxiv.org/abs/").append(id).append("</link>")
                    .append("<description>arXiv:").append(id).append("v1 Announce Type: new\nAbstract: ")
                    .append(abstractText).append("</description>")
                    .append("<guid isPermaLink=\"false\">oai:arXiv.org:").append(id).append("v1</guid>")
                    .append("<category>cs.LG</category><category>cs.AI</category>")
                    .append("<pubDate>Mon, 04 May 2026 00:00:00 -0400</pubDate>")
                    .append("<arxiv:announce_type>new</arxiv:announce_type>")
                    .append("<dc:creator>Ada Lovelace, Alan Turing (Univ. of Manchester, UK), Grace Hopper, ")
                    .append("Przemys{\\l}aw Nowak and Erwin Schr\\\"odinger</dc:creator></item>\n");
        }
        return rss.append("</channel></rss>").toString().getBytes(StandardCharsets.UTF_8);
    }

    private String report(List<Sample> samples) {
        Runtime runtime = Runtime.getRuntime();
        return """
                # Ingest run benchmark

                A run of the arXiv RSS source over a generated feed of %d new items (%,d bytes, served by WireMock on
                loopback), until every announcement is acknowledged by Kafka. %d warm-up round, then %d measured
                rounds, each with fresh ids.

                | | min | median | max |
                |---|---|---|---|
                | run: fetch, parse, validate, store %d papers + outbox rows (run durationMs) | %s |
                | **start of the run → last papers.new record acknowledged by Kafka** (max outbox published_at − run startedAt) | %s |
                | request → a plain consumer has read all %d records | %s |

                Method: POST /api/ingest/runs starts the run; the run's startedAt and the outbox rows' published_at
                (stamped by the relay after the broker acknowledged the batch, acks=all) are server times, so the
                acknowledgement figure carries no polling error. The consumer figure is measured by the test from
                sending the request, polling every 10 ms. Relay batch size %d, runs store in batches of %d.

                Machine: %d cores, JVM max heap %d MiB, Java %s, %s %s. Kafka (one broker, its own JVM), PostgreSQL
                (embedded) and the service run on the same machine.
                """.formatted(ITEMS, samples.get(0).feedBytes(), WARM_UPS, MEASURED, ITEMS,
                stats(samples, Sample::runMs), stats(samples, Sample::lastAckMs), ITEMS,
                stats(samples, Sample::consumedMs), relayBatchSize, IngestRunner.STORE_BATCH,
                runtime.availableProcessors(), runtime.maxMemory() / (1024 * 1024), System.getProperty("java.version"),
                System.getProperty("os.name"), System.getProperty("os.version"))
                + "\nRounds (run / ack / consumed, ms): " + samples.stream()
                        .map(s -> s.runMs() + " / " + s.lastAckMs() + " / " + s.consumedMs()).toList() + "\n"
                + "JVM: " + ManagementFactory.getRuntimeMXBean().getVmName() + "\n";
    }

    private static String stats(List<Sample> samples, ToLongFunction<Sample> figure) {
        List<Long> values = new ArrayList<>(samples.stream().map(figure::applyAsLong).toList());
        Collections.sort(values);
        return values.get(0) + " ms | " + values.get(values.size() / 2) + " ms | " + values.get(values.size() - 1) + " ms";
    }
}
