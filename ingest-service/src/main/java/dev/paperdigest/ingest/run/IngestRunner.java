package dev.paperdigest.ingest.run;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.paperdigest.ingest.paper.NormalizedPaper;
import dev.paperdigest.ingest.paper.PaperIngestService;
import dev.paperdigest.ingest.paper.PaperValidator;
import dev.paperdigest.ingest.paper.TextNormalizer;
import dev.paperdigest.ingest.source.FeedException;
import dev.paperdigest.ingest.source.PaperSource;
import dev.paperdigest.ingest.source.ParsedFeed;
import dev.paperdigest.ingest.source.SourcesConfig;
import dev.paperdigest.ingest.web.DatabaseUnavailable;
import io.quarkus.arc.All;
import io.quarkus.runtime.ShutdownEvent;

/**
 * Starts runs and carries them out in the background: fetch the whole answer (every page), validate each paper
 * against the same rules as POST /api/papers, then store through {@link PaperIngestService} in batches, and record
 * the outcome. A feed that cannot be read fails the run before anything of it is stored.
 */
@ApplicationScoped
public class IngestRunner {

    private static final Logger LOG = Logger.getLogger(IngestRunner.class);
    /** Papers per transaction: each commit wakes the outbox relay, so publishing starts while the rest is stored. */
    static final int STORE_BATCH = 250;
    /** How long a stopping service waits for its runs to end before it marks them FAILED. */
    static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);
    static final String STOPPED_DURING_RUN = "service stopped during the run";
    /** How often the end of a run is tried to be recorded again while the database is unavailable. */
    static final Duration RECORD_RETRY_INTERVAL = Duration.ofSeconds(5);

    private final Map<String, PaperSource> sources = new LinkedHashMap<>();
    private final IngestRunRepository runs;
    private final PaperValidator validator;
    private final PaperIngestService papers;
    private final IngestRunMetrics metrics;
    private final Duration staleAfter;
    private final ExecutorService executor;
    /** The runs this instance started and has not recorded the end of. */
    private final Set<Long> active = ConcurrentHashMap.newKeySet();

    public IngestRunner(@All List<PaperSource> sources, IngestRunRepository runs, PaperValidator validator,
            PaperIngestService papers, IngestRunMetrics metrics, SourcesConfig config) {
        sources.stream().sorted(Comparator.comparing(PaperSource::name))
                .forEach(source -> this.sources.put(source.name(), source));
        this.runs = runs;
        this.validator = validator;
        this.papers = papers;
        this.metrics = metrics;
        this.staleAfter = config.runs().staleAfter();
        // One thread per source is all it takes: a source never runs twice at once.
        this.executor = Executors.newFixedThreadPool(this.sources.size(), new RunThreads());
    }

    /**
     * Interrupts the runs in progress and waits a bounded time for them to record their end; whatever is still
     * RUNNING then is marked FAILED, so that it does not look alive until it goes stale.
     */
    void stop(@Observes ShutdownEvent event) {
        executor.shutdownNow();
        try {
            executor.awaitTermination(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Long id : List.copyOf(active)) {
            try {
                if (runs.fail(id, STOPPED_DURING_RUN, Instant.now().truncatedTo(ChronoUnit.MILLIS))) {
                    LOG.warnf("Run %d marked FAILED: %s", id, STOPPED_DURING_RUN);
                }
            } catch (RuntimeException e) {
                LOG.errorf(e, "Could not mark run %d FAILED while stopping", id);
            }
        }
    }

    /** Every source, enabled or not, by name. */
    public Collection<PaperSource> sources() {
        return sources.values();
    }

    /** The names of every source, for messages: {@code arxiv-api, arxiv-rss, huggingface}. */
    public String sourceNames() {
        return String.join(", ", sources.keySet());
    }

    public Optional<PaperSource> source(String name) {
        return Optional.ofNullable(sources.get(name));
    }

    /**
     * Starts a run of {@code source} for {@code day} (today in the source's zone when null and the source fetches by
     * date; ignored otherwise) and returns it as stored, RUNNING.
     *
     * @throws RunConflictProblem when the source is disabled or a run of it is running
     */
    public IngestRun start(PaperSource source, LocalDate day, RunTrigger trigger) {
        return start(source, day, null, trigger);
    }

    /**
     * As {@link #start(PaperSource, LocalDate, RunTrigger)}; a source that fetches by date also fetches every day from
     * {@code catchUpFrom} (when earlier) up to the run's day, in the same run: how a scheduled run catches up days
     * that failed runs missed ({@link IngestSchedule}). A paper reported on several days counts once.
     */
    public IngestRun start(PaperSource source, LocalDate day, LocalDate catchUpFrom, RunTrigger trigger) {
        if (!source.schedule().enabled()) {
            throw RunConflictProblem.disabled(source.name());
        }
        LocalDate fetchDay = !source.fetchesByDate() ? null : day != null ? day : LocalDate.now(source.schedule().timeZone());
        List<LocalDate> fetchDays = new ArrayList<>();
        if (fetchDay != null && catchUpFrom != null) {
            for (LocalDate missed = catchUpFrom; missed.isBefore(fetchDay); missed = missed.plusDays(1)) {
                fetchDays.add(missed);
            }
        }
        fetchDays.add(fetchDay);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        long id = runs.start(source.name(), trigger, fetchDay, now, staleAfter).orElseThrow(
                () -> RunConflictProblem.running(source.name(), runs.running(source.name()).map(run -> run.id).orElse(null)));
        active.add(id);
        if (fetchDays.size() > 1) {
            runs.days(id, fetchDays.get(0), fetchDays.size());
        }
        LOG.infof("Run %d of %s started (%s, day %s%s)", id, source.name(), trigger, fetchDay,
                fetchDays.size() > 1 ? ", catching up from " + fetchDays.get(0) : "");
        try {
            executor.execute(() -> execute(id, source, fetchDays, trigger == RunTrigger.BACKFILL));
        } catch (RejectedExecutionException e) {
            finish(id, source, RunStatus.FAILED, new RunTally(), "the service is shutting down", now);
        }
        return runs.byId(id).orElseThrow();
    }

    /** @param backfill announce the new papers as backfilled (stored by consumers, mailed to nobody) */
    void execute(long id, PaperSource source, List<LocalDate> days, boolean backfill) {
        Instant started = Instant.now();
        RunTally tally = new RunTally();
        RunStatus status = RunStatus.SUCCEEDED;
        String failure = null;
        try {
            ParsedFeed feed = fetchAll(id, source, days);
            tally.fetched(feed.entryCount());
            feed.skipped().forEach(entry -> tally.skip(entry.toString()));
            store(source.name(), valid(feed.papers(), tally), tally, backfill);
            if (tally.errors() > 0 && tally.stored() == 0) {
                status = RunStatus.FAILED;
                failure = "no paper could be stored; first error: " + tally.errorReasons().get(0);
            }
        } catch (FeedException e) {
            status = RunStatus.FAILED;
            failure = e.reason();
        } catch (DatabaseOutage e) {
            status = RunStatus.FAILED;
            failure = e.getMessage();
        } catch (Throwable e) {
            // Anything at all, a StackOverflowError included: a run must never end unrecorded.
            LOG.errorf(e, "Run %d of %s failed", id, source.name());
            finish(id, source, RunStatus.FAILED, tally, "unexpected error: " + e, started);
            if (e instanceof VirtualMachineError) {
                throw (VirtualMachineError) e;
            }
            return;
        }
        finish(id, source, status, tally, failure, started);
    }

    /** One day's feed, or several days' in one (catching up), each paper once: the first day that reported it. */
    private ParsedFeed fetchAll(long id, PaperSource source, List<LocalDate> days) throws FeedException {
        if (days.size() == 1) {
            return source.fetch(days.get(0));
        }
        Map<String, NormalizedPaper> papers = new LinkedHashMap<>();
        List<dev.paperdigest.ingest.source.SkippedEntry> skipped = new ArrayList<>();
        int entries = 0;
        for (int done = 1; done <= days.size(); done++) {
            ParsedFeed feed = source.fetch(days.get(done - 1));
            feed.papers().forEach(paper -> papers.putIfAbsent(paper.id(), paper));
            skipped.addAll(feed.skipped());
            entries += feed.entryCount();
            recordProgress(id, source, done, days.size(), entries);
        }
        return new ParsedFeed(List.copyOf(papers.values()), skipped);
    }

    /** Shown while the run runs; a database hiccup here costs the progress display, not the run. */
    private void recordProgress(long id, PaperSource source, int daysFetched, int daysTotal, int entries) {
        LOG.infof("Run %d of %s: %d of %d days fetched, %d entries", id, source.name(), daysFetched, daysTotal, entries);
        try {
            runs.progress(id, daysFetched, entries);
        } catch (RuntimeException e) {
            LOG.debugf("Run %d: progress not recorded (%s)", id, e.toString());
        }
    }

    /** The papers that pass the rules of POST /api/papers; the others are skipped with their reasons. */
    private List<NormalizedPaper> valid(List<NormalizedPaper> reported, RunTally tally) {
        List<NormalizedPaper> valid = new ArrayList<>(reported.size());
        for (NormalizedPaper paper : reported) {
            Optional<String> problems = validator.problems(paper);
            if (problems.isPresent()) {
                tally.skip("paper " + paper.id() + ": " + problems.get());
            } else {
                valid.add(paper);
            }
        }
        return valid;
    }

    /**
     * Stores in batches; a batch the database refuses is stored paper by paper, so that one paper it cannot take
     * costs that paper (counted as an error with its reason), not the batch.
     */
    private void store(String source, List<NormalizedPaper> valid, RunTally tally, boolean backfill) {
        for (int from = 0; from < valid.size(); from += STORE_BATCH) {
            List<NormalizedPaper> batch = valid.subList(from, Math.min(valid.size(), from + STORE_BATCH));
            try {
                tally.add(papers.store(source, batch, backfill));
            } catch (RuntimeException batchFailure) {
                Optional<String> outage = DatabaseUnavailable.reason(batchFailure);
                if (outage.isPresent()) {
                    // Not the papers' fault: the run fails as a whole and the next scheduled run catches up.
                    throw new DatabaseOutage(outage.get());
                }
                LOG.warnf("A batch of %d papers was refused (%s); storing them one by one", batch.size(),
                        batchFailure.toString());
                for (NormalizedPaper paper : batch) {
                    try {
                        tally.add(papers.store(source, List.of(paper), backfill));
                    } catch (RuntimeException e) {
                        tally.error(paper.id() + ": " + rootCause(e));
                    }
                }
            }
        }
    }

    private void finish(long id, PaperSource source, RunStatus status, RunTally tally, String failure,
            Instant started) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String reason = TextNormalizer.normalizeToNull(failure);
        try {
            if (!recordEnd(id, status, tally, reason, now)) {
                LOG.warnf("Run %d of %s ended after it was marked FAILED; its outcome (%s) is not recorded", id,
                        source.name(), status);
                return;
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "Could not record the end of run %d of %s; recording it as FAILED only", id, source.name());
            try {
                runs.fail(id, "could not record the outcome: " + rootCause(e), now);
            } catch (RuntimeException again) {
                // The run stays RUNNING until it is taken as abandoned (ingest.runs.stale-after).
                LOG.errorf(again, "Could not record the end of run %d of %s at all", id, source.name());
            }
            return;
        } finally {
            active.remove(id);
        }
        metrics.finished(source.name(), status, tally, Duration.between(started, now));
        if (status == RunStatus.FAILED) {
            LOG.warnf("Run %d of %s failed: %s", id, source.name(), failure);
        } else {
            LOG.infof("Run %d of %s succeeded: fetched %d, new %d, already known %d, revised %d, skipped %d, errors %d",
                    id, source.name(), tally.fetched(), tally.newPapers(), tally.alreadyKnown(), tally.revised(),
                    tally.skipped(), tally.errors());
        }
    }

    /**
     * Records the end of the run; while the database is unavailable it tries again every few seconds (on the run's
     * own thread), so that the run does not stay RUNNING, blocking the source's next runs, until it goes stale. Gives
     * up when the service stops or after {@code ingest.runs.stale-after}, when the run is taken as abandoned anyway.
     */
    private boolean recordEnd(long id, RunStatus status, RunTally tally, String reason, Instant now) {
        Instant giveUp = Instant.now().plus(staleAfter);
        while (true) {
            try {
                return runs.finish(id, status, tally, reason, now);
            } catch (RuntimeException e) {
                if (DatabaseUnavailable.reason(e).isEmpty() || Instant.now().isAfter(giveUp)) {
                    throw e;
                }
                LOG.warnf("Run %d: the database is unavailable, recording its end again in %d s", id,
                        RECORD_RETRY_INTERVAL.toSeconds());
                try {
                    Thread.sleep(RECORD_RETRY_INTERVAL.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** The database went away while a run stored its papers. */
    private static final class DatabaseOutage extends RuntimeException {
        DatabaseOutage(String reason) {
            super(reason, null, false, false);
        }
    }

    private static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return TextNormalizer.normalize(String.valueOf(root.getMessage()));
    }

    private static final class RunThreads implements ThreadFactory {
        private final AtomicInteger next = new AtomicInteger(1);

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "ingest-run-" + next.getAndIncrement());
            thread.setDaemon(true);
            return thread;
        }
    }
}
