package dev.paperdigest.ingest.run;

import dev.paperdigest.ingest.source.PaperSource;
import dev.paperdigest.ingest.source.SourcesConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fills the paper store with the last days of the enabled sources, so that the topic preview and the subscribe page
 * have history from the first minute: at the first start of a fresh install (empty store) and on request. Each
 * source gets one ordinary run (trigger BACKFILL, listed with the others) that fetches the days one after another
 * at the source's polite rate; its new papers are announced marked as backfilled, which notify-service stores but
 * mails to nobody. Re-running is harmless: papers already stored are only merged.
 */
@ApplicationScoped
public class Backfill {

    private static final Logger LOG = Logger.getLogger(Backfill.class);

    /** What a backfill started, and the sources it could not start now with the reason. */
    public record Started(List<IngestRun> runs, Map<String, String> notStarted) {
    }

    private final IngestRunner runner;
    private final EntityManager entityManager;
    private final int days;
    /** Sources of the start-up backfill still to start (one of theirs was running): tried again every minute. */
    private final Set<String> pending = ConcurrentHashMap.newKeySet();

    public Backfill(IngestRunner runner, EntityManager entityManager, SourcesConfig config) {
        this.runner = runner;
        this.entityManager = entityManager;
        this.days = config.backfillDays();
    }

    void onStart(@Observes StartupEvent event) {
        if (days == 0 || !QuarkusTransaction.requiringNew().call(this::storeIsEmpty)) {
            return;
        }
        runner.sources().stream().filter(source -> source.schedule().enabled()).forEach(source -> pending.add(source.name()));
        LOG.infof("The paper store is empty: backfilling the last %d days of %s in the background", days, pending);
        startPending();
    }

    @Scheduled(every = "1m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void startPending() {
        for (String name : List.copyOf(pending)) {
            runner.source(name).ifPresent(source -> {
                Started started = start(days, null, List.of(source));
                if (started.notStarted().isEmpty() || !source.schedule().enabled()) {
                    pending.remove(name);
                }
            });
        }
    }

    /**
     * Starts one BACKFILL run per source: {@code days} days up to {@code until} (today in each source's zone when
     * null) for sources that fetch by date, the latest announcement for the others.
     */
    public Started start(int days, LocalDate until, Collection<PaperSource> sources) {
        List<IngestRun> runs = new ArrayList<>();
        Map<String, String> notStarted = new LinkedHashMap<>();
        for (PaperSource source : sources) {
            LocalDate last = until != null ? until : LocalDate.now(source.schedule().timeZone());
            try {
                runs.add(source.fetchesByDate()
                        ? runner.start(source, last, last.minusDays(days - 1L), RunTrigger.BACKFILL)
                        : runner.start(source, null, RunTrigger.BACKFILL));
            } catch (RunConflictProblem conflict) {
                notStarted.put(source.name(), conflict.getDetail());
            }
        }
        return new Started(runs, notStarted);
    }

    private boolean storeIsEmpty() {
        return !(Boolean) entityManager.createNativeQuery("select exists (select 1 from ingest.paper)").getSingleResult();
    }
}
