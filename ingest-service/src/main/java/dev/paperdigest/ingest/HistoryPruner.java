package dev.paperdigest.ingest;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * Deletes history nobody needs: published outbox rows and old ingest runs, after the retention of
 * {@code paperdigest.retention.*}. In slices of {@link #SLICE} rows, each its own short transaction, so the relay and
 * the runs never wait behind a long delete. Several instances pruning at once only share the work.
 */
@ApplicationScoped
public class HistoryPruner {

    private static final Logger LOG = Logger.getLogger(HistoryPruner.class);
    static final int SLICE = 5_000;

    /** What one pruning deleted. */
    public record Pruned(long outboxRows, long runs) {
    }

    private final EntityManager entityManager;
    private final IngestConfig.Retention retention;

    public HistoryPruner(EntityManager entityManager, IngestConfig config) {
        this.entityManager = entityManager;
        this.retention = config.retention();
    }

    @Scheduled(identity = "history-pruner", every = "${paperdigest.retention.interval:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        prune();
    }

    public Pruned prune() {
        long outbox = inSlices("""
                delete from ingest.outbox_event where id in (
                    select id from ingest.outbox_event
                    where published_at < now() - make_interval(secs => :age)
                    limit :slice)
                """, retention.publishedOutbox());
        long runs = inSlices("""
                delete from ingest.ingest_run where id in (
                    select r.id from ingest.ingest_run r
                    where r.status <> 'RUNNING' and r.started_at < now() - make_interval(secs => :age)
                      and r.id not in (select distinct on (source) id from ingest.ingest_run where trigger = 'SCHEDULE'
                                       order by source, started_at desc, id desc)
                      and r.id not in (select distinct on (source) id from ingest.ingest_run
                                       where trigger = 'SCHEDULE' and status = 'SUCCEEDED'
                                       order by source, started_at desc, id desc)
                    limit :slice)
                """, retention.runs());
        if (outbox > 0 || runs > 0) {
            LOG.infof("pruned %d published outbox rows older than %s and %d runs older than %s", outbox,
                    retention.publishedOutbox(), runs, retention.runs());
        }
        return new Pruned(outbox, runs);
    }

    private long inSlices(String delete, Duration age) {
        long total = 0;
        int deleted;
        do {
            deleted = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(delete)
                    .setParameter("age", (double) age.toSeconds())
                    .setParameter("slice", SLICE)
                    .executeUpdate());
            total += deleted;
        } while (deleted == SLICE);
        return total;
    }
}
