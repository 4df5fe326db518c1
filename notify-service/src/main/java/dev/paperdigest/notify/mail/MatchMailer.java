package dev.paperdigest.notify.mail;

import dev.paperdigest.notify.NotifyConfig;
import dev.paperdigest.notify.matching.MatchesRecorded;
import dev.paperdigest.notify.paper.Paper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.persistence.EntityManager;

import java.util.List;
import java.util.Optional;

/**
 * Sends one mail per unsent match of an ACTIVE subscriber, right away (digests come later), with the steps and
 * guarantees of {@link QueuedMailer}. Every mail carries fresh manage and unsubscribe links and the one-click
 * List-Unsubscribe headers. Runs every poll interval and as soon as a consumer transaction that recorded matches
 * commits.
 */
@Singleton
public class MatchMailer extends QueuedMailer<MatchMailer.ClaimedMail> {

    private final SubscriberLinks links;

    public MatchMailer(EntityManager entityManager, NotifyConfig config, MeterRegistry meters, SubscriberLinks links) {
        super(entityManager, config, meters, "paper_match", "paper");
        this.links = links;
    }

    /** A mail claimed in step 1. */
    public record ClaimedMail(long rowId, int failedAttempts, String to, String subject, NewPaperMail content,
            SubscriberLinks.Links links) implements Claimed {
    }

    void onStart(@Observes StartupEvent event) {
        checkConfig();
    }

    @Scheduled(every = "${paperdigest.mail.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        wake();
    }

    void onMatchesRecorded(@Observes(during = TransactionPhase.AFTER_SUCCESS) MatchesRecorded event) {
        wake();
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    @Override
    protected Optional<ClaimedMail> claim() {
        return claimDueRow("""
                select m.id from paper_match m join subscriber s on s.id = m.subscriber_id
                where m.sent_at is null and m.failed_at is null and m.next_attempt_at <= now() and s.status = 'ACTIVE'
                order by m.next_attempt_at, m.id
                limit 1
                for update of m skip locked
                """).map(this::load);
    }

    private ClaimedMail load(long id) {
        // Scalars and a root entity, never lazy associations: nothing here is read after the transaction.
        Object[] row = entityManager.createQuery("""
                select s.id, s.email, p, m.topics, m.attempts
                from PaperMatch m join m.subscriber s join m.paper p
                where m.id = :id
                """, Object[].class).setParameter("id", id).getSingleResult();
        Paper paper = (Paper) row[2];
        @SuppressWarnings("unchecked")
        List<String> topics = (List<String>) row[3];
        SubscriberLinks.Links mailLinks = links.mint((Long) row[0]);
        return new ClaimedMail(id, (Integer) row[4], (String) row[1], MailSubject.newPaper(paper.title),
                NewPaperMail.of(paper, topics, mailLinks), mailLinks);
    }

    @Override
    protected Uni<Void> send(ClaimedMail mail) {
        return PaperMails.newPaper(mail.content()).mail(mail.links().withUnsubscribeHeaders())
                .to(mail.to()).subject(mail.subject()).send();
    }
}
