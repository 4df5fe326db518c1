package dev.paperdigest.notify.subscription;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paperdigest.notify.BackgroundWorker;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;

/**
 * Sign-ups are stored as they come ({@link #enqueue}, one insert, the same work whatever is known about the
 * address, so the answer's timing reveals nothing) and applied right after by one background thread per instance,
 * each in its own transaction, in order. A request that keeps failing is dropped after a few attempts, with the
 * reason in the log.
 */
@ApplicationScoped
public class SignupQueue {

    private static final Logger LOG = Logger.getLogger(SignupQueue.class);
    private static final int MAX_ATTEMPTS = 5;

    private final EntityManager entityManager;
    private final SubscriptionService subscriptions;
    private final ObjectMapper json;
    private final Event<Enqueued> enqueued;
    private final BackgroundWorker worker = new BackgroundWorker("signup-queue", this::drainQuietly);

    public SignupQueue(EntityManager entityManager, SubscriptionService subscriptions, ObjectMapper json,
            Event<Enqueued> enqueued) {
        this.entityManager = entityManager;
        this.subscriptions = subscriptions;
        this.json = json;
        this.enqueued = enqueued;
    }

    /** Fired when a sign-up was stored; observed after commit to wake the worker. */
    public record Enqueued() {
    }

    /** Stores a validated sign-up; it is applied moments later. */
    @Transactional
    public void enqueue(SubscriptionRequest request) {
        try {
            entityManager.createNativeQuery("insert into signup_request (request) values (cast(:request as jsonb))")
                    .setParameter("request", json.writeValueAsString(request))
                    .executeUpdate();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a validated request is always JSON", e);
        }
        enqueued.fire(new Enqueued());
    }

    void onEnqueued(@Observes(during = TransactionPhase.AFTER_SUCCESS) Enqueued event) {
        worker.wake();
    }

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        worker.wake();
    }

    void onStop(@Observes ShutdownEvent event) {
        worker.stop(Duration.ofSeconds(10));
    }

    private void drainQuietly() {
        try {
            while (!worker.isStopped() && applyNext()) {
                // one sign-up per transaction
            }
        } catch (RuntimeException e) {
            LOG.warnf("applying sign-ups stopped until the next poll: %s", e.toString());
        }
    }

    /** Applies the oldest stored sign-up. @return false when none was waiting */
    boolean applyNext() {
        List<?> claimed = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery("""
                update signup_request set attempts = attempts + 1
                where id = (select id from signup_request order by id limit 1 for update skip locked)
                returning id, cast(request as text), attempts
                """).getResultList());
        if (claimed.isEmpty()) {
            return false;
        }
        Object[] row = (Object[]) claimed.get(0);
        long id = ((Number) row[0]).longValue();
        try {
            SubscriptionRequest request = json.readValue((String) row[1], SubscriptionRequest.class);
            QuarkusTransaction.requiringNew().run(() -> {
                subscriptions.subscribe(request);
                delete(id);
            });
        } catch (Exception e) {
            if (((Number) row[2]).intValue() >= MAX_ATTEMPTS) {
                LOG.errorf("dropping sign-up %d after %d attempts: %s", id, MAX_ATTEMPTS, e.toString());
                QuarkusTransaction.requiringNew().run(() -> delete(id));
            } else {
                LOG.warnf("sign-up %d failed, retried at the next poll: %s", id, e.toString());
                return false;
            }
        }
        return true;
    }

    private void delete(long id) {
        entityManager.createNativeQuery("delete from signup_request where id = :id").setParameter("id", id)
                .executeUpdate();
    }
}
