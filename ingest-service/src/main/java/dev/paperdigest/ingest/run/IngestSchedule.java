package dev.paperdigest.ingest.run;

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
 */
@ApplicationScoped
public class IngestSchedule {

    private static final Logger LOG = Logger.getLogger(IngestSchedule.class);

    private final IngestRunner runner;
    private final Scheduler scheduler;

    public IngestSchedule(IngestRunner runner, Scheduler scheduler) {
        this.runner = runner;
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

    private void runScheduled(PaperSource source) {
        try {
            runner.start(source, null, RunTrigger.SCHEDULE);
        } catch (RunConflictProblem e) {
            LOG.infof("Scheduled run of %s skipped: %s", source.name(), e.getDetail());
        }
    }
}
