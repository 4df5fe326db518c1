package dev.paperdigest.notify.subscription;

import dev.paperdigest.notify.matching.MatcherChanges;
import dev.paperdigest.notify.matching.TopicQueries;
import dev.paperdigest.notify.matching.query.TopicQuery;
import dev.paperdigest.notify.matching.query.TopicQueryParser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The topics of a subscriber, each pointing at its distinct query ({@code topic_query}): two topics that normalize
 * to the same query share one row, so the matcher registers it once. Call every method in a transaction that holds
 * the subscriber's row lock.
 */
@ApplicationScoped
public class SubscriberTopics {

    private final EntityManager entityManager;
    private final TopicQueryParser parser;
    private final MatcherChanges matcherChanges;
    private final TopicQueries topicQueries;

    public SubscriberTopics(EntityManager entityManager, TopicQueryParser parser, MatcherChanges matcherChanges,
            TopicQueries topicQueries) {
        this.entityManager = entityManager;
        this.parser = parser;
        this.matcherChanges = matcherChanges;
        this.topicQueries = topicQueries;
    }

    /**
     * Replaces the subscriber's topics by these (validated) queries, each once per normalized form, in the order
     * given; topics kept keep their ids.
     */
    public void replace(long subscriberId, List<String> queries) {
        Map<String, TopicQuery> wanted = new LinkedHashMap<>();
        for (String text : queries) {
            TopicQuery query = parser.parse(text);
            wanted.putIfAbsent(query.normalized(), query);
        }
        Set<Long> touched = new TreeSet<>(queryIds(subscriberId));
        // Distinct queries are upserted in one global order, so two sign-ups adding the same new queries in
        // different orders cannot deadlock on each other's uncommitted inserts.
        Map<String, Long> ids = new java.util.HashMap<>();
        for (String normalized : new TreeSet<>(wanted.keySet())) {
            ids.put(normalized, topicQueries.idOf(wanted.get(normalized)));
        }
        List<Long> keep = new ArrayList<>();
        for (String normalized : wanted.keySet()) {
            keep.add(ids.get(normalized));
        }
        entityManager.createNativeQuery("""
                delete from topic where subscriber_id = :subscriber
                and (query_id is null or not (query_id = any(:keep)))
                """)
                .setParameter("subscriber", subscriberId)
                .setParameter("keep", keep.toArray(Long[]::new))
                .executeUpdate();
        int i = 0;
        for (TopicQuery query : wanted.values()) {
            entityManager.createNativeQuery("""
                    insert into topic (subscriber_id, query, query_id)
                    select :subscriber, :query, :queryId
                    where not exists (select 1 from topic where subscriber_id = :subscriber and query_id = :queryId)
                    """)
                    .setParameter("subscriber", subscriberId)
                    .setParameter("query", query.text())
                    .setParameter("queryId", keep.get(i++))
                    .executeUpdate();
        }
        touched.addAll(keep);
        matcherChanges.touched(touched);
    }

    /** The subscriber's queries as written, in the order they were added. */
    public List<String> texts(long subscriberId) {
        return entityManager.createNativeQuery("select query from topic where subscriber_id = :subscriber order by id",
                String.class).setParameter("subscriber", subscriberId).getResultList();
    }

    /** Ids of the distinct queries the subscriber's topics use. */
    public List<Long> queryIds(long subscriberId) {
        List<?> rows = entityManager.createNativeQuery(
                "select distinct query_id from topic where subscriber_id = :subscriber and query_id is not null")
                .setParameter("subscriber", subscriberId).getResultList();
        return rows.stream().map(id -> ((Number) id).longValue()).toList();
    }
}
