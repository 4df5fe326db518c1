package dev.paperdigest.ingest.run;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One run of a source, as stored in {@code ingest.ingest_run}; inserted by {@link IngestRunRepository#start}. */
@Entity
@Table(name = "ingest_run")
public class IngestRun extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String source;

    @Enumerated(EnumType.STRING)
    public RunTrigger trigger;

    /** The day fetched; null when the feed only holds its latest announcement (arXiv RSS). */
    @Column(name = "requested_date")
    public LocalDate requestedDate;

    @Enumerated(EnumType.STRING)
    public RunStatus status;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    public int fetched;

    @Column(name = "new_papers")
    public int newPapers;

    @Column(name = "already_known")
    public int alreadyKnown;

    public int revised;

    public int skipped;

    public int errors;

    @Column(name = "skipped_reasons")
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] skippedReasons;

    @Column(name = "error_reasons")
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] errorReasons;

    @Column(name = "failure_reason")
    public String failureReason;

    /** The first day of a run over several days (the last is requestedDate); null for a run of one day. */
    @Column(name = "first_date")
    public LocalDate firstDate;

    /** Days a run over several days fetches; null for a run of one day. */
    @Column(name = "days_total")
    public Integer daysTotal;

    /** Days fetched so far, while it runs. */
    @Column(name = "days_fetched")
    public int daysFetched;

    /** How long the run took; null while it runs. */
    public Duration duration() {
        return finishedAt == null ? null : Duration.between(startedAt, finishedAt);
    }

    void finish(RunStatus outcome, RunTally tally, String failure, Instant now) {
        status = outcome;
        finishedAt = now;
        fetched = tally.fetched();
        newPapers = tally.newPapers();
        alreadyKnown = tally.alreadyKnown();
        revised = tally.revised();
        skipped = tally.skipped();
        errors = tally.errors();
        skippedReasons = tally.skippedReasons().toArray(String[]::new);
        errorReasons = tally.errorReasons().toArray(String[]::new);
        failureReason = failure;
    }
}
