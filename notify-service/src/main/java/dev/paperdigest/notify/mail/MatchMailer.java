package dev.paperdigest.notify.mail;

import dev.paperdigest.notify.NotifyConfig;
import dev.paperdigest.notify.OneLineText;
import dev.paperdigest.notify.matching.MatchesRecorded;
import dev.paperdigest.notify.paper.Paper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends one mail per unsent match, right away (digests come later).
 *
 * <p>It runs every poll interval and is woken as soon as a consumer transaction that recorded matches commits.
 * Each mail takes three steps, and the SMTP hand-off is in no transaction:
 * <ol>
 * <li>a short transaction claims one due match with {@code FOR UPDATE SKIP LOCKED}, leases it (moves its
 * {@code next_attempt_at} a lease ahead, so other drains and instances skip it after the commit too) and loads
 * what the mail needs;</li>
 * <li>the mail is sent, waiting at most {@code paperdigest.mail.send-timeout} (shorter than the lease);</li>
 * <li>a second short transaction marks it sent, or records the failure with a growing back-off, or gives it up
 * after {@code paperdigest.mail.max-attempts}.</li>
 * </ol>
 * So each match is mailed once, except when an instance dies (or loses its database) between the SMTP hand-off
 * and step 3: then the lease runs out and the mail goes out once more. A send that times out counts as failed
 * although the server may still deliver it. All sending happens on one thread per instance, so a slow SMTP server
 * never holds up the Kafka consumer.
 */
@ApplicationScoped
public class MatchMailer {

    private static final Logger LOG = Logger.getLogger(MatchMailer.class);
    private static final Duration MAX_BACKOFF = Duration.ofHours(1);
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private final EntityManager entityManager;
    private final NotifyConfig config;
    private final MeterRegistry meters;
    private final ExecutorService sender = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "match-mailer");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean drainQueued = new AtomicBoolean();
    private volatile boolean stopped;

    public MatchMailer(EntityManager entityManager, NotifyConfig config, MeterRegistry meters) {
        this.entityManager = entityManager;
        this.config = config;
        this.meters = meters;
    }

    /** A mail claimed in step 1: everything step 2 and 3 need, detached from any transaction. */
    record ClaimedMail(long matchId, int failedAttempts, String to, String subject, NewPaperMail content) {
    }

    void checkConfig(@Observes StartupEvent event) {
        if (config.mail().sendTimeout().compareTo(config.mail().lease()) >= 0) {
            throw new IllegalStateException("paperdigest.mail.send-timeout (" + config.mail().sendTimeout()
                    + ") must be shorter than paperdigest.mail.lease (" + config.mail().lease() + ")");
        }
    }

    @Scheduled(every = "${paperdigest.mail.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        wake();
    }

    void onMatchesRecorded(@Observes(during = TransactionPhase.AFTER_SUCCESS) MatchesRecorded event) {
        wake();
    }

    /** Queues a run that sends every due mail, unless one is queued already. */
    public void wake() {
        if (stopped || !drainQueued.compareAndSet(false, true)) {
            return;
        }
        try {
            sender.execute(() -> {
                // Cleared before draining: a wake-up during the run queues one more run, which sees later commits.
                drainQueued.set(false);
                drain();
            });
        } catch (RejectedExecutionException e) {
            drainQueued.set(false); // shutting down
        }
    }

    private void drain() {
        try {
            while (!stopped && sendNext()) {
                // one mail per round
            }
        } catch (RuntimeException e) {
            LOG.warnf("sending mails stopped until the next poll: %s", e.toString());
        }
    }

    /** Claims, sends and settles one due mail. @return false when no unsent match was due */
    boolean sendNext() {
        Optional<ClaimedMail> claimed = QuarkusTransaction.requiringNew().call(this::claimNext);
        if (claimed.isEmpty()) {
            return false;
        }
        ClaimedMail mail = claimed.get();
        try {
            PaperMails.newPaper(mail.content()).to(mail.to()).subject(mail.subject())
                    .send().await().atMost(config.mail().sendTimeout());
        } catch (RuntimeException e) {
            QuarkusTransaction.requiringNew().run(() -> recordFailure(mail, e));
            return true;
        }
        QuarkusTransaction.requiringNew().run(() -> markSent(mail));
        return true;
    }

    /** Step 1; call in a transaction. */
    Optional<ClaimedMail> claimNext() {
        List<?> ids = entityManager.createNativeQuery("""
                select id from paper_match
                where sent_at is null and failed_at is null and next_attempt_at <= now()
                order by id
                limit 1
                for update skip locked
                """).getResultList();
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        long id = ((Number) ids.get(0)).longValue();
        entityManager.createNativeQuery(
                "update paper_match set next_attempt_at = now() + make_interval(secs => :seconds) where id = :id")
                .setParameter("seconds", seconds(config.mail().lease()))
                .setParameter("id", id)
                .executeUpdate();
        // Scalars and a root entity, never lazy associations: nothing here is read after the transaction.
        Object[] row = entityManager.createQuery("""
                select s.email, p, m.topics, m.attempts
                from PaperMatch m join m.subscriber s join m.paper p
                where m.id = :id
                """, Object[].class).setParameter("id", id).getSingleResult();
        Paper paper = (Paper) row[1];
        @SuppressWarnings("unchecked")
        List<String> topics = (List<String>) row[2];
        return Optional.of(new ClaimedMail(id, (Integer) row[3], (String) row[0], MailSubject.newPaper(paper.title),
                NewPaperMail.of(paper, topics, config.publicUrl())));
    }

    private void markSent(ClaimedMail mail) {
        entityManager.createNativeQuery("update paper_match set sent_at = now() where id = :id and sent_at is null")
                .setParameter("id", mail.matchId())
                .executeUpdate();
        meters.counter("paperdigest.mails.sent").increment();
    }

    private void recordFailure(ClaimedMail mail, RuntimeException e) {
        int attempts = mail.failedAttempts() + 1;
        boolean giveUp = attempts >= config.mail().maxAttempts();
        Duration backoff = backoff(attempts);
        entityManager.createNativeQuery("""
                update paper_match
                set attempts = :attempts, last_error = :error,
                    failed_at = case when :giveUp then now() end,
                    next_attempt_at = now() + make_interval(secs => :seconds)
                where id = :id and sent_at is null
                """)
                .setParameter("attempts", attempts)
                .setParameter("error", OneLineText.of(e.toString(), 1000))
                .setParameter("giveUp", giveUp)
                .setParameter("seconds", seconds(backoff))
                .setParameter("id", mail.matchId())
                .executeUpdate();
        if (giveUp) {
            meters.counter("paperdigest.mails.failed").increment();
            LOG.errorf("giving up mail of match %d after %d attempts: %s", mail.matchId(), attempts, e.toString());
        } else {
            LOG.warnf("mail of match %d failed (attempt %d), retry after %s: %s", mail.matchId(), attempts, backoff,
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

    /**
     * Stops on ShutdownEvent, while the datasource and the mailer are still up (a @PreDestroy may run after
     * them): no new round starts, the mail in hand is finished and settled if that takes less than STOP_WAIT.
     */
    void stop(@Observes ShutdownEvent event) {
        stopped = true;
        sender.shutdown();
        try {
            if (!sender.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                sender.shutdownNow();
            }
        } catch (InterruptedException e) {
            sender.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
