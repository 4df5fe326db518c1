package dev.paperdigest.ingest.run;

/** What started a run. */
public enum RunTrigger {
    /** The source's cron. */
    SCHEDULE,
    /** POST /api/ingest/runs. */
    REQUEST
}
