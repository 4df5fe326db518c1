package dev.paperdigest.ingest.run;

/** What started a run. */
public enum RunTrigger {
    /** The source's cron. */
    SCHEDULE,
    /** POST /api/ingest/runs. */
    REQUEST,
    /** Filling an empty store with the last days (Backfill): its papers are announced, never mailed. */
    BACKFILL
}
