package dev.paperdigest.ingest;

import java.time.Duration;
import java.util.Optional;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of ingest-service under {@code paperdigest.*}. */
@ConfigMapping(prefix = "paperdigest")
public interface IngestConfig {

    Admin admin();

    Outbox outbox();

    Retention retention();

    interface Admin {
        /**
         * Bearer key of the admin endpoints (env {@code PAPERDIGEST_ADMIN_API_KEY}). Without one, admin endpoints
         * refuse every request.
         */
        Optional<String> apiKey();
    }

    interface Outbox {
        /** How often the relay looks for unpublished events (it is also woken right after each commit). */
        @WithDefault("1s")
        String relayInterval();

        /** Events claimed and published per transaction; at most the emitter's buffer of 256 messages. */
        @WithDefault("100")
        @Min(1)
        @Max(256)
        int batchSize();

        /** How long the relay waits for the broker to acknowledge a batch before it rolls back and retries. */
        @WithDefault("30s")
        Duration sendTimeout();
    }

    /** How long history is kept (HistoryPruner). */
    interface Retention {
        /** How often old history is deleted. */
        @WithDefault("1h")
        String interval();

        /** Outbox rows are deleted this long after Kafka acknowledged them (unpublished rows are never deleted). */
        @WithDefault("7d")
        Duration publishedOutbox();

        /**
         * Finished runs are deleted this long after they started, except each source's latest scheduled run and
         * latest successful scheduled one (a failed schedule catches up from the latter).
         */
        @WithDefault("90d")
        Duration runs();
    }
}
