package dev.paperdigest.notify.matching;

import dev.paperdigest.notify.matching.query.InvalidTopicQueryException;
import dev.paperdigest.notify.matching.query.TopicQuery;
import dev.paperdigest.notify.matching.query.TopicQueryParser;
import org.apache.lucene.monitor.MultipassTermFilteredPresearcher;
import org.apache.lucene.monitor.Presearcher;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * The matcher at 10k, 100k and 1M subscriber topics against a 1,500-paper day: seconds to load the topics (parse
 * every topic, keep each distinct query once, register), heap bytes per topic, seconds to match the whole day.
 * A benchmark, not a test: it prints figures and asserts nothing. Its name does not end in "Test", so a normal
 * build does not run it; run it with
 *
 * <pre>
 * mvn -pl notify-service -am verify -Dtest=MatcherBenchmark -Dsurefire.failIfNoSpecifiedTests=false -DskipITs \
 *     -DargLine="-Xmx8g"
 * </pre>
 *
 * System properties: {@code bench.sizes} (default 10000,100000,1000000), {@code bench.papers} (1500),
 * {@code bench.presearcher} (term or multipass), {@code bench.shards} (default: cores), {@code bench.zipf} (0.7),
 * {@code bench.heldOut} (4).
 * Writes {@code target/benchmarks/matcher.md} (or {@code bench.report}).
 */
class MatcherBenchmark {

    private static final long SEED = 20260427L;
    /** Every HELD_OUT-th real paper (by id) is left out of the day, its words only in topics. */
    private static final int HELD_OUT = Integer.getInteger("bench.heldOut", 4);

    private final List<String> benchLines = new ArrayList<>();

    @Test
    void benchmark() throws Exception {
        int[] sizes = Arrays.stream(System.getProperty("bench.sizes", "10000,100000,1000000").split(","))
                .mapToInt(s -> Integer.parseInt(s.strip())).toArray();
        int paperCount = Integer.getInteger("bench.papers", 1500);
        String presearcherName = System.getProperty("bench.presearcher", "term");
        int shards = Integer.getInteger("bench.shards", Runtime.getRuntime().availableProcessors());
        double zipf = Double.parseDouble(System.getProperty("bench.zipf", "0.7"));
        Supplier<Presearcher> presearcher = presearcherName.equals("multipass")
                ? () -> new MultipassTermFilteredPresearcher(2) : LuceneMonitorMatcher::presearcher;

        // Real papers sorted by id; the day is built from three quarters of them, topics from all: subscribers
        // know more science than one day of papers shows.
        List<PaperDocument> real = new ArrayList<>(RecordedPapers.all());
        real.sort(Comparator.comparing(PaperDocument::id));
        List<PaperDocument> dayBase = IntStream.range(0, real.size()).filter(i -> i % HELD_OUT != 0)
                .mapToObj(real::get).toList();
        List<PaperDocument> day = SyntheticDay.generate(dayBase, paperCount, SEED);

        List<String> rows = new ArrayList<>();
        for (int n : sizes) {
            rows.add(run(n, day, real, presearcher, shards, zipf));
        }
        writeReport(rows, real.size(), dayBase.size(), paperCount, presearcherName, shards, zipf, day);
    }

    private String run(int n, List<PaperDocument> day, List<PaperDocument> real, Supplier<Presearcher> presearcher,
            int shards, double zipf) throws Exception {
        TopicGenerator generator = new TopicGenerator(real, zipf, SEED + n);
        String[] topics = new String[n];
        for (int i = 0; i < n; i++) {
            topics[i] = generator.next();
        }
        long before = usedHeapAfterGc();

        // Load: parse each distinct topic text once (both cores), keep one query per normalized form, register.
        long loadStart = System.nanoTime();
        long loadCpuStart = cpuNanos();
        Map<String, Integer> textCounts = new HashMap<>();
        for (String topic : topics) {
            textCounts.merge(topic, 1, Integer::sum);
        }
        String[] texts = textCounts.keySet().toArray(String[]::new);
        TopicQueryParser parser = new TopicQueryParser();
        Map<String, TopicQuery> distinct = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> perQuery = new ConcurrentHashMap<>();
        AtomicInteger refused = new AtomicInteger();
        IntStream.range(0, texts.length).parallel().forEach(i -> {
            try {
                TopicQuery query = parser.parse(texts[i]);
                distinct.putIfAbsent(query.normalized(), query);
                perQuery.computeIfAbsent(query.normalized(), k -> new AtomicInteger())
                        .addAndGet(textCounts.get(texts[i]));
            } catch (InvalidTopicQueryException e) {
                refused.addAndGet(textCounts.get(texts[i]));
            }
        });
        int distinctTexts = texts.length;
        Map<Long, TopicQuery> byId = new HashMap<>();
        int[] topicsPerId = new int[distinct.size() + 1];
        long nextId = 1;
        for (Map.Entry<String, TopicQuery> entry : distinct.entrySet()) {
            topicsPerId[(int) nextId] = perQuery.get(entry.getKey()).get();
            byId.put(nextId++, entry.getValue());
        }
        LuceneMonitorMatcher matcher = new LuceneMonitorMatcher(shards, presearcher);
        matcher.replaceAll(byId);
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        double loadCpu = (cpuNanos() - loadCpuStart) / 1e9;
        int distinctCount = byId.size();
        distinct.clear();
        perQuery.clear();
        byId.clear();

        long after = usedHeapAfterGc();
        long heapPerTopic = (after - before - (16 + 4L * topicsPerId.length)) / n;
        long heapPerQuery = (after - before - (16 + 4L * topicsPerId.length)) / Math.max(1, distinctCount);

        // Warm up on a tenth of the day, then match the whole day as one batch.
        matcher.match(day.subList(0, day.size() / 10));
        long matchStart = System.nanoTime();
        long matchCpuStart = cpuNanos();
        Map<String, Set<Long>> matches = matcher.match(day);
        double matchSeconds = (System.nanoTime() - matchStart) / 1e9;
        double matchCpu = (cpuNanos() - matchCpuStart) / 1e9;

        // Live consumption: one paper at a time.
        long singleStart = System.nanoTime();
        int singles = 20;
        for (int i = 0; i < singles; i++) {
            matcher.match(day.get(day.size() - 1 - i));
        }
        double singleMillis = (System.nanoTime() - singleStart) / 1e6 / singles;
        matcher.close();

        // Match rates per topic (a distinct query stands for every topic that shares it).
        int[] papersPerId = new int[topicsPerId.length];
        long queryPaperMatches = 0;
        for (Set<Long> ids : matches.values()) {
            for (long id : ids) {
                papersPerId[(int) id]++;
                queryPaperMatches++;
            }
        }
        long topicPaperMatches = 0;
        List<double[]> rateWeights = new ArrayList<>();
        long zeroTopics = 0;
        for (int id = 1; id < topicsPerId.length; id++) {
            rateWeights.add(new double[] {papersPerId[id] / (double) day.size(), topicsPerId[id]});
            topicPaperMatches += (long) papersPerId[id] * topicsPerId[id];
            zeroTopics += papersPerId[id] == 0 ? topicsPerId[id] : 0;
        }
        rateWeights.sort(Comparator.comparingDouble(r -> r[0]));
        int parsed = n - refused.get();
        double median = percentile(rateWeights, parsed, 0.5);
        double p90 = percentile(rateWeights, parsed, 0.9);
        double p99 = percentile(rateWeights, parsed, 0.99);

        String line = String.format(Locale.ROOT,
                "BENCH matcher topics=%d papers=%d match_s=%.2f heap_bytes_per_topic=%d load_s=%.2f",
                n, day.size(), matchSeconds, heapPerTopic, loadSeconds);
        System.out.println(line);
        benchLines.add(line);
        return String.format(Locale.ROOT,
                "| %,d | %,d | %,d (%.1f%%) | %d | %.2f (%.1f) | %.2f (%.1f) | %d | %d | %.1f | %.3f%% | %.3f%% | %.2f%% | %.1f%% | %,d | %,d |",
                n, distinctTexts, distinctCount, 100.0 * distinctCount / n, refused.get(), loadSeconds, loadCpu, matchSeconds, matchCpu,
                heapPerTopic, heapPerQuery, singleMillis, 100 * median, 100 * p90, 100 * p99,
                100.0 * zeroTopics / parsed, queryPaperMatches, topicPaperMatches);
    }

    /** The match rate below which the given share of topics lies (rates weighted by topics per query). */
    private static double percentile(List<double[]> sortedRateWeights, int topics, double share) {
        double seen = 0;
        for (double[] rw : sortedRateWeights) {
            seen += rw[1];
            if (seen >= share * topics) {
                return rw[0];
            }
        }
        return sortedRateWeights.isEmpty() ? 0 : sortedRateWeights.get(sortedRateWeights.size() - 1)[0];
    }

    /** CPU time of this process, all threads: shows how much of a wall-clock figure was waiting for a core. */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private void writeReport(List<String> rows, int realPapers, int dayBase, int papers, String presearcher,
            int shards, double zipf, List<PaperDocument> day) throws IOException {
        Path file = Path.of(System.getProperty("bench.report", "target/benchmarks/matcher.md"));
        Files.createDirectories(file.toAbsolutePath().getParent());
        TopicGenerator sample = new TopicGenerator(RecordedPapers.all(), zipf, SEED);
        StringBuilder examples = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            examples.append("`").append(sample.next()).append("`  ");
        }
        String report = """
                # Matcher benchmark

                Machine: %d cores, max heap %d MB, Java %s, load average at the end %.1f (other builds share the
                machine: compare wall-clock seconds with the CPU seconds of this JVM in parentheses). Presearcher: %s; shards (Monitors, one thread each): %d.

                | topics | distinct texts | distinct queries | refused | load s (CPU s) | match day s (CPU s) | heap B/topic | heap B/query | one paper ms | median topic match rate | p90 | p99 | topics matching nothing | (query, paper) matches | (topic, paper) matches |
                |---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
                %s

                ```
                %s
                ```

                ## Method
                - **Papers**: %d real papers of the recorded feeds (`ingest-service/src/test/resources/feeds`). The day
                  (%d papers) is built from %d of them (every paper but each fourth by id): titles are walks of a
                  word-bigram chain trained on their real titles; abstracts are 4-9 real sentences drawn across
                  papers; 2-8 real author names; 1-3 real or common ML categories (`SyntheticDay`). Example title:
                  "%s".
                - **Topics** (`TopicGenerator`): words, word pairs and 3-word phrases of all %d real papers (titles
                  weighted 3, abstracts 1), drawn Zipf-like (P(rank r) ~ 1/(r+1)^%.1f), words and pairs found in more
                  than 5%% of the papers left out as topics of their own; shapes: 1 word 6%%, 2 words 30%%, quoted
                  pair 8%%, quoted pair + word 12%%, unquoted pair 6%%, unquoted pair + word 10%%, 3 words 10%%,
                  3-word phrase 4%%, `(a OR b) c` 4%%, `a b -c` 3%%, `pre* word` 3%%, `author:` 2%%,
                  `category:x word` 2%%; first letters capitalized at random. A quarter of the real papers is not in the day, so part of the vocabulary is absent that
                  day, as on a real day. Examples: %s
                - **Load**: count the topics per distinct text, parse each distinct text once with `TopicQueryParser`
                  on all cores, keep one query per normalized form (as the `topic_query` table does), then
                  `LuceneMonitorMatcher.replaceAll` (shards built in parallel).
                - **Heap**: used heap after three `System.gc()` with the loaded matcher minus before loading, divided by
                  topics (B/topic) and by distinct queries (B/query); everything but the matcher is dropped first.
                - **Match**: after a warm-up on a tenth of the day, one `match(day)` call: each shard's Monitor indexes
                  the 1,500 papers as one batch and runs its candidate queries over it, shards on their own threads.
                  "One paper ms": mean of 20 single-paper matches (live consumption).
                - **Rates**: matched papers / papers of the day per distinct query, weighted by its topics. The
                  real corpus is small (~8,000 words of abstracts), so every word of it recurs in a synthetic day
                  far more often than a word does on a real arXiv day; the Zipf exponent, the share of papers held
                  out of the day and the generic-word cut were chosen so the median topic matches well under 1%%.
                  The mean stays higher than on a real day (single words and phrases of this corpus are common),
                  which makes the match figures pessimistic rather than flattering.

                ## Design measured here
                - Distinct queries registered once (the load keeps one per normalized form).
                - One Lucene Monitor per core ("shard"), queries split by id; a match runs the shards on their own
                  threads. `-Dbench.shards=1` shows the single-threaded figure.
                - The day is indexed once for all shards (one byte array per file) and each shard's presearcher gets
                  the day's terms as one document; candidates run once over the whole day.
                - Term-filtered presearcher with a lean query document. `-Dbench.presearcher=multipass` measures
                  Monitor's MultipassTermFilteredPresearcher (2 passes) instead.
                """.formatted(Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("java.version"), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), presearcher, shards, String.join("\n", rows),
                String.join("\n", benchLines), realPapers, papers,
                dayBase, day.get(0).title(), realPapers, zipf, examples.toString().strip());
        Files.writeString(file, report);
    }
}
