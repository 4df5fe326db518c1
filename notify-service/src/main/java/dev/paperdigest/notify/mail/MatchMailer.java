package dev.paperdigest.notify.mail;

import dev.paperdigest.notify.NotifyConfig;
import dev.paperdigest.notify.matching.MatchesRecorded;
import dev.paperdigest.notify.matching.PaperMatch;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends one mail per unsent match, right away (digests come later).
 *
 * <p>It runs every poll interval and is woken as soon as a consumer transaction that recorded matches commits.
 * Each mail is one transaction: claim one unsent match with {@code FOR UPDATE SKIP LOCKED}, send, mark it sent,
 * commit. Other instances skip the locked row, so each match is mailed once; only a crash between the SMTP
 * hand-off and the commit can send a mail twice. A failed send is retried with growing back-off, then given up.
 * All sending happens on one thread per instance, so a slow SMTP server never holds up the Kafka consumer.
 */
@ApplicationScoped
public class MatchMailer {

    private static final Logger LOG = Logger.getLogger(MatchMailer.class);
    private static final Duration MAX_BACKOFF = Duration.ofHours(1);

    private final EntityManager entityManager;
    private final NotifyConfig config;
    private final MeterRegistry meters;
    private ExecutorService sender;
    private final AtomicBoolean drainQueued = new AtomicBoolean();
    private volatile boolean stopped;

    public MatchMailer(EntityManager entityManager, NotifyConfig config, MeterRegistry meters) {
        this.entityManager = entityManager;
        this.config = config;
        this.meters = meters;
    }

    @PostConstruct
    void start() {
        sender = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "match-mailer");
            thread.setDaemon(true);
            return thread;
        });
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
                // one mail per transaction
            }
        } catch (RuntimeException e) {
            LOG.warnf("sending mails stopped until the next poll: %s", e.toString());
        }
    }

    /** @return false when no unsent match was due */
    boolean sendNext() {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<?> ids = entityManager.createNativeQuery("""
                    select id from paper_match
                    where sent_at is null and failed_at is null and next_attempt_at <= now()
                    order by id
                    limit 1
                    for update skip locked
                    """).getResultList();
            if (ids.isEmpty()) {
                return false;
            }
            PaperMatch match = entityManager.find(PaperMatch.class, ((Number) ids.get(0)).longValue());
            try {
                PaperMails.newPaper(NewPaperMail.of(match.paper, match.topics, config.publicUrl()))
                        .to(match.subscriber.email)
                        .subject(MailSubject.newPaper(match.paper.title))
                        .sendAndAwait();
                match.sentAt = Instant.now();
                meters.counter("paperdigest.mails.sent").increment();
            } catch (RuntimeException e) {
                recordFailure(match, e);
            }
            return true;
        });
    }

    private void recordFailure(PaperMatch match, RuntimeException e) {
        match.attempts++;
        match.lastError = truncate(e.toString(), 1000);
        if (match.attempts >= config.mail().maxAttempts()) {
            match.failedAt = Instant.now();
            meters.counter("paperdigest.mails.failed").increment();
            LOG.errorf("giving up mail of match %d after %d attempts: %s", match.id, match.attempts, e.toString());
        } else {
            Duration backoff = Duration.ofSeconds(1L << Math.min(match.attempts, 12));
            match.nextAttemptAt = Instant.now().plus(backoff.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff);
            LOG.warnf("mail of match %d failed (attempt %d), retry after %s: %s", match.id, match.attempts, backoff,
                    e.toString());
        }
    }

    private static String truncate(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }

    @PreDestroy
    void stop() {
        stopped = true;
        sender.shutdown();
        try {
            if (!sender.awaitTermination(10, TimeUnit.SECONDS)) {
                sender.shutdownNow();
            }
        } catch (InterruptedException e) {
            sender.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
