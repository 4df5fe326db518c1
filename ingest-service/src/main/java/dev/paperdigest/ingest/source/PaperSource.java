package dev.paperdigest.ingest.source;

import java.time.LocalDate;
import java.time.ZoneId;

/**
 * A feed papers come from. Each is a bean; runs ({@code dev.paperdigest.ingest.run}) fetch it on its schedule or on
 * request and store what it reports.
 */
public interface PaperSource {

    /** {@code huggingface}, {@code arxiv-rss} or {@code arxiv-api}: its name in runs, metrics and papers' sources. */
    String name();

    /** A disabled source is neither scheduled nor run on request. */
    boolean enabled();

    /** Quartz cron of its scheduled runs, or {@link SourcesConfig#CRON_OFF}. */
    String cron();

    /** Zone of {@link #cron()} and of "today" for {@link #fetchesByDate() by-date} sources. */
    ZoneId timeZone();

    /** True when a run fetches one given day; false when the feed only ever holds its latest announcement. */
    boolean fetchesByDate();

    /**
     * Fetches and parses the feed: for {@code day} when the source {@link #fetchesByDate() fetches by date}, else the
     * latest announcement ({@code day} is null then).
     *
     * @throws FeedException when the answer cannot be read as papers: nothing of it may be stored
     */
    ParsedFeed fetch(LocalDate day);

    /** The source's base URL with any trailing slash removed, ready for a path to be appended. */
    static String trimmed(String baseUrl) {
        return baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }
}
