package dev.paperdigest.ingest.source;

import java.time.LocalDate;
import java.time.ZoneId;

/**
 * A feed papers come from. Each is a bean; runs ({@code dev.paperdigest.ingest.run}) fetch it on its schedule or on
 * request and store what it reports.
 */
public abstract class PaperSource {

    private final String name;
    private final Schedule schedule;
    private final boolean fetchesByDate;

    /**
     * @param name          {@code huggingface}, {@code arxiv-rss} or {@code arxiv-api}: its name in runs, metrics
     *                      and papers' sources
     * @param fetchesByDate true when a run fetches one given day; false when the feed only ever holds its latest
     *                      announcement
     */
    protected PaperSource(String name, Schedule schedule, boolean fetchesByDate) {
        this.name = name;
        this.schedule = schedule;
        this.fetchesByDate = fetchesByDate;
    }

    public String name() {
        return name;
    }

    /** Whether and when it runs. */
    public Schedule schedule() {
        return schedule;
    }

    public boolean fetchesByDate() {
        return fetchesByDate;
    }

    /**
     * Fetches and parses the feed: for {@code day} when the source {@link #fetchesByDate() fetches by date}, else the
     * latest announcement ({@code day} is null then).
     *
     * @throws FeedException when the answer cannot be read as papers: nothing of it may be stored
     */
    public abstract ParsedFeed fetch(LocalDate day);

    /**
     * @param enabled  a disabled source is neither scheduled nor run on request
     * @param cron     Quartz cron of its scheduled runs, or {@link SourcesConfig#CRON_OFF}
     * @param timeZone zone of the cron and of "today" for {@link #fetchesByDate() by-date} sources
     */
    public record Schedule(boolean enabled, String cron, ZoneId timeZone) {

        public Schedule(boolean enabled, String cron, String timeZone) {
            this(enabled, cron.strip(), ZoneId.of(timeZone));
        }

        /** Enabled with a cron: runs by itself. */
        public boolean isScheduled() {
            return enabled && !SourcesConfig.CRON_OFF.equalsIgnoreCase(cron);
        }
    }

    /** A base URL with any trailing slash removed, ready for a path to be appended. */
    protected static String trimmed(String baseUrl) {
        return baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }
}
