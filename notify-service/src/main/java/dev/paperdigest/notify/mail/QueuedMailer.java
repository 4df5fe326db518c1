package dev.paperdigest.notify.mail;

import dev.paperdigest.notify.BackgroundWorker;
import dev.paperdigest.notify.NotifyConfig;
import dev.paperdigest.notify.OneLineText;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.ext.mail.SMTPException;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Sends the mails queued as rows of one table (with {@code sent_at, attempts, next_attempt_at, failed_at,
 * last_error}) in batches, each in three steps, the SMTP hand-off in no transaction:
 * <ol>
 * <li>a short transaction claims up to {@code paperdigest.mail.batch-size} due rows with
 * {@code FOR UPDATE SKIP LOCKED}, leases them (moves their {@code next_attempt_at} a lease ahead, so other senders and
 * instances skip them after the commit too) and loads what the mails need;</li>
 * <li>the mails are sent in parallel, each on its own pooled SMTP connection, waiting at most
 * {@code paperdigest.mail.send-timeout} (shorter than the lease);</li>
 * <li>one transaction marks the sent ones sent; each failure is recorded with a growing back-off, or given up after
 * {@code paperdigest.mail.max-attempts}.</li>
 * </ol>
 * So each mail goes out once, except when an instance dies (or loses its database) between the SMTP hand-off and
 * step 3: then the lease runs out and the mail goes out once more. A send not answered within the send timeout has
 * an unknown outcome (the server may still take the mail): its retry waits at least one more send timeout, and a
 * late success within that marks it sent, so only an answer later than twice the send timeout can lead to a second
 * copy. Each subclass sends on threads of its own, woken by its poll and by commits that queue mail, so a slow SMTP
 * server never holds up the Kafka consumer. Subclasses are {@code @Singleton}s (no client proxy, which would need a
 * no-args constructor here).
 *
 * <p>Metrics, tagged with the queue's {@code kind}: {@code paperdigest.mails.sent}, {@code paperdigest.mails.failed}
 * (given up), the gauge {@code paperdigest.mails.pending} (neither sent nor given up; counted every 15 s by
 * {@link MailQueueCounts}) and the timer {@code paperdigest.smtp.send{outcome}} of every SMTP hand-off.
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
    private final String table;
    private final String kind;
    private final List<BackgroundWorker> senders = new ArrayList<>();
    private final Counter sentMails;
    private final Counter failedMails;
    private final Timer smtpSucceeded;
    private final Timer smtpFailed;
    /** The last count of pending mails; NaN before the first. */
    private volatile double pending = Double.NaN;

    /**
     * @param table   the queue table (a constant of the subclass, never input)
     * @param kind    the {@code kind} tag of the mail metrics and the sending threads' names
     * @param senders how many threads send batches side by side
     */
    protected QueuedMailer(EntityManager entityManager, NotifyConfig config, MeterRegistry meters, String table,
            String kind, int senders) {
        this.entityManager = entityManager;
        this.config = config;
        this.table = table;
        this.kind = kind;
        this.sentMails = Counter.builder("paperdigest.mails.sent").tag("kind", kind)
                .description("Mails the SMTP server took").register(meters);
        this.failedMails = Counter.builder("paperdigest.mails.failed").tag("kind", kind)
                .description("Mails given up: refused for good (5xx) or out of attempts").register(meters);
        this.smtpSucceeded = smtpTimer(meters, "success");
        this.smtpFailed = smtpTimer(meters, "failure");
        Gauge.builder("paperdigest.mails.pending", this, mailer -> mailer.pending).tag("kind", kind)
                .description("Mails queued and neither sent nor given up (counted every 15 s)").register(meters);
        for (int i = 1; i <= senders; i++) {
            BackgroundWorker[] self = new BackgroundWorker[1];
            self[0] = new BackgroundWorker(kind + "-mailer-" + i, () -> drain(self[0]));
            this.senders.add(self[0]);
        }
    }

    /** One SMTP hand-off (template rendering, a pooled connection, the SMTP exchange) until the server's answer. */
    private Timer smtpTimer(MeterRegistry meters, String outcome) {
        return Timer.builder("paperdigest.smtp.send").tag("kind", kind).tag("outcome", outcome)
                .description("Time from handing a mail to the mailer to the SMTP server's answer")
                .publishPercentileHistogram().register(meters);
    }

    /**
     * Step 1, in a transaction: claim up to {@code limit} due rows (see {@link #claimDueRows}) and load their mails.
     */
    protected abstract List<M> claim(int limit);

    /** Step 2: hands the mail to the SMTP server. */
    protected abstract Uni<Void> send(M mail);

    /** Queues a run on every sender that sends every due mail, unless one is queued already. */
    public void wake() {
        senders.forEach(BackgroundWorker::wake);
    }

    private void drain(BackgroundWorker sender) {
        try {
            while (!sender.isStopped() && sendBatch() > 0) {
                // one batch per round
            }
        } catch (RuntimeException e) {
            LOG.warnf("sending %s mails stopped until the next poll: %s", kind, e.toString());
        }
    }

    /** Claims, sends and settles a batch of due mails. @return how many were claimed (0 when none was due) */
    public int sendBatch() {
        List<M> batch = QuarkusTransaction.requiringNew().call(() -> claim(config.mail().batchSize()));
        if (batch.isEmpty()) {
            return 0;
        }
        List<CompletableFuture<Void>> sends = batch.stream().map(this::start).toList();
        long deadline = System.nanoTime() + config.mail().sendTimeout().toNanos();
        List<M> sent = new ArrayList<>();
        Map<M, Throwable> failed = new LinkedHashMap<>();
        Map<M, CompletableFuture<Void>> unanswered = new LinkedHashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            M mail = batch.get(i);
            try {
                sends.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                sent.add(mail);
            } catch (ExecutionException e) {
                failed.put(mail, e.getCause());
            } catch (java.util.concurrent.TimeoutException e) {
                unanswered.put(mail, sends.get(i));
            } catch (InterruptedException e) {
                // Stopping: what is not settled yet goes out again after its lease (and is logged as in flight).
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (!sent.isEmpty()) {
            QuarkusTransaction.requiringNew().run(() -> markSent(sent));
        }
        failed.forEach((mail, e) -> QuarkusTransaction.requiringNew().run(() -> recordFailure(mail, e, Duration.ZERO)));
        unanswered.forEach((mail, sending) -> {
            // The outcome is unknown: the server may still take the mail. The retry waits at least one more send
            // timeout, and a late success within it marks the mail sent, so only an answer later than that (or a
            // hung connection, which must not hold the mail back for the whole lease) leads to a second copy.
            LOG.warnf("%s mail %d: no answer from the SMTP server within %s", kind, mail.rowId(),
                    config.mail().sendTimeout());
            QuarkusTransaction.requiringNew().run(() -> recordFailure(mail,
                    new TimeoutException(), config.mail().sendTimeout()));
            sending.thenRun(() -> settleLater(() -> markSent(List.of(mail))));
        });
        return batch.size();
    }

    /** Starts the send, timed until it ends; a mail that cannot even be rendered fails like a refused send. */
    private CompletableFuture<Void> start(M mail) {
        Timer.Sample sample = Timer.start();
        CompletableFuture<Void> sending;
        try {
            sending = send(mail).subscribeAsCompletionStage();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        sending.whenComplete((ok, failure) -> sample.stop(failure == null ? smtpSucceeded : smtpFailed));
        return sending;
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
     * Locks and leases the first due rows that {@code dueRows} selects; call in a transaction.
     *
     * @param dueRows a query selecting the {@code id} of the due rows of this table in sending order, ending in
     *                {@code limit :limit for update skip locked} (of the queue table), without other parameters
     * @return their ids, in that order
     */
    protected List<Long> claimDueRows(String dueRows, int limit) {
        List<Long> ids = entityManager.createNativeQuery(dueRows).setParameter("limit", limit).getResultList().stream()
                .map(id -> ((Number) id).longValue()).toList();
        if (!ids.isEmpty()) {
            entityManager.createNativeQuery("update " + table
                    + " set next_attempt_at = now() + make_interval(secs => :seconds) where id = any(:ids)")
                    .setParameter("seconds", seconds(config.mail().lease()))
                    .setParameter("ids", ids.toArray(Long[]::new))
                    .executeUpdate();
        }
        return ids;
    }

    /** More of step 3 after mails were sent, in the same transaction (nothing by default). */
    protected void afterSent(List<M> mails) {
    }

    /**
     * More of step 3 after the SMTP server refused a mail for good (a 5xx reply), in the same transaction (nothing
     * by default). Such a mail is given up at once: retrying cannot change the answer.
     */
    protected void afterPermanentFailure(M mail, String reason) {
    }

    private void markSent(List<M> mails) {
        int marked = entityManager.createNativeQuery(
                "update " + table + " set sent_at = now() where id = any(:ids) and sent_at is null")
                .setParameter("ids", mails.stream().map(Claimed::rowId).toArray(Long[]::new))
                .executeUpdate();
        afterSent(mails);
        // Rows marked now: a late answer for a mail marked sent already does not count twice.
        sentMails.increment(marked);
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
    private void recordFailure(M mail, Throwable e, Duration minDelay) {
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
            failedMails.increment();
            LOG.errorf("giving up %s mail %d after %d attempts: %s", kind, mail.rowId(), attempts, e.toString());
        } else {
            LOG.warnf("%s mail %d failed (attempt %d), retry after %s: %s", kind, mail.rowId(), attempts, backoff,
                    e.toString());
        }
    }

    /**
     * Counts the mails neither sent nor given up for the gauge (a partial index holds exactly those rows); while the
     * database is away the last count stays, so a scrape never waits for it.
     */
    void countPending() {
        try {
            pending = QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                    "select count(*) from " + table + " where sent_at is null and failed_at is null")
                    .getSingleResult()).doubleValue());
        } catch (RuntimeException e) {
            LOG.debugf("%s mails pending not counted, keeping the last count: %s", kind, e.toString());
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

    /**
     * Fails the start when a send could outlast its lease (the mail would then go out twice), or could wait for an
     * SMTP connection (and so time out before it started).
     */
    protected void checkConfig() {
        if (config.mail().sendTimeout().compareTo(config.mail().lease()) >= 0) {
            throw new IllegalStateException("paperdigest.mail.send-timeout (" + config.mail().sendTimeout()
                    + ") must be shorter than paperdigest.mail.lease (" + config.mail().lease() + ")");
        }
        int inFlight = (config.mail().senders() + 1) * config.mail().batchSize();
        int pool = ConfigProvider.getConfig().getOptionalValue("quarkus.mailer.max-pool-size", Integer.class)
                .orElse(10);
        if (inFlight > pool) {
            throw new IllegalStateException("(paperdigest.mail.senders + 1) x paperdigest.mail.batch-size = " + inFlight
                    + " mails in flight need as many SMTP connections, but quarkus.mailer.max-pool-size is " + pool);
        }
    }

    /**
     * Call on ShutdownEvent, while the datasource and the mailer are still up (a @PreDestroy may run after them): no
     * new round starts, the mail in hand is finished and settled if that takes less than STOP_WAIT.
     */
    protected void stop() {
        senders.forEach(BackgroundWorker::halt);
        senders.forEach(sender -> sender.stop(STOP_WAIT));
    }
}
