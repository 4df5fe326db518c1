package dev.paperdigest.ingest.source.arxiv;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import jakarta.inject.Singleton;

import dev.paperdigest.ingest.paper.NormalizedPaper;
import dev.paperdigest.ingest.source.FeedException;
import dev.paperdigest.ingest.source.FeedHttpClient;
import dev.paperdigest.ingest.source.FeedResponse;
import dev.paperdigest.ingest.source.ParsedFeed;
import dev.paperdigest.ingest.source.PaperSource;
import dev.paperdigest.ingest.source.SkippedEntry;
import dev.paperdigest.ingest.source.SourcesConfig;

/**
 * The configured arXiv API query over a window of submission days ending with the requested day, newest first:
 * {@code GET {base}/api/query?search_query=(<query>) AND submittedDate:[from TO to]&sortBy=submittedDate
 * &sortOrder=descending&start=N&max_results=M}. Pages until the results end, the configured maximum is reached or a
 * page reaches back before the window (in case the server ignored the date filter); papers outside the window are
 * skipped with that reason. A page that does not start where it was asked to (a server ignoring {@code start})
 * fails the run rather than repeating or missing results. Keeps the configured interval between any two calls
 * (arXiv asks for 3 s), retries included, across runs too.
 */
@Singleton
public class ArxivApiSource extends PaperSource {

    static final String OUTSIDE_WINDOW = "outside the requested window";
    private static final DateTimeFormatter SUBMITTED_DATE = DateTimeFormatter.ofPattern("yyyyMMddHHmm");

    private final SourcesConfig.Arxiv config;
    private final FeedHttpClient http;
    private final ArxivApiParser parser = new ArxivApiParser();
    /** When the last call went out (null before the first), for the interval arXiv asks for. */
    private volatile Long lastCallNanos;

    public ArxivApiSource(SourcesConfig config, FeedHttpClient http) {
        super(ArxivApiParser.SOURCE, schedule(config.arxiv()), true);
        this.config = config.arxiv();
        this.http = http;
    }

    @Override
    public ParsedFeed fetch(LocalDate day) {
        // arXiv's submittedDate is in GMT.
        Instant windowStart = day.minusDays(config.apiWindowDays() - 1L).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant dayAfter = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant windowEnd = dayAfter.minusSeconds(60);
        String outside = OUTSIDE_WINDOW + " (" + day.minusDays(config.apiWindowDays() - 1L) + " to " + day + ")";
        String query = "(" + config.apiQuery() + ") AND submittedDate:[" + format(windowStart) + " TO "
                + format(windowEnd) + "]";

        List<NormalizedPaper> papers = new ArrayList<>();
        List<SkippedEntry> skipped = new ArrayList<>();
        int entries = 0;
        int start = 0;
        while (true) {
            ArxivApiPage page = fetchPage(query, start, Math.min(config.apiPageSize(), config.apiMaxResults() - entries));
            if (page.startIndex() != start) {
                throw new FeedException(name(), "asked for results from " + start + ", the answer starts at "
                        + page.startIndex() + " (does the server ignore start?)");
            }
            Set<Integer> skippedPositions = new HashSet<>();
            for (SkippedEntry entry : page.feed().skipped()) {
                skippedPositions.add(entry.position());
                skipped.add(new SkippedEntry(page.startIndex() + entry.position(), entry.rawId(), entry.reason()));
            }
            // The papers come in feed order, around the skipped entries: their positions follow from those.
            int position = 0;
            for (NormalizedPaper paper : page.papers()) {
                do {
                    position++;
                } while (skippedPositions.contains(position));
                Instant published = paper.publishedAt();
                if (published != null && (published.isBefore(windowStart) || !published.isBefore(dayAfter))) {
                    skipped.add(new SkippedEntry(page.startIndex() + position, paper.id(), outside + ": published "
                            + published));
                } else {
                    papers.add(paper);
                }
            }
            entries += page.feed().entryCount();
            if (!page.hasNextPage() || entries >= config.apiMaxResults() || reachesBefore(page, windowStart)) {
                skipped.sort(Comparator.comparingInt(SkippedEntry::position));
                return new ParsedFeed(papers, skipped);
            }
            start = page.nextStartIndex();
        }
    }

    private ArxivApiPage fetchPage(String query, int start, int maxResults) {
        URI uri = URI.create(trimmed(config.apiBaseUrl()) + "/api/query?search_query="
                + URLEncoder.encode(query, StandardCharsets.UTF_8)
                + "&sortBy=submittedDate&sortOrder=descending&start=" + start + "&max_results=" + maxResults);
        keepInterval();
        FeedResponse response;
        try {
            response = http.get(name(), uri, config.apiRequestInterval());
        } finally {
            lastCallNanos = System.nanoTime();
        }
        return parser.parse(response.status(), response.body());
    }

    private void keepInterval() {
        Long last = lastCallNanos;
        long waitNanos = last == null ? 0 : config.apiRequestInterval().toNanos() - (System.nanoTime() - last);
        if (waitNanos <= 0) {
            return;
        }
        try {
            Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FeedException(name(), "interrupted while keeping arXiv's request interval", e);
        }
    }

    /** Sorted newest first, so a page whose last paper is older than the window has reached its end. */
    private static boolean reachesBefore(ArxivApiPage page, Instant windowStart) {
        return page.papers().stream().map(NormalizedPaper::publishedAt).filter(Objects::nonNull)
                .anyMatch(published -> published.isBefore(windowStart));
    }

    private static String format(Instant instant) {
        return SUBMITTED_DATE.format(instant.atOffset(ZoneOffset.UTC));
    }

    private static Schedule schedule(SourcesConfig.Arxiv config) {
        return new Schedule(config.apiEnabled(), config.apiCron(), config.timeZone());
    }
}
