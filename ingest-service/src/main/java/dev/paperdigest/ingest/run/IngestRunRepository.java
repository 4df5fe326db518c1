package dev.paperdigest.ingest.run;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import dev.paperdigest.ingest.paper.TextNormalizer;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;

@ApplicationScoped
public class IngestRunRepository implements PanacheRepositoryBase<IngestRun, Long> {

    private static final Sort NEWEST_FIRST = Sort.descending("startedAt", "id");

    /**
     * Records the start of a run unless a run of the source is running, in one statement: the partial unique index
     * on running runs decides between concurrent starts, on this instance or another. A run left RUNNING longer
     * than {@code staleAfter} belonged to an instance that died; it is marked FAILED first.
     *
     * @return the new run's id, or empty when a run of the source is running
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<Long> start(String source, RunTrigger trigger, LocalDate day, Instant now, Duration staleAfter) {
        update("status = ?1, finishedAt = ?2, failureReason = ?3 where source = ?4 and status = ?5 and startedAt < ?6",
                RunStatus.FAILED, now, "abandoned: still running after " + staleAfter + " (its instance stopped?)",
                source, RunStatus.RUNNING, now.minus(staleAfter));
        List<?> ids = getEntityManager().createNativeQuery("""
                insert into {h-schema}ingest_run (source, trigger, requested_date, status, started_at)
                values (:source, :trigger, cast(:day as date), 'RUNNING', :now)
                on conflict (source) where status = 'RUNNING' do nothing
                returning id""")
                .setParameter("source", source)
                .setParameter("trigger", trigger.name())
                .setParameter("day", day == null ? null : day.toString())
                .setParameter("now", now)
                .getResultList();
        return ids.stream().findFirst().map(id -> ((Number) id).longValue());
    }

    /**
     * Records the outcome of a run that is still RUNNING; a run marked FAILED meanwhile (taken as abandoned, or its
     * service stopping) stays FAILED.
     *
     * @return whether the run was still running and its outcome is now recorded
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean finish(long id, RunStatus status, RunTally tally, String failureReason, Instant now) {
        // The row lock orders this against start()'s marking of abandoned runs.
        IngestRun run = getEntityManager().find(IngestRun.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (run == null || run.status != RunStatus.RUNNING) {
            return false;
        }
        run.finish(status, tally, failureReason, now);
        return true;
    }

    /** A run over several days: which days, before the first is fetched. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void days(long id, LocalDate first, int total) {
        update("firstDate = ?1, daysTotal = ?2 where id = ?3", first, total, id);
    }

    /** How far a running run over several days got: days fetched, entries read so far. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void progress(long id, int daysFetched, int entriesFetched) {
        update("daysFetched = ?1, fetched = ?2 where id = ?3 and status = ?4", daysFetched, entriesFetched, id,
                RunStatus.RUNNING);
    }

    /** Marks a run that is still RUNNING as FAILED with nothing but a reason; returns whether it was running. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean fail(long id, String failureReason, Instant now) {
        return update("status = ?1, finishedAt = ?2, failureReason = ?3 where id = ?4 and status = ?5",
                RunStatus.FAILED, now, TextNormalizer.normalizeToNull(failureReason), id, RunStatus.RUNNING) > 0;
    }

    @Transactional
    public Optional<IngestRun> byId(long id) {
        return findByIdOptional(id);
    }

    @Transactional
    public Optional<IngestRun> running(String source) {
        return find("source = ?1 and status = ?2", source, RunStatus.RUNNING).firstResultOptional();
    }

    /** The newest runs, of one source or of all. */
    @Transactional
    public List<IngestRun> newest(Optional<String> source, int limit) {
        return (source.isPresent() ? find("source", NEWEST_FIRST, source.get()) : findAll(NEWEST_FIRST))
                .page(Page.ofSize(limit)).list();
    }

    @Transactional
    public Optional<IngestRun> latest(String source) {
        return find("source", NEWEST_FIRST, source).firstResultOptional();
    }

    /** The newest run started by the source's schedule. */
    @Transactional
    public Optional<IngestRun> latestScheduled(String source) {
        return find("source = ?1 and trigger = ?2", NEWEST_FIRST, source, RunTrigger.SCHEDULE).firstResultOptional();
    }

    /** The newest successful run started by the source's schedule. */
    @Transactional
    public Optional<IngestRun> latestScheduledSucceeded(String source) {
        return find("source = ?1 and trigger = ?2 and status = ?3", NEWEST_FIRST, source, RunTrigger.SCHEDULE,
                RunStatus.SUCCEEDED).firstResultOptional();
    }

    @Transactional
    public Optional<IngestRun> latestSucceeded(String source) {
        return find("source = ?1 and status = ?2", NEWEST_FIRST, source, RunStatus.SUCCEEDED).firstResultOptional();
    }
}
