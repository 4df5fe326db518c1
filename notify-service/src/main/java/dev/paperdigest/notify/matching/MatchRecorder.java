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
     * One statement, whatever the number of topics: one row per subscriber, holding the queries that matched in id
     * order. The unique (subscriber_id, paper_id) constraint makes a repeated match a no-op, not an error.
     *
     * @param topicIds the topics the paper matched; ids of topics deleted meanwhile are ignored
     * @return how many new (subscriber, paper) matches were stored
     */
    public int record(String paperId, Set<Long> topicIds) {
        if (topicIds.isEmpty()) {
            return 0;
        }
        return entityManager.createNativeQuery("""
                insert into paper_match (subscriber_id, paper_id, topics)
                select t.subscriber_id, :paper, jsonb_agg(t.query order by t.id)
                from topic t
                where t.id = any(:ids)
                group by t.subscriber_id
                on conflict (subscriber_id, paper_id) do nothing
                """)
                .setParameter("paper", paperId)
                .setParameter("ids", topicIds.toArray(Long[]::new))
                .executeUpdate();
    }
}
