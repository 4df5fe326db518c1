package dev.paperdigest.notify.matching;

import dev.paperdigest.notify.NotifyConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Records which distinct queries a paper matched: one row per paper (never one per subscriber), from which each
 * subscriber's digest is assembled when due. INSTANT subscribers with a matching topic get their next digest
 * scheduled a coalescing window ahead, unless one is scheduled sooner.
 */
@ApplicationScoped
public class MatchRecorder {

    private final EntityManager entityManager;
    private final NotifyConfig config;
    private final Clock clock;

    public MatchRecorder(EntityManager entityManager, NotifyConfig config, Clock clock) {
        this.entityManager = entityManager;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Call in the consumer's transaction; a paper recorded before is left as it was. One row per paper, then one
     * statement for every INSTANT subscriber the batch concerns.
     *
     * @param queryIdsByPaper the distinct queries each paper matched (papers that matched nothing may be absent)
     * @return how many INSTANT subscribers got a digest scheduled by these papers
     */
    public int record(Map<String, Set<Long>> queryIdsByPaper) {
        Set<Long> stored = new HashSet<>();
        for (Map.Entry<String, Set<Long>> paper : queryIdsByPaper.entrySet()) {
            if (paper.getValue().isEmpty()) {
                continue;
            }
            int inserted = entityManager.createNativeQuery("""
                    insert into paper_queries (paper_id, query_ids) values (:paper, :ids)
                    on conflict (paper_id) do nothing
                    """)
                    .setParameter("paper", paper.getKey())
                    .setParameter("ids", paper.getValue().stream().sorted().toArray(Long[]::new))
                    .executeUpdate();
            if (inserted > 0) {
                stored.addAll(paper.getValue());
            }
        }
        if (stored.isEmpty()) {
            return 0;
        }
        // Every such subscriber row is written (and so locked until this commits), even one with a digest scheduled
        // already: a digest being assembled meanwhile then either waits for these matches or is assembled before
        // them, leaving next_digest_at set for them, never null with a match waiting. The topics are those of INSTANT
        // subscribers only (joined to the matched queries, not looked up query by query: a day's batch matches
        // hundreds of thousands of distinct queries).
        return entityManager.createNativeQuery("""
                update subscriber set next_digest_at = least(coalesce(next_digest_at, :due), :due)
                where id in (
                    select t.subscriber_id
                    from subscriber i
                    join topic t on t.subscriber_id = i.id
                    join unnest(cast(:ids as bigint[])) as matched(query_id) on matched.query_id = t.query_id
                    where i.frequency = 'INSTANT' and i.status = 'ACTIVE' and i.suppressed_at is null)
                """)
                .setParameter("due", clock.instant().plus(config.digest().instantWindow()).atOffset(ZoneOffset.UTC))
                .setParameter("ids", stored.toArray(Long[]::new))
                .executeUpdate();
    }
}
