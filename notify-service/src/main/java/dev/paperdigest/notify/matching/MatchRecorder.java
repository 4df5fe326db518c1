package dev.paperdigest.notify.matching;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Records which subscribers a paper matched: at most once per (subscriber, paper), however often it is asked. */
@ApplicationScoped
public class MatchRecorder {

    private final EntityManager entityManager;
    private final ObjectMapper objectMapper;

    public MatchRecorder(EntityManager entityManager, ObjectMapper objectMapper) {
        this.entityManager = entityManager;
        this.objectMapper = objectMapper;
    }

    /**
     * @param topicIds the topics the paper matched; ids of topics deleted meanwhile are ignored
     * @return how many new (subscriber, paper) matches were stored
     */
    public int record(String paperId, Set<Long> topicIds) {
        if (topicIds.isEmpty()) {
            return 0;
        }
        Map<Long, List<String>> queriesBySubscriber = new LinkedHashMap<>();
        for (Object[] row : entityManager.createQuery(
                "select t.subscriber.id, t.query from Topic t where t.id in :ids order by t.subscriber.id, t.id",
                Object[].class).setParameter("ids", topicIds).getResultList()) {
            queriesBySubscriber.computeIfAbsent((Long) row[0], id -> new ArrayList<>()).add((String) row[1]);
        }
        int stored = 0;
        for (Map.Entry<Long, List<String>> entry : queriesBySubscriber.entrySet()) {
            // The unique (subscriber_id, paper_id) constraint makes a repeated match a no-op, not an error.
            stored += entityManager.createNativeQuery("""
                    insert into paper_match (subscriber_id, paper_id, topics)
                    values (:subscriber, :paper, cast(:topics as jsonb))
                    on conflict (subscriber_id, paper_id) do nothing
                    """)
                    .setParameter("subscriber", entry.getKey())
                    .setParameter("paper", paperId)
                    .setParameter("topics", json(entry.getValue()))
                    .executeUpdate();
        }
        return stored;
    }

    private String json(List<String> values) {
        try {
            return objectMapper.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a list of strings is always JSON", e);
        }
    }
}
