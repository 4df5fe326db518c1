package dev.paperdigest.ingest.run;

import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.paperdigest.ingest.source.PaperSource;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduler;

/**
 * Schedules a run of each enabled source on its cron ({@code ingest.huggingface.cron}, {@code ingest.arxiv.rss-cron},
 * {@code ingest.arxiv.api-cron}); {@code off} schedules nothing. A tick that finds a run of its source still running
 * is skipped: the next tick catches up.
 *
 * <p>Catching up: when the source's last scheduled run failed (a feed error, the database away while it stored), or
 * a tick of this instance could not start one (the database away, a run still running), the next tick's run of a
 * source that fetches by date also fetches every day since the day its last successful scheduled run started (in
 * the source's zone), at most {@link #MAX_CATCH_UP_DAYS} days back. Papers already stored count as already known,
 * so catching up never announces a paper twice. arXiv RSS holds only the latest announcement: what a failed RSS run
 * missed is caught by the arXiv API run, whose window reaches back over the last days (and catches up likewise).
 */
@ApplicationScoped
public class IngestSchedule {

    private static final Logger LOG = Logger.getLogger(IngestSchedule.class);

    /** The furthest back a scheduled run catches up. */
    static final int MAX_CATCH_UP_DAYS = 7;

    private final IngestRunner runner;
    private final IngestRunRepository runs;
    private final Scheduler scheduler;
    /** Sources whose last tick on this instance could not start a run. */
    private final Set<String> missedTicks = ConcurrentHashMap.newKeySet();

    public IngestSchedule(IngestRunner runner, IngestRunRepository runs, Scheduler scheduler) {
        this.runner = runner;
        this.runs = runs;
        this.scheduler = scheduler;
    }

    void scheduleSources(@Observes StartupEvent startup) {
        for (PaperSource source : runner.sources()) {
            PaperSource.Schedule schedule = source.schedule();
            if (!schedule.isScheduled()) {
                LOG.infof("Source %s: no scheduled runs (%s)", source.name(), schedule.enabled() ? "cron off" : "disabled");
                continue;
            }
            scheduler.newJob("ingest-" + source.name())
                    .setCron(schedule.cron())
                    .setTimeZone(schedule.timeZone().getId())
                    .setConcurrentExecution(Scheduled.ConcurrentExecution.SKIP)
                    .setSkipPredicate(Scheduled.ApplicationNotRunning.class)
                    .setTask(execution -> runScheduled(source))
                    .schedule();
            LOG.infof("Source %s: runs on cron '%s' (%s)", source.name(), schedule.cron(), schedule.timeZone());
        }
    }

    void runScheduled(PaperSource source) {
        try {
            runner.start(source, null, catchUpFrom(source).orElse(null), RunTrigger.SCHEDULE);
            missedTicks.remove(source.name());
        } catch (RunConflictProblem e) {
            missedTicks.add(source.name());
            LOG.infof("Scheduled run of %s skipped: %s", source.name(), e.getDetail());
        } catch (RuntimeException e) {
            // Typically the database away: nothing is recorded, so this instance remembers to catch up next time.
            missedTicks.add(source.name());
            LOG.warnf("Scheduled run of %s could not start (the next tick catches up): %s", source.name(), e.toString());
        }
    }

    /**
     * The first day the tick's run has to fetch when earlier runs missed days: the day the last successful scheduled
     * run started, if the last scheduled run failed or a tick was missed since; empty when nothing was missed.
     */
    Optional<LocalDate> catchUpFrom(PaperSource source) {
        if (!source.fetchesByDate()) {
            return Optional.empty();
        }
        boolean missed = missedTicks.contains(source.name())
                || runs.latestScheduled(source.name()).map(run -> run.status == RunStatus.FAILED).orElse(false);
        if (!missed) {
            return Optional.empty();
        }
        LocalDate today = LocalDate.now(source.schedule().timeZone());
        LocalDate earliest = today.minusDays(MAX_CATCH_UP_DAYS);
        return runs.latestScheduledSucceeded(source.name())
                .map(run -> run.startedAt.atZone(source.schedule().timeZone()).toLocalDate())
                .map(day -> day.isBefore(earliest) ? earliest : day)
                .filter(day -> day.isBefore(today));
    }
}
