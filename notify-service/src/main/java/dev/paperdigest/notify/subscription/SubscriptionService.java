package dev.paperdigest.notify.subscription;

import dev.paperdigest.notify.OneLineText;
import dev.paperdigest.notify.NotifyConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Stores subscribers and their topics; a known address gets the topics it does not have yet, up to
 * {@code paperdigest.subscription.max-topics}. Topics beyond the limit are dropped silently: the caller answers the
 * same either way, so the answer tells nothing about the address.
 */
@ApplicationScoped
public class SubscriptionService {

    private final EntityManager entityManager;
    private final NotifyConfig config;

    public SubscriptionService(EntityManager entityManager, NotifyConfig config) {
        this.entityManager = entityManager;
        this.config = config;
    }

    /**
     * Upserts rather than find-then-insert, so two sign-ups of one address at the same moment both succeed; the
     * subscriber row is then locked, so they take turns at counting and adding topics and the limit holds.
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
                "select id from subscriber where lower(email) = lower(:email) for update")
                .setParameter("email", email)
                .getSingleResult()).longValue();
        long room = config.subscription().maxTopics() - ((Number) entityManager.createNativeQuery(
                "select count(*) from topic where subscriber_id = :subscriber")
                .setParameter("subscriber", subscriberId)
                .getSingleResult()).longValue();
        int added = 0;
        for (String query : distinct(topics)) {
            if (added >= room) {
                break;
            }
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
            String query = OneLineText.of(topic);
            byKey.putIfAbsent(query.toLowerCase(Locale.ROOT), query);
        }
        return new ArrayList<>(byKey.values());
    }
}
