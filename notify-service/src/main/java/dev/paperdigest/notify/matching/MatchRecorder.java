package dev.paperdigest.notify.matching;

import dev.paperdigest.notify.NotifyConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.time.Clock;
import java.time.ZoneOffset;
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
     * Call in the consumer's transaction; a paper recorded before is left as it was.
     *
     * @return how many INSTANT subscribers got a digest scheduled by this paper
     */
    public int record(String paperId, Set<Long> queryIds) {
        if (queryIds.isEmpty()) {
            return 0;
        }
        int stored = entityManager.createNativeQuery("""
                insert into paper_queries (paper_id, query_ids) values (:paper, :ids)
                on conflict (paper_id) do nothing
                """)
                .setParameter("paper", paperId)
                .setParameter("ids", queryIds.stream().sorted().toArray(Long[]::new))
                .executeUpdate();
        if (stored == 0) {
            return 0;
        }
        // Every such subscriber row is written (and so locked until this commits), even one with a digest scheduled
        // already: a digest being assembled meanwhile then either waits for this match or is assembled before it,
        // leaving next_digest_at set for it, never null with the match waiting.
        return entityManager.createNativeQuery("""
                update subscriber set next_digest_at = least(coalesce(next_digest_at, :due), :due)
                where frequency = 'INSTANT' and status = 'ACTIVE' and suppressed_at is null
                  and id in (select subscriber_id from topic where query_id = any(:ids))
                """)
                .setParameter("due", clock.instant().plus(config.digest().instantWindow()).atOffset(ZoneOffset.UTC))
                .setParameter("ids", queryIds.toArray(Long[]::new))
                .executeUpdate();
    }
}
