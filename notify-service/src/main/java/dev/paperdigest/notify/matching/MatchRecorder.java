package dev.paperdigest.notify.matching;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.util.Set;

/** Records which subscribers a paper matched: at most once per (subscriber, paper), however often it is asked. */
@ApplicationScoped
public class MatchRecorder {

    private final EntityManager entityManager;

    public MatchRecorder(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * One statement, whatever the number of topics: one row per ACTIVE subscriber with a topic of a matched query,
     * holding its topics that matched (as written) in id order. The unique (subscriber_id, paper_id) constraint
     * makes a repeated match a no-op, not an error.
     *
     * @param queryIds the distinct queries the paper matched; subscribers that are not ACTIVE (any more) are skipped
     * @return how many new (subscriber, paper) matches were stored
     */
    public int record(String paperId, Set<Long> queryIds) {
        if (queryIds.isEmpty()) {
            return 0;
        }
        return entityManager.createNativeQuery("""
                insert into paper_match (subscriber_id, paper_id, topics)
                select t.subscriber_id, :paper, jsonb_agg(t.query order by t.id)
                from topic t join subscriber s on s.id = t.subscriber_id
                where t.query_id = any(:ids) and s.status = 'ACTIVE'
                group by t.subscriber_id
                on conflict (subscriber_id, paper_id) do nothing
                """)
                .setParameter("paper", paperId)
                .setParameter("ids", queryIds.toArray(Long[]::new))
                .executeUpdate();
    }
}
