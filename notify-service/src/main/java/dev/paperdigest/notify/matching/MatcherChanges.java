package dev.paperdigest.notify.matching;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.util.Collection;

/**
 * Notes, in the transaction that makes them, the changes that can add a query to the matchers or remove one:
 * topics added or removed, subscribers confirmed, unsubscribed or deleted. {@link TopicSync} on every instance
 * reads them and re-checks those queries.
 */
@ApplicationScoped
public class MatcherChanges {

    private final EntityManager entityManager;

    public MatcherChanges(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Call in the transaction of the change. */
    public void touched(Collection<Long> queryIds) {
        if (queryIds.isEmpty()) {
            return;
        }
        entityManager.createNativeQuery("insert into matcher_change (query_id) select unnest(:ids)")
                .setParameter("ids", queryIds.stream().distinct().toArray(Long[]::new))
                .executeUpdate();
    }
}
