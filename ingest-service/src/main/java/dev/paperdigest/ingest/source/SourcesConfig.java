package dev.paperdigest.ingest.source;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;

import dev.paperdigest.ingest.paper.ArxivCategory;
import io.smallrye.config.ConfigMapping;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.WithDefault;

/**
 * The feeds ingest-service reads, under {@code ingest.*}. A base URL is scheme + host (+ port); each source appends
 * its own path, so a source can be pointed at any HTTP server serving the same paths. A cron is Quartz syntax
 * (second minute hour day-of-month month day-of-week) in the source's time zone; {@code off} schedules nothing.
 */
@ConfigMapping(prefix = "ingest")
public interface SourcesConfig {

    String CRON_OFF = "off";

    /**
     * Days of every enabled source a fresh install (empty paper store) fetches at its first start, as BACKFILL runs:
     * their papers reach the topic preview, never a mail. 0: none.
     */
    @WithDefault("7")
    @Min(0)
    @Max(31)
    int backfillDays();

    HuggingFace huggingface();

    Arxiv arxiv();

    Http http();

    Runs runs();

    interface HuggingFace {
        @WithDefault("true")
        boolean enabled();

        @WithDefault("https://huggingface.co")
        @Pattern(regexp = BASE_URL, message = BASE_URL_MESSAGE)
        String baseUrl();

        /** Four times a day; the last run of a UTC day is shortly before midnight, so a day is read to its end. */
        @WithDefault("0 50 5,11,17,23 * * ?")
        String cron();

        /** Zone of the cron and of "today", the day a run without a date fetches. */
        @WithDefault("UTC")
        String timeZone();
    }

    interface Arxiv {
        @WithDefault("true")
        boolean rssEnabled();

        @WithDefault("https://rss.arxiv.org")
        @Pattern(regexp = BASE_URL, message = BASE_URL_MESSAGE)
        String rssBaseUrl();

        /** Read as one feed: {@code /rss/cs.AI+cs.CL+...}. */
        @WithDefault("cs.AI,cs.CL,cs.CV,cs.LG")
        @NotEmpty
        List<@Pattern(regexp = ArxivCategory.REGEX, message = "must be an arXiv category such as cs.LG") String> rssCategories();

        /**
         * arXiv announces Sunday to Thursday at 20:00 US Eastern and refreshes its RSS feeds at midnight Eastern:
         * read them half an hour later, Monday to Friday.
         */
        @WithDefault("0 30 0 ? * MON-FRI")
        String rssCron();

        @WithDefault("true")
        boolean apiEnabled();

        @WithDefault("https://export.arxiv.org")
        @Pattern(regexp = BASE_URL, message = BASE_URL_MESSAGE)
        String apiBaseUrl();

        /** arXiv API {@code search_query}; a run adds {@code AND submittedDate:[...]} for its window. */
        @WithDefault("cat:cs.AI OR cat:cs.CL OR cat:cs.CV OR cat:cs.LG")
        String apiQuery();

        /** After the RSS run: catches what a failed or missed RSS run lost. */
        @WithDefault("0 0 1 ? * MON-FRI")
        String apiCron();

        /** Days of submissions a run asks for, ending with the requested day (weekends need more than one). */
        @WithDefault("3")
        @Min(1)
        @Max(31)
        int apiWindowDays();

        /** Results per API call. */
        @WithDefault("100")
        @Min(1)
        @Max(2000)
        int apiPageSize();

        /** A run stops paging after this many entries. */
        @WithDefault("2000")
        @Min(1)
        int apiMaxResults();

        /** At least this long between two API calls: arXiv asks for one call every 3 seconds. */
        @WithDefault("3s")
        Duration apiRequestInterval();

        /** Zone of both arXiv crons: arXiv keeps US Eastern time. */
        @WithDefault("America/New_York")
        String timeZone();
    }

    interface Http {
        @WithDefault("10s")
        Duration connectTimeout();

        /** From sending the request to the whole answer read. */
        @WithDefault("60s")
        Duration requestTimeout();

        /** Tries per request; I/O errors, timeouts, 5xx and 429 are tried again. */
        @WithDefault("4")
        @Min(1)
        @Max(10)
        int attempts();

        /** Wait before the second try; doubled before each further one. */
        @WithDefault("3s")
        Duration retryBaseDelay();

        @WithDefault("paper-digest/1.0 (ingest-service; self-hosted research paper digests)")
        String userAgent();

        /** The largest answer read; a larger one fails the run instead of filling the heap. */
        @WithDefault("32M")
        MemorySize maxBodySize();
    }

    interface Runs {
        /** A run still RUNNING after this long is taken as abandoned (its instance died) and marked FAILED. */
        @WithDefault("1h")
        Duration staleAfter();
    }

    /** No user info ({@code user:secret@}): it would end up in logs and in run failure reasons. */
    String BASE_URL = "https?://[^/?#\\s@]+/?";
    String BASE_URL_MESSAGE = "must be scheme, host and optional port, e.g. http://localhost:8089";
}
