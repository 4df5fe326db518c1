package dev.paperdigest.ingest.run;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A run as the API shows it. Values not known yet (finishedAt while running) are left out. */
@Schema(name = "IngestRun", description = "One run of a paper source: what it fetched and what became of it")
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "id", "source", "status", "trigger", "requestedDate", "startedAt", "finishedAt", "durationMs",
        "days", "counts", "skippedReasons", "errorReasons", "failureReason" })
public record IngestRunView(
        long id,
        @Schema(examples = "huggingface", enumeration = { "huggingface", "arxiv-rss", "arxiv-api" })
        String source,
        RunStatus status,
        RunTrigger trigger,
        @Schema(description = "the day fetched; absent for arxiv-rss, which always reads the latest announcement")
        LocalDate requestedDate,
        Instant startedAt,
        Instant finishedAt,
        Long durationMs,
        @Schema(description = "a run over several days (a backfill, a scheduled run catching up): which, and how many"
                + " are fetched so far; absent for a run of one day")
        Days days,
        Counts counts,
        @Schema(description = "why entries were skipped, the first " + RunTally.MAX_REASONS)
        List<String> skippedReasons,
        @Schema(description = "why valid papers could not be stored, the first " + RunTally.MAX_REASONS)
        List<String> errorReasons,
        @Schema(description = "why a FAILED run failed")
        String failureReason) {

    /** The days of a run over several days, from {@code from} to the run's requestedDate. */
    @Schema(name = "IngestRunDays")
    public record Days(LocalDate from, int total, int fetched) {
    }

    /** fetched = new + alreadyKnown + revised + skipped + errors once the run has finished. */
    @Schema(name = "IngestRunCounts")
    public record Counts(
            @Schema(description = "entries in the feed's answer, valid or not") int fetched,
            @Schema(description = "papers not seen before: stored and announced on papers.new")
            @JsonProperty("new") int newPapers,
            @Schema(description = "papers stored before (or earlier in the run): merged, not announced")
            int alreadyKnown,
            @Schema(description = "newer versions recorded, and arXiv replacements: never announced") int revised,
            @Schema(description = "entries that are not a valid paper; see skippedReasons") int skipped,
            @Schema(description = "valid papers the database refused; see errorReasons") int errors) {
    }

    static IngestRunView of(IngestRun run) {
        Duration duration = run.duration();
        return new IngestRunView(run.id, run.source, run.status, run.trigger, run.requestedDate, run.startedAt,
                run.finishedAt, duration == null ? null : duration.toMillis(),
                run.daysTotal == null ? null : new Days(run.firstDate, run.daysTotal, run.daysFetched),
                new Counts(run.fetched, run.newPapers, run.alreadyKnown, run.revised, run.skipped, run.errors),
                List.of(run.skippedReasons), List.of(run.errorReasons), run.failureReason);
    }
}
