package dev.paperdigest.notify.event;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/** Remembers the CloudEvent ids already consumed, so that a redelivered event is skipped. */
@ApplicationScoped
public class ProcessedEvents {

    private final EntityManager entityManager;

    public ProcessedEvents(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * Marks the event processed within the current transaction.
     *
     * @return false when it was processed before (or is being processed by a transaction that then commits)
     */
    public boolean markProcessed(String eventId) {
        return entityManager.createNativeQuery(
                "insert into processed_event (event_id) values (:id) on conflict (event_id) do nothing")
                .setParameter("id", eventId)
                .executeUpdate() == 1;
    }
}
