package dev.paperdigest.notify.mail;

import dev.paperdigest.notify.BackgroundWorker;
import dev.paperdigest.notify.NotifyConfig;
import dev.paperdigest.notify.OneLineText;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.ext.mail.SMTPException;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Sends the mails queued as rows of one table (with {@code sent_at, attempts, next_attempt_at, failed_at,
 * last_error}), each in three steps, the SMTP hand-off in no transaction:
 * <ol>
 * <li>a short transaction claims one due row with {@code FOR UPDATE SKIP LOCKED}, leases it (moves its
 * {@code next_attempt_at} a lease ahead, so other drains and instances skip it after the commit too) and loads what
 * the mail needs;</li>
 * <li>the mail is sent, waiting at most {@code paperdigest.mail.send-timeout} (shorter than the lease);</li>
 * <li>a second short transaction marks it sent, or records the failure with a growing back-off, or gives it up after
 * {@code paperdigest.mail.max-attempts}.</li>
 * </ol>
 * So each mail goes out once, except when an instance dies (or loses its database) between the SMTP hand-off and
 * step 3: then the lease runs out and the mail goes out once more. A send not answered within the send timeout has
 * an unknown outcome (the server may still take the mail): its retry waits at least one more send timeout, and a
 * late success within that marks it sent, so only an answer later than twice the send timeout can lead to a second
 * copy. Each subclass sends on one thread of
 * its own, woken by its poll and by commits that queue mail, so a slow SMTP server never holds up the Kafka
 * consumer. Subclasses are {@code @Singleton}s (no
 * client proxy, which would need a no-args constructor here).
 *
 * @param <M> a claimed mail: everything steps 2 and 3 need, detached from any transaction
 */
public abstract class QueuedMailer<M extends QueuedMailer.Claimed> {

    /** What every claimed mail knows about its row. */
    public interface Claimed {
        long rowId();

        int failedAttempts();
    }

    private static final Logger LOG = Logger.getLogger(QueuedMailer.class);
    private static final Duration MAX_BACKOFF = Duration.ofHours(1);
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    protected final EntityManager entityManager;
    protected final NotifyConfig config;
    private final MeterRegistry meters;
    private final String table;
    private final String kind;
    private final BackgroundWorker sender;

    /**
     * @param table the queue table (a constant of the subclass, never input)
     * @param kind  the {@code kind} tag of the mail metrics and the sending thread's name
     */
    protected QueuedMailer(EntityManager entityManager, NotifyConfig config, MeterRegistry meters, String table,
            String kind) {
        this.entityManager = entityManager;
        this.config = config;
        this.meters = meters;
        this.table = table;
        this.kind = kind;
        this.sender = new BackgroundWorker(kind + "-mailer", this::drain);
    }

    /** Step 1, in a transaction: claim one due row (see {@link #claimDueRow}) and load its mail. */
    protected abstract Optional<M> claim();

    /** Step 2: hands the mail to the SMTP server. */
    protected abstract Uni<Void> send(M mail);

    /** Queues a run that sends every due mail, unless one is queued already. */
    public void wake() {
        sender.wake();
    }

    private void drain() {
        try {
            while (!sender.isStopped() && sendNext()) {
                // one mail per round
            }
        } catch (RuntimeException e) {
            LOG.warnf("sending %s mails stopped until the next poll: %s", kind, e.toString());
        }
    }

    /** Claims, sends and settles one due mail. @return false when none was due */
    public boolean sendNext() {
        Optional<M> claimed = QuarkusTransaction.requiringNew().call(this::claim);
        if (claimed.isEmpty()) {
            return false;
        }
        M mail = claimed.get();
        // Memoized: the send runs once, whoever waits for its outcome.
        Uni<Void> sending = send(mail).memoize().indefinitely();
        try {
            sending.await().atMost(config.mail().sendTimeout());
        } catch (TimeoutException e) {
            // The outcome is unknown: the server may still take the mail. The retry waits at least one more send
            // timeout, and a late success within it marks the mail sent, so only an answer later than that (or a
            // hung connection, which must not hold the mail back for the whole lease) leads to a second copy.
            LOG.warnf("%s mail %d: no answer from the SMTP server within %s", kind, mail.rowId(),
                    config.mail().sendTimeout());
            QuarkusTransaction.requiringNew().run(() -> recordFailure(mail, e, config.mail().sendTimeout()));
            sending.subscribe().with(sent -> settleLater(() -> markSent(mail)), failure -> {
                // recorded as failed already
            });
            return true;
        } catch (RuntimeException e) {
            QuarkusTransaction.requiringNew().run(() -> recordFailure(mail, e, Duration.ZERO));
            return true;
        }
        QuarkusTransaction.requiringNew().run(() -> markSent(mail));
        return true;
    }

    /** Marking a late-answered send: on a worker thread, since the outcome arrives on an I/O thread. */
    private void settleLater(Runnable settle) {
        Infrastructure.getDefaultWorkerPool().execute(() -> {
            try {
                QuarkusTransaction.requiringNew().run(settle);
            } catch (RuntimeException e) {
                LOG.warnf("%s mail: settling a late send failed (the lease runs out instead): %s", kind, e.toString());
            }
        });
    }

    /**
     * Locks and leases the first due row that {@code dueRows} selects; call in a transaction.
     *
     * @param dueRow a query selecting the {@code id} of the first due row of this table in sending order, ending in
     *               {@code limit 1 for update skip locked} (of the queue table), without parameters
     */
    protected Optional<Long> claimDueRow(String dueRow) {
        List<?> ids = entityManager.createNativeQuery(dueRow).getResultList();
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        long id = ((Number) ids.get(0)).longValue();
        entityManager.createNativeQuery(
                "update " + table + " set next_attempt_at = now() + make_interval(secs => :seconds) where id = :id")
                .setParameter("seconds", seconds(config.mail().lease()))
                .setParameter("id", id)
                .executeUpdate();
        return Optional.of(id);
    }

    /** More of step 3 after a mail was sent, in the same transaction (nothing by default). */
    protected void afterSent(M mail) {
    }

    /**
     * More of step 3 after the SMTP server refused a mail for good (a 5xx reply), in the same transaction (nothing
     * by default). Such a mail is given up at once: retrying cannot change the answer.
     */
    protected void afterPermanentFailure(M mail, String reason) {
    }

    private void markSent(M mail) {
        entityManager.createNativeQuery("update " + table + " set sent_at = now() where id = :id and sent_at is null")
                .setParameter("id", mail.rowId())
                .executeUpdate();
        afterSent(mail);
        meters.counter("paperdigest.mails.sent", "kind", kind).increment();
    }

    /** Whether the SMTP server refused for good (5xx), as opposed to a 4xx, a timeout or a refused connection. */
    static boolean isPermanent(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SMTPException smtp) {
                return smtp.isPermanent();
            }
        }
        return false;
    }

    /** @param minDelay the least wait before the next attempt, whatever the back-off */
    private void recordFailure(M mail, RuntimeException e, Duration minDelay) {
        int attempts = mail.failedAttempts() + 1;
        boolean permanent = isPermanent(e);
        boolean giveUp = permanent || attempts >= config.mail().maxAttempts();
        Duration backoff = backoff(attempts).compareTo(minDelay) < 0 ? minDelay : backoff(attempts);
        entityManager.createNativeQuery("update " + table + """
                 set attempts = :attempts, last_error = :error,
                    failed_at = case when :giveUp then now() end,
                    next_attempt_at = now() + make_interval(secs => :seconds)
                where id = :id and sent_at is null
                """)
                .setParameter("attempts", attempts)
                .setParameter("error", OneLineText.of(e.toString(), 1000))
                .setParameter("giveUp", giveUp)
                .setParameter("seconds", seconds(backoff))
                .setParameter("id", mail.rowId())
                .executeUpdate();
        if (permanent) {
            afterPermanentFailure(mail, OneLineText.of(e.getMessage(), 1000));
        }
        if (giveUp) {
            meters.counter("paperdigest.mails.failed", "kind", kind).increment();
            LOG.errorf("giving up %s mail %d after %d attempts: %s", kind, mail.rowId(), attempts, e.toString());
        } else {
            LOG.warnf("%s mail %d failed (attempt %d), retry after %s: %s", kind, mail.rowId(), attempts, backoff,
                    e.toString());
        }
    }

    /** Wait after the n-th failed attempt: 2 s, doubling, at most an hour. */
    static Duration backoff(int failedAttempts) {
        Duration backoff = Duration.ofSeconds(1L << Math.min(failedAttempts, 12));
        return backoff.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff;
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    /** Fails the start when a send could outlast its lease (the mail would then go out twice). */
    protected void checkConfig() {
        if (config.mail().sendTimeout().compareTo(config.mail().lease()) >= 0) {
            throw new IllegalStateException("paperdigest.mail.send-timeout (" + config.mail().sendTimeout()
                    + ") must be shorter than paperdigest.mail.lease (" + config.mail().lease() + ")");
        }
    }

    /**
     * Call on ShutdownEvent, while the datasource and the mailer are still up (a @PreDestroy may run after them): no
     * new round starts, the mail in hand is finished and settled if that takes less than STOP_WAIT.
     */
    protected void stop() {
        sender.stop(STOP_WAIT);
    }
}
