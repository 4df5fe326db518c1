package dev.paperdigest.notify.subscription;

import dev.paperdigest.notify.DatabaseTime;
import dev.paperdigest.notify.NotifyConfig;
import dev.paperdigest.notify.mail.AccountMailKind;
import dev.paperdigest.notify.mail.AccountMailer;
import dev.paperdigest.notify.matching.MatcherChanges;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The subscription lifecycle: PENDING (signed up, address not confirmed) → ACTIVE (confirmed: matched and mailed)
 * → UNSUBSCRIBED (and back). Nothing but the confirmation mail goes to a PENDING address. Every change that can
 * add or remove a query from the matchers is noted for them ({@link MatcherChanges}).
 */
@ApplicationScoped
public class SubscriptionService {

    private static final Logger LOG = Logger.getLogger(SubscriptionService.class);

    private final EntityManager entityManager;
    private final SubscriberTopics topics;
    private final AccessTokens tokens;
    private final MatcherChanges matcherChanges;
    private final NotifyConfig config;
    private final Event<AccountMailer.Queued> mailQueued;
    private final Clock clock;

    public SubscriptionService(EntityManager entityManager, SubscriberTopics topics, AccessTokens tokens,
            MatcherChanges matcherChanges, NotifyConfig config, Event<AccountMailer.Queued> mailQueued, Clock clock) {
        this.entityManager = entityManager;
        this.topics = topics;
        this.tokens = tokens;
        this.matcherChanges = matcherChanges;
        this.config = config;
        this.mailQueued = mailQueued;
        this.clock = clock;
    }

    /**
     * What confirming a token did.
     *
     * @param manageToken a fresh manage token when this confirmation activated the subscription; null when it was
     *                    active already
     */
    public record Confirmation(SubscriberStatus status, String manageToken) {

        public boolean confirmedBefore() {
            return manageToken == null;
        }
    }

    /**
     * Signs an address up. The caller answers the same whatever happens here, so nobody learns whether the address
     * was known:
     * <ul>
     * <li>unknown address: a PENDING subscriber with these topics and schedule, and a confirmation mail;</li>
     * <li>PENDING: topics and schedule replaced, and the confirmation mail again;</li>
     * <li>UNSUBSCRIBED: nothing changes; a confirmation mail whose link brings the subscription back;</li>
     * <li>ACTIVE: nothing changes (nobody may change a subscription without its manage link); the owner gets a
     * mail with that link instead.</li>
     * </ul>
     * At most one such mail per address per {@code signup-mail-interval}.
     */
    @Transactional
    public void subscribe(SubscriptionRequest request) {
        String email = normalizedEmail(request.email());
        Schedule schedule = request.schedule();
        // An upsert first, so two sign-ups of one address at the same moment both succeed; then the row is locked.
        List<?> inserted = entityManager.createNativeQuery("""
                insert into subscriber (email, status, frequency, timezone, send_hour, weekday)
                values (:email, 'PENDING', :frequency, :timezone, :sendHour, :weekday)
                on conflict ((lower(email))) do nothing
                returning id
                """)
                .setParameter("email", email)
                .setParameter("frequency", schedule.frequency().name())
                .setParameter("timezone", schedule.timezone())
                .setParameter("sendHour", schedule.sendHour())
                .setParameter("weekday", schedule.weekday().name())
                .getResultList();
        if (!inserted.isEmpty()) {
            long id = ((Number) inserted.get(0)).longValue();
            topics.replace(id, request.topics());
            queueSignupMail(id, AccountMailKind.CONFIRM);
            return;
        }
        Subscriber subscriber = entityManager.createQuery("from Subscriber where lower(email) = lower(:email)",
                Subscriber.class).setParameter("email", email)
                .setLockMode(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE).getSingleResult();
        switch (subscriber.status) {
            case ACTIVE -> queueSignupMail(subscriber.id, AccountMailKind.ALREADY_SUBSCRIBED);
            case PENDING -> {
                // Never confirmed: the latest sign-up's topics and schedule are the ones to confirm.
                setSchedule(subscriber.id, schedule); // also restarts the expiry clock (updated_at)
                topics.replace(subscriber.id, request.topics());
                queueSignupMail(subscriber.id, AccountMailKind.CONFIRM);
            }
            // Confirmed once, then unsubscribed: nothing changes without the owner; confirming the mail brings the
            // subscription back as it was (its topics can be edited afterwards).
            case UNSUBSCRIBED -> queueSignupMail(subscriber.id, AccountMailKind.CONFIRM);
        }
    }

    /**
     * Confirms the address of a confirm token: PENDING becomes ACTIVE; an ACTIVE one stays as it is (confirming
     * twice is harmless). The answer carries a fresh manage token, for the confirmation page's link.
     */
    @Transactional
    public Optional<Confirmation> confirm(String token) {
        OptionalLong id = tokens.find(token, TokenPurpose.CONFIRM);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        Subscriber subscriber = lock(id.getAsLong());
        if (subscriber.status == SubscriberStatus.ACTIVE) {
            // Confirmed before: harmless, and no manage token (a confirmation link is no key to the subscription).
            return Optional.of(new Confirmation(SubscriberStatus.ACTIVE, null));
        }
        entityManager.createNativeQuery("""
                update subscriber
                set status = 'ACTIVE', confirmed_at = coalesce(confirmed_at, now()), unsubscribed_at = null,
                    updated_at = now()
                where id = :id
                """).setParameter("id", subscriber.id).executeUpdate();
        startDigests(subscriber.id, Schedule.of(subscriber));
        matcherChanges.touched(topics.queryIds(subscriber.id));
        LOG.infof("subscriber %d confirmed", subscriber.id);
        return Optional.of(new Confirmation(SubscriberStatus.ACTIVE, tokens.mint(subscriber.id, TokenPurpose.MANAGE)));
    }

    /**
     * One-click unsubscribe: the subscriber of an unsubscribe token gets nothing more (matches not yet mailed are
     * dropped, confirm tokens revoked); topics and schedule stay for {@link #resubscribe}.
     *
     * @return false for an unknown token
     */
    @Transactional
    public boolean unsubscribe(String token) {
        OptionalLong id = tokens.find(token, TokenPurpose.UNSUBSCRIBE);
        id.ifPresent(this::unsubscribe);
        return id.isPresent();
    }

    /** Unsubscribes the subscriber (from the one-click link or the manage page); unsubscribed already: no change. */
    @Transactional
    public void unsubscribe(long subscriberId) {
        Subscriber subscriber = lock(subscriberId);
        if (subscriber.status != SubscriberStatus.UNSUBSCRIBED) {
            entityManager.createNativeQuery("""
                    update subscriber set status = 'UNSUBSCRIBED', unsubscribed_at = now(), updated_at = now()
                    where id = :id
                    """).setParameter("id", subscriber.id).executeUpdate();
            entityManager.createNativeQuery("delete from digest where subscriber_id = :id and sent_at is null")
                    .setParameter("id", subscriber.id).executeUpdate();
            tokens.revoke(subscriber.id, TokenPurpose.CONFIRM);
            matcherChanges.touched(topics.queryIds(subscriber.id));
            LOG.infof("subscriber %d unsubscribed", subscriber.id);
        }
    }

    /**
     * The way back from the unsubscribe page: the same token makes an unsubscribed subscriber ACTIVE again, with
     * the topics and schedule it had (the address was confirmed before).
     *
     * @return false for an unknown token, or a subscriber that never confirmed
     */
    @Transactional
    public boolean resubscribe(String token) {
        OptionalLong id = tokens.find(token, TokenPurpose.UNSUBSCRIBE);
        return id.isPresent() && resubscribe(id.getAsLong());
    }

    /**
     * Makes an unsubscribed subscriber ACTIVE again (the manage page's way back).
     *
     * @return false for a subscriber that never confirmed its address
     */
    @Transactional
    public boolean resubscribe(long subscriberId) {
        Subscriber subscriber = lock(subscriberId);
        if (subscriber.status == SubscriberStatus.UNSUBSCRIBED && subscriber.confirmedAt != null) {
            entityManager.createNativeQuery("""
                    update subscriber set status = 'ACTIVE', unsubscribed_at = null, updated_at = now() where id = :id
                    """).setParameter("id", subscriber.id).executeUpdate();
            startDigests(subscriber.id, Schedule.of(subscriber));
            matcherChanges.touched(topics.queryIds(subscriber.id));
            LOG.infof("subscriber %d subscribed again", subscriber.id);
            return true;
        }
        return subscriber.status == SubscriberStatus.ACTIVE;
    }

    /** The subscription as its owner sees it. */
    @Transactional
    public SubscriptionView view(long subscriberId) {
        Subscriber subscriber = entityManager.find(Subscriber.class, subscriberId);
        if (subscriber == null) {
            throw gone();
        }
        long waiting = ((Number) entityManager.createNativeQuery("""
                select (select count(*) from paper_queries p
                        where p.txid >= s.digest_from_txid
                          and p.query_ids && array(select query_id from topic t
                                                   where t.subscriber_id = s.id and t.query_id is not null))
                     + (select coalesce(sum(cardinality(d.paper_ids)), 0) from digest d
                        where d.subscriber_id = s.id and d.sent_at is null and d.failed_at is null)
                from subscriber s where s.id = :id
                """).setParameter("id", subscriberId).getSingleResult()).longValue();
        Schedule schedule = Schedule.of(subscriber);
        Instant nextDue = subscriber.status != SubscriberStatus.ACTIVE ? null
                : schedule.frequency() == Frequency.INSTANT ? (waiting > 0 ? subscriber.nextDigestAt : null)
                : schedule.nextSendAfter(clock.instant()).orElse(null);
        return new SubscriptionView(subscriber.email, subscriber.status, topics.texts(subscriberId),
                schedule.frequency(), schedule.timezone(), schedule.sendHour(), schedule.weekday(),
                subscriber.confirmedAt, subscriber.lastDigestAt, nextDue, waiting, subscriber.suppressedReason);
    }

    /** Changes topics and/or schedule; members left null stay. */
    @Transactional
    public SubscriptionView update(long subscriberId, SubscriptionUpdate update) {
        Subscriber subscriber = lock(subscriberId);
        setSchedule(subscriberId, Schedule.of(subscriber).with(update.frequency(), update.timezone(),
                update.sendHour(), update.weekday()));
        if (update.topics() != null) {
            topics.replace(subscriberId, update.topics());
        }
        entityManager.flush();
        entityManager.clear();
        return view(subscriberId);
    }

    /** Deletes the subscriber with everything stored about it (topics, matches, tokens, queued mails). */
    @Transactional
    public void delete(long subscriberId) {
        lock(subscriberId);
        matcherChanges.touched(topics.queryIds(subscriberId));
        entityManager.createNativeQuery("delete from subscriber where id = :id").setParameter("id", subscriberId)
                .executeUpdate();
        LOG.infof("subscriber %d deleted on request", subscriberId);
    }

    /** Forgets PENDING subscribers whose address was not confirmed in time, and tokens that expired. */
    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void expire() {
        int pending = entityManager.createNativeQuery("""
                delete from subscriber
                where status = 'PENDING' and confirmed_at is null
                  and updated_at < now() - make_interval(secs => :seconds)
                """)
                .setParameter("seconds", (double) config.subscription().pendingExpiry().toSeconds())
                .executeUpdate();
        int expiredTokens = tokens.deleteExpired();
        if (pending > 0 || expiredTokens > 0) {
            LOG.infof("expired %d unconfirmed subscribers and %d tokens", pending, expiredTokens);
        }
    }

    /**
     * Digests of a subscriber that just became ACTIVE cover what matches from now on (nothing matched before is
     * mailed), the first one due by its schedule.
     */
    private void startDigests(long subscriberId, Schedule schedule) {
        entityManager.createNativeQuery("""
                update subscriber set digest_from_txid = pg_snapshot_xmin(pg_current_snapshot())::text::bigint
                where id = :id
                """).setParameter("id", subscriberId).executeUpdate();
        scheduleNextDigest(subscriberId, schedule);
    }

    /**
     * The next digest by the schedule: DAILY and WEEKLY at their next send time; INSTANT at once (gathering what
     * waits, if anything; later matches schedule their own). Matches waiting stay waiting, whatever the change.
     */
    private void scheduleNextDigest(long subscriberId, Schedule schedule) {
        Instant now = clock.instant();
        entityManager.createNativeQuery("update subscriber set next_digest_at = :next where id = :id")
                .setParameter("next", schedule.nextSendAfter(now).orElse(now).atOffset(java.time.ZoneOffset.UTC))
                .setParameter("id", subscriberId)
                .executeUpdate();
    }

    private void setSchedule(long subscriberId, Schedule schedule) {
        entityManager.createNativeQuery("""
                update subscriber set frequency = :frequency, timezone = :timezone, send_hour = :sendHour,
                       weekday = :weekday, updated_at = now()
                where id = :id
                """)
                .setParameter("frequency", schedule.frequency().name())
                .setParameter("timezone", schedule.timezone())
                .setParameter("sendHour", schedule.sendHour())
                .setParameter("weekday", schedule.weekday().name())
                .setParameter("id", subscriberId)
                .executeUpdate();
        scheduleNextDigest(subscriberId, schedule);
    }

    /** Queues a sign-up mail unless one was queued for this subscriber within the interval. */
    private void queueSignupMail(long subscriberId, AccountMailKind kind) {
        int due = entityManager.createNativeQuery("""
                update subscriber set signup_mail_at = now()
                where id = :id and (signup_mail_at is null or signup_mail_at <= now() - make_interval(secs => :seconds))
                """)
                .setParameter("id", subscriberId)
                .setParameter("seconds", (double) config.subscription().signupMailInterval().toSeconds())
                .executeUpdate();
        if (due == 1) {
            entityManager.createNativeQuery("insert into account_mail (subscriber_id, kind) values (:id, :kind)")
                    .setParameter("id", subscriberId)
                    .setParameter("kind", kind.name())
                    .executeUpdate();
            mailQueued.fire(new AccountMailer.Queued(subscriberId));
        }
    }

    /** The subscriber of a valid token was deleted meanwhile: answered like an unknown token. */
    private static NotFoundException gone() {
        return new NotFoundException("This subscription does not exist (any more).");
    }

    private Subscriber lock(long subscriberId) {
        Subscriber subscriber = entityManager.find(Subscriber.class, subscriberId,
                jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (subscriber == null) {
            throw gone();
        }
        return subscriber;
    }

    /** Addresses are stored with their domain in lower case (the local part is the mailbox owner's business). */
    static String normalizedEmail(String email) {
        String stripped = email.strip();
        int at = stripped.lastIndexOf('@');
        return stripped.substring(0, at) + stripped.substring(at).toLowerCase(Locale.ROOT);
    }
}
