package dev.paperdigest.notify.digest;

import dev.paperdigest.notify.NotifyConfig;
import dev.paperdigest.notify.mail.QueuedMailer;
import dev.paperdigest.notify.mail.SubscriberLinks;
import dev.paperdigest.notify.paper.Paper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MailTemplate;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Singleton;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Sends the assembled digests with the steps and guarantees of {@link QueuedMailer}: each digest once, except one
 * whose SMTP hand-off was in flight when its instance died (then it goes out again after the lease, with the same
 * Message-ID, and that is logged). A permanent refusal (5xx) fails that digest alone; after
 * {@code hard-failures-before-suppression} of them in a row the subscriber is suppressed, with the reason shown to
 * operators and on the manage page.
 */
@Singleton
public class DigestMailer extends QueuedMailer<DigestMailer.ClaimedDigest> {

    private static final Logger LOG = Logger.getLogger(DigestMailer.class);

    private final SubscriberLinks links;
    private final DigestComposer composer;

    public DigestMailer(EntityManager entityManager, NotifyConfig config, MeterRegistry meters, SubscriberLinks links,
            DigestComposer composer) {
        super(entityManager, config, meters, "digest", "digest");
        this.links = links;
        this.composer = composer;
    }

    /** A digest claimed in step 1, rendered and ready to send. */
    public record ClaimedDigest(long rowId, int failedAttempts, long subscriberId, String to,
            MailTemplate.MailTemplateInstance mail) implements Claimed {
    }

    void onStart(@Observes StartupEvent event) {
        checkConfig();
    }

    @Scheduled(every = "${paperdigest.mail.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        wake();
    }

    void onAssembled(@Observes(during = TransactionPhase.AFTER_SUCCESS) DigestScheduler.DigestsAssembled event) {
        wake();
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    @Override
    protected Optional<ClaimedDigest> claim() {
        return claimDueRow("""
                select d.id from digest d join subscriber s on s.id = d.subscriber_id
                where d.sent_at is null and d.failed_at is null and d.next_attempt_at <= now()
                  and s.status = 'ACTIVE' and s.suppressed_at is null
                order by d.next_attempt_at, d.id
                limit 1
                for update of d skip locked
                """).map(this::load);
    }

    private ClaimedDigest load(long id) {
        Object[] row = (Object[]) entityManager.createNativeQuery("""
                select s.id, s.email, d.paper_ids, d.attempts, d.claims from digest d join subscriber s on s.id = d.subscriber_id
                where d.id = :id
                """).setParameter("id", id).getSingleResult();
        long subscriberId = ((Number) row[0]).longValue();
        String email = (String) row[1];
        List<String> paperIds = Arrays.stream((Object[]) row[2]).map(String.class::cast).toList();
        int attempts = ((Number) row[3]).intValue();
        int claims = ((Number) row[4]).intValue();
        entityManager.createNativeQuery("update digest set claims = claims + 1 where id = :id").setParameter("id", id)
                .executeUpdate();
        if (claims > attempts) {
            LOG.warnf("digest %d was claimed before and neither sent nor failed: its send may have been in flight when"
                    + " an instance stopped; sending it again with the same Message-ID", id);
        }

        List<DigestComposer.Topic> topics = new ArrayList<>();
        for (Object topic : entityManager.createNativeQuery(
                "select query, query_id from topic where subscriber_id = :s and query_id is not null order by id")
                .setParameter("s", subscriberId).getResultList()) {
            Object[] c = (Object[]) topic;
            topics.add(new DigestComposer.Topic((String) c[0], ((Number) c[1]).longValue()));
        }
        Map<String, Set<Long>> queriesOf = new HashMap<>();
        for (Object matched : entityManager.createNativeQuery(
                "select paper_id, query_ids from paper_queries where paper_id = any(:ids)")
                .setParameter("ids", paperIds.toArray(String[]::new)).getResultList()) {
            Object[] c = (Object[]) matched;
            Set<Long> ids = new HashSet<>();
            for (Object queryId : (Object[]) c[1]) {
                ids.add(((Number) queryId).longValue());
            }
            queriesOf.put((String) c[0], ids);
        }
        Map<String, Paper> papers = new HashMap<>();
        entityManager.createQuery("from Paper where id in :ids", Paper.class).setParameter("ids", paperIds)
                .getResultStream().forEach(paper -> papers.put(paper.id, paper));
        List<DigestComposer.MatchedPaper> matched = paperIds.stream().filter(papers::containsKey)
                .map(paperId -> new DigestComposer.MatchedPaper(papers.get(paperId),
                        queriesOf.getOrDefault(paperId, allQueries(topics))))
                .toList();

        SubscriberLinks.Links mailLinks = links.mint(subscriberId);
        DigestMail content = composer.compose(topics, matched, config.digest().maxPapers(), mailLinks);
        Mail headers = mailLinks.withUnsubscribeHeaders(config.mail().unsubscribeMailto())
                .addHeader("List-Id", config.mail().listId())
                .addHeader("Message-ID", messageId(id));
        return new ClaimedDigest(id, attempts, subscriberId, email,
                DigestMails.digest(content).mail(headers).to(email).subject(content.subject()));
    }

    /**
     * Papers carried forward from the per-paper mails have no stored queries: every topic of the subscriber is
     * tried on them (the explainer then finds which ones match).
     */
    private static Set<Long> allQueries(List<DigestComposer.Topic> topics) {
        Set<Long> all = new HashSet<>();
        topics.forEach(topic -> all.add(topic.queryId()));
        return all;
    }

    /** The same for every send of one digest, so a resend after a crash is recognisably the same mail. */
    String messageId(long digestId) {
        String host = URI.create(links.publicUrl()).getHost();
        return "<digest-" + digestId + "@" + (host == null ? "paperdigest.local" : host) + ">";
    }

    @Override
    protected Uni<Void> send(ClaimedDigest digest) {
        return digest.mail().send();
    }

    @Override
    protected void afterSent(ClaimedDigest digest) {
        entityManager.createNativeQuery("""
                update subscriber set last_digest_at = now(), hard_failures = 0 where id = :id
                """).setParameter("id", digest.subscriberId()).executeUpdate();
    }

    @Override
    protected void afterPermanentFailure(ClaimedDigest digest, String reason) {
        int suppressed = entityManager.createNativeQuery("""
                update subscriber
                set hard_failures = hard_failures + 1,
                    suppressed_at = case when hard_failures + 1 >= :limit then now() end,
                    suppressed_reason = case when hard_failures + 1 >= :limit then :reason end
                where id = :id and suppressed_at is null
                returning suppressed_at
                """)
                .setParameter("limit", config.digest().hardFailuresBeforeSuppression())
                .setParameter("reason", "the mail server refused mail to this address for good: " + reason)
                .setParameter("id", digest.subscriberId())
                .getResultList().stream().filter(java.util.Objects::nonNull).mapToInt(at -> 1).sum();
        if (suppressed > 0) {
            LOG.warnf("subscriber %d suppressed after %d permanent refusals: %s", digest.subscriberId(),
                    config.digest().hardFailuresBeforeSuppression(), reason);
        }
    }
}
