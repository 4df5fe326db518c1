package dev.paperdigest.notify.matching;

import dev.paperdigest.notify.matching.query.TopicQuery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/** The distinct queries ({@code topic_query}): one row per normalized form, shared by every topic that has it. */
@ApplicationScoped
public class TopicQueries {

    private final EntityManager entityManager;

    public TopicQueries(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * The id of the distinct query, stored first if it is new; call in a transaction. An upsert, so concurrent
     * sign-ups with the same query cannot clash. Rows are never deleted (an unused one is simply not registered),
     * so an id handed out here stays valid.
     */
    public long idOf(TopicQuery query) {
        entityManager.createNativeQuery("""
                insert into topic_query (normalized, query) values (:normalized, :query)
                on conflict (normalized) do nothing
                """)
                .setParameter("normalized", query.normalized())
                .setParameter("query", query.text())
                .executeUpdate();
        return ((Number) entityManager.createNativeQuery("select id from topic_query where normalized = :normalized")
                .setParameter("normalized", query.normalized()).getSingleResult()).longValue();
    }
}
