package dev.paperdigest.ingest.run;

/** Where a run is: a run ends SUCCEEDED (possibly with skipped entries) or FAILED with a reason. */
public enum RunStatus {
    RUNNING,
    SUCCEEDED,
    FAILED
}
