package dev.paperdigest.ingest.source.arxiv;

import static dev.paperdigest.ingest.source.HandMadeFeeds.apiEntry;
import static dev.paperdigest.ingest.source.HandMadeFeeds.apiPage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import org.junit.jupiter.api.Test;

import dev.paperdigest.ingest.source.FeedException;
import dev.paperdigest.ingest.source.FeedHttpClient;
import dev.paperdigest.ingest.source.FeedResponse;
import dev.paperdigest.ingest.source.ParsedFeed;
import dev.paperdigest.ingest.source.SourcesConfig;

/** When the API source stops paging, and what it asks for; the HTTP side is a recording stand-in. */
class ArxivApiSourceTest {

    private static final LocalDate DAY = LocalDate.of(2026, 4, 27);

    private final List<URI> requests = new ArrayList<>();
    private final List<Long> callNanos = new ArrayList<>();

    @Test
    void stopsAtTheConfiguredMaximumAskingOnlyForWhatIsLeft() {
        // Endless in-window results, 2 per page; at most 5 wanted.
        ArxivApiSource source = source(2, 5, (start, max) -> page(1_000, start, max, "2026-04-27T10:00:00Z"));

        ParsedFeed feed = source.fetch(DAY);

        assertEquals(5, feed.entryCount());
        assertEquals(List.of("start=0&max_results=2", "start=2&max_results=2", "start=4&max_results=1"),
                requests.stream().map(ArxivApiSourceTest::paging).toList());
    }

    @Test
    void stopsWhenAPageReachesBackBeforeTheWindow() {
        // The window is 2026-04-25 to 2026-04-27 (3 days); the second page holds an older paper.
        ArxivApiSource source = source(2, 100, (start, max) -> page(1_000, start, max,
                start == 0 ? "2026-04-26T10:00:00Z" : "2026-04-24T23:59:00Z"));

        ParsedFeed feed = source.fetch(DAY);

        assertEquals(4, feed.entryCount(), "the pages fetched are counted whole");
        assertEquals(2, requests.size());
        assertEquals(2, feed.papers().size());
        assertEquals(List.of("entry 3 (2604.10002): outside the requested window (2026-04-25 to 2026-04-27): "
                + "published 2026-04-24T23:59:00Z", "entry 4 (2604.10003): outside the requested window "
                + "(2026-04-25 to 2026-04-27): published 2026-04-24T23:59:00Z"),
                feed.skipped().stream().map(Object::toString).toList());
    }

    @Test
    void aServerIgnoringStartFailsInsteadOfRepeatingItsFirstPage() {
        // Every answer is the first page, whatever start was asked for.
        ArxivApiSource source = source(2, 100, (start, max) -> page(1_000, 0, max, "2026-04-27T10:00:00Z"));

        FeedException failure = assertThrows(FeedException.class, () -> source.fetch(DAY));

        assertEquals("asked for results from 2, the answer starts at 0 (does the server ignore start?)",
                failure.reason());
        assertEquals(2, requests.size());
    }

    @Test
    void stopsWhenTheResultsEnd() {
        ArxivApiSource source = source(2, 100, (start, max) -> page(3, start, Math.min(max, 3 - start),
                "2026-04-27T10:00:00Z"));

        assertEquals(3, source.fetch(DAY).entryCount());
        assertEquals(2, requests.size());
    }

    @Test
    void keepsTheRequestIntervalBetweenPages() {
        Duration interval = Duration.ofMillis(200);
        ArxivApiSource source = source(2, 6, interval, (start, max) -> page(1_000, start, max, "2026-04-27T10:00:00Z"));

        source.fetch(DAY);

        assertEquals(3, callNanos.size());
        for (int i = 1; i < callNanos.size(); i++) {
            long gap = callNanos.get(i) - callNanos.get(i - 1);
            assertTrue(gap >= interval.toNanos(), "call " + i + " came " + gap / 1_000_000 + " ms after the previous");
        }
    }

    @Test
    void asksForTheQueryWithinTheWindowNewestFirst() {
        ArxivApiSource source = source(100, 100, (start, max) -> page(0, 0, 0, null));

        source.fetch(DAY);

        String query = URLDecoder.decode(requests.get(0).getRawQuery(), StandardCharsets.UTF_8);
        assertEquals("search_query=(cat:cs.LG) AND submittedDate:[202604250000 TO 202604272359]"
                + "&sortBy=submittedDate&sortOrder=descending&start=0&max_results=100", query);
        assertEquals("http://feeds.test:8089/api/query", requests.get(0).toString().split("\\?")[0]);
    }

    private ArxivApiSource source(int pageSize, int maxResults, BiFunction<Integer, Integer, byte[]> pages) {
        return source(pageSize, maxResults, Duration.ZERO, pages);
    }

    private ArxivApiSource source(int pageSize, int maxResults, Duration interval,
            BiFunction<Integer, Integer, byte[]> pages) {
        SourcesConfig config = config(pageSize, maxResults, interval);
        FeedHttpClient http = new FeedHttpClient(config) {
            @Override
            public FeedResponse get(String source, URI uri, Duration minRetryDelay) {
                requests.add(uri);
                callNanos.add(System.nanoTime());
                int start = Integer.parseInt(uri.getQuery().replaceAll(".*&start=(\\d+)&.*", "$1"));
                int max = Integer.parseInt(uri.getQuery().replaceAll(".*&max_results=(\\d+)$", "$1"));
                return new FeedResponse(uri, 200, pages.apply(start, max));
            }
        };
        return new ArxivApiSource(config, http);
    }

    /** A page of {@code count} entries published at {@code published}, ids numbered after {@code start}. */
    private static byte[] page(int total, int start, int count, String published) {
        String[] entries = new String[count];
        for (int i = 0; i < count; i++) {
            entries[i] = apiEntry("2604." + (10_000 + start + i) + "v1", "Paper " + (start + i), published, "cs.LG",
                    "Ada Lovelace");
        }
        return apiPage(total, start, count, entries);
    }

    private static String paging(URI uri) {
        return uri.getQuery().replaceAll(".*&(start=\\d+&max_results=\\d+)$", "$1");
    }

    /** The settings the API source reads; asking for any other is a test failure. */
    static SourcesConfig config(int pageSize, int maxResults, Duration interval) {
        SourcesConfig.Http http = settings(SourcesConfig.Http.class, Map.of("connectTimeout", Duration.ofSeconds(1),
                "requestTimeout", Duration.ofSeconds(1), "attempts", 1, "retryBaseDelay", Duration.ZERO,
                "userAgent", "paper-digest test"));
        SourcesConfig.Arxiv arxiv = settings(SourcesConfig.Arxiv.class, Map.ofEntries(
                Map.entry("apiEnabled", true), Map.entry("apiCron", SourcesConfig.CRON_OFF),
                Map.entry("apiBaseUrl", "http://feeds.test:8089/"), Map.entry("apiQuery", "cat:cs.LG"),
                Map.entry("apiWindowDays", 3), Map.entry("apiPageSize", pageSize), Map.entry("apiMaxResults", maxResults),
                Map.entry("apiRequestInterval", interval), Map.entry("timeZone", "America/New_York")));
        return settings(SourcesConfig.class, Map.of("http", http, "arxiv", arxiv));
    }

    /** A config interface answering from {@code values} (a proxy: Quarkus scans test classes for beans). */
    static <T> T settings(Class<T> type, Map<String, Object> values) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type }, (proxy, method, args) -> {
            if (!values.containsKey(method.getName())) {
                throw new UnsupportedOperationException(type.getSimpleName() + "." + method.getName());
            }
            return values.get(method.getName());
        }));
    }
}
