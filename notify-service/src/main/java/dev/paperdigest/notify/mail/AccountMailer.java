package dev.paperdigest.notify.mail;

import dev.paperdigest.notify.NotifyConfig;
import dev.paperdigest.notify.subscription.SubscriberTopics;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.mailer.MailTemplate;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.persistence.EntityManager;

import java.util.List;

/**
 * Sends the queued mails about subscriptions ({@code account_mail}): the confirmation of a PENDING address and the
 * "you are subscribed already" mail, with the steps and guarantees of {@link QueuedMailer}. The token a mail
 * carries is minted when it is claimed, so no token is ever stored in the clear, not even in the queue.
 */
@Singleton
public class AccountMailer extends QueuedMailer<AccountMailer.ClaimedMail> {

    static final String CONFIRM_SUBJECT = "Confirm your paper-digest subscription";
    static final String ALREADY_SUBSCRIBED_SUBJECT = "Your paper-digest subscription";

    private final SubscriberLinks links;
    private final SubscriberTopics topics;

    public AccountMailer(EntityManager entityManager, NotifyConfig config, MeterRegistry meters, SubscriberLinks links,
            SubscriberTopics topics) {
        super(entityManager, config, meters, "account_mail", "account", 1);
        this.links = links;
        this.topics = topics;
    }

    /** Fired when a transaction queued an account mail; observed after commit to wake the mailer. */
    public record Queued(long subscriberId) {
    }

    /** A mail claimed in step 1: one of the two templates, ready to send. */
    public record ClaimedMail(long rowId, int failedAttempts, String to,
            MailTemplate.MailTemplateInstance mail) implements Claimed {
    }

    @Scheduled(every = "${paperdigest.mail.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        wake();
    }

    void onQueued(@Observes(during = TransactionPhase.AFTER_SUCCESS) Queued event) {
        wake();
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    @Override
    protected List<ClaimedMail> claim(int limit) {
        // A mail that no longer fits its subscriber (confirmed, or unsubscribed, since it was queued) is dropped.
        entityManager.createNativeQuery("""
                delete from account_mail m using subscriber s
                where m.subscriber_id = s.id and m.sent_at is null and m.failed_at is null
                  and ((m.kind = 'CONFIRM' and s.status = 'ACTIVE')
                       or (m.kind = 'ALREADY_SUBSCRIBED' and s.status <> 'ACTIVE'))
                """).executeUpdate();
        return claimDueRows("""
                select id from account_mail
                where sent_at is null and failed_at is null and next_attempt_at <= now()
                order by next_attempt_at, id
                limit :limit
                for update skip locked
                """, limit).stream().map(this::load).toList();
    }

    private ClaimedMail load(long id) {
        Object[] row = (Object[]) entityManager.createNativeQuery("""
                select s.id, s.email, m.kind, m.attempts from account_mail m join subscriber s on s.id = m.subscriber_id
                where m.id = :id
                """).setParameter("id", id).getSingleResult();
        long subscriberId = ((Number) row[0]).longValue();
        String to = (String) row[1];
        int attempts = ((Number) row[3]).intValue();
        var subscriberTopics = topics.texts(subscriberId);
        MailTemplate.MailTemplateInstance mail = switch (AccountMailKind.valueOf((String) row[2])) {
            case CONFIRM -> AccountMails.confirm(new AccountMails.ConfirmMail(subscriberTopics,
                            links.confirm(subscriberId), links.publicUrl() + "/",
                            config.subscription().pendingExpiry().toDays()))
                    .subject(CONFIRM_SUBJECT);
            case ALREADY_SUBSCRIBED -> {
                SubscriberLinks.Links mailLinks = links.mint(subscriberId);
                yield AccountMails.alreadySubscribed(new AccountMails.AlreadySubscribedMail(subscriberTopics, mailLinks))
                        .mail(mailLinks.withUnsubscribeHeaders(config.mail().unsubscribeMailto()))
                        .subject(ALREADY_SUBSCRIBED_SUBJECT);
            }
        };
        return new ClaimedMail(id, attempts, to, mail.to(to));
    }

    @Override
    protected Uni<Void> send(ClaimedMail mail) {
        return mail.mail().send();
    }
}
