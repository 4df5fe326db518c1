package dev.paperdigest.notify.subscription;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Stores subscribers and their topics; a known address gets the topics it does not have yet. */
@ApplicationScoped
public class SubscriptionService {

    private final EntityManager entityManager;

    public SubscriptionService(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * Upserts rather than find-then-insert, so two sign-ups of one address at the same moment both succeed.
     *
     * @return how many topics were new
     */
    @Transactional
    public int subscribe(String email, List<String> topics) {
        entityManager.createNativeQuery(
                "insert into subscriber (email) values (:email) on conflict ((lower(email))) do nothing")
                .setParameter("email", email)
                .executeUpdate();
        long subscriberId = ((Number) entityManager.createNativeQuery(
                "select id from subscriber where lower(email) = lower(:email)")
                .setParameter("email", email)
                .getSingleResult()).longValue();
        int added = 0;
        for (String query : distinct(topics)) {
            added += entityManager.createNativeQuery("""
                    insert into topic (subscriber_id, query) values (:subscriber, :query)
                    on conflict (subscriber_id, lower(query)) do nothing
                    """)
                    .setParameter("subscriber", subscriberId)
                    .setParameter("query", query)
                    .executeUpdate();
        }
        return added;
    }

    /** Topics with whitespace collapsed, each once whatever its letter case, in the order given. */
    static List<String> distinct(List<String> topics) {
        Map<String, String> byKey = new LinkedHashMap<>();
        for (String topic : topics) {
            String query = topic.replaceAll("\\s+", " ").strip();
            byKey.putIfAbsent(query.toLowerCase(Locale.ROOT), query);
        }
        return new ArrayList<>(byKey.values());
    }
}
