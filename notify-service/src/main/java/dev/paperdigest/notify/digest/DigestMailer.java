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
        super(entityManager, config, meters, "digest", "digest", config.mail().senders());
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
    protected List<ClaimedDigest> claim(int limit) {
        List<Long> ids = claimDueRows("""
                select d.id from digest d join subscriber s on s.id = d.subscriber_id
                where d.sent_at is null and d.failed_at is null and d.next_attempt_at <= now()
                  and s.status = 'ACTIVE' and s.suppressed_at is null
                order by d.next_attempt_at, d.id
                limit :limit
                for update of d skip locked
                """, limit);
        return ids.isEmpty() ? List.of() : load(ids);
    }

    /**
     * A claimed digest's row.
     *
     * @param queriesOf the subscriber's queries each paper matched, as assembled; null for a digest assembled
     *                  before that was stored (then paper_queries says)
     */
    private record Row(long id, long subscriberId, String email, List<String> paperIds, int attempts,
            Map<String, Set<Long>> queriesOf) {
    }

    /** Loads and renders the claimed digests, with one statement per table for the whole batch. */
    private List<ClaimedDigest> load(List<Long> ids) {
        List<Row> rows = new ArrayList<>();
        for (Object result : entityManager.createNativeQuery("""
                update digest d set claims = d.claims + 1 from subscriber s
                where d.id = any(:ids) and s.id = d.subscriber_id
                returning d.id, s.id, s.email, d.paper_ids, d.attempts, d.claims - 1, d.query_ids, d.paper_query_bits
                """).setParameter("ids", ids.toArray(Long[]::new)).getResultList()) {
            Object[] c = (Object[]) result;
            List<String> paperIds = Arrays.stream((Object[]) c[3]).map(String.class::cast).toList();
            Row row = new Row(((Number) c[0]).longValue(), ((Number) c[1]).longValue(), (String) c[2], paperIds,
                    ((Number) c[4]).intValue(), matchedQueries(paperIds, c[6], c[7]));
            if (((Number) c[5]).intValue() > row.attempts()) {
                LOG.warnf("digest %d was claimed before and neither sent nor failed: its send may have been in"
                        + " flight when an instance stopped; sending it again with the same Message-ID", row.id());
            }
            rows.add(row);
        }
        List<Long> subscriberIds = rows.stream().map(Row::subscriberId).distinct().toList();
        Map<Long, List<DigestComposer.Topic>> topics = topicsOf(subscriberIds);
        String[] paperIds = rows.stream().flatMap(row -> row.paperIds().stream()).distinct().toArray(String[]::new);
        Map<String, Set<Long>> storedQueries = queriesOf(rows.stream().filter(row -> row.queriesOf() == null)
                .flatMap(row -> row.paperIds().stream()).distinct().toArray(String[]::new));
        Map<String, Paper> papers = new HashMap<>();
        entityManager.createQuery("from Paper where id in :ids", Paper.class).setParameter("ids", List.of(paperIds))
                .getResultStream().forEach(paper -> papers.put(paper.id, paper));
        Map<Long, SubscriberLinks.Links> mailLinks = links.mintAll(subscriberIds);

        DigestComposer.Batch composing = composer.batch();
        List<ClaimedDigest> claimed = new ArrayList<>();
        for (Row row : rows) {
            List<DigestComposer.Topic> its = topics.getOrDefault(row.subscriberId(), List.of());
            Map<String, Set<Long>> queriesOf = row.queriesOf() != null ? row.queriesOf() : storedQueries;
            List<DigestComposer.MatchedPaper> matched = row.paperIds().stream().filter(papers::containsKey)
                    .map(paperId -> new DigestComposer.MatchedPaper(papers.get(paperId),
                            queriesOf.getOrDefault(paperId, allQueries(its))))
                    .toList();
            SubscriberLinks.Links links = mailLinks.get(row.subscriberId());
            DigestMail content = composing.compose(its, matched, config.digest().maxPapers(), links);
            Mail headers = links.withUnsubscribeHeaders(config.mail().unsubscribeMailto())
                    .addHeader("List-Id", config.mail().listId())
                    .addHeader("Message-ID", messageId(row.id()));
            claimed.add(new ClaimedDigest(row.id(), row.attempts(), row.subscriberId(), row.email(),
                    DigestMails.digest(content).mail(headers).to(row.email()).subject(content.subject())));
        }
        return claimed;
    }

    /** The queries each paper matched, from a digest's query_ids and paper_query_bits (null when not stored). */
    private static Map<String, Set<Long>> matchedQueries(List<String> paperIds, Object queryIdsColumn,
            Object bitsColumn) {
        if (queryIdsColumn == null || bitsColumn == null) {
            return null;
        }
        long[] queryIds = DigestScheduler.longs(queryIdsColumn);
        long[] bits = DigestScheduler.longs(bitsColumn);
        Map<String, Set<Long>> matched = new HashMap<>();
        for (int i = 0; i < paperIds.size(); i++) {
            Set<Long> queries = new HashSet<>();
            for (int j = 0; j < queryIds.length; j++) {
                if ((bits[i] & (1L << j)) != 0) {
                    queries.add(queryIds[j]);
                }
            }
            matched.put(paperIds.get(i), queries);
        }
        return matched;
    }

    /** The topics of each subscriber, in the order they were added. */
    private Map<Long, List<DigestComposer.Topic>> topicsOf(List<Long> subscriberIds) {
        Map<Long, List<DigestComposer.Topic>> topics = new HashMap<>();
        for (Object topic : entityManager.createNativeQuery("""
                select subscriber_id, query, query_id from topic
                where subscriber_id = any(:ids) and query_id is not null order by id
                """).setParameter("ids", subscriberIds.toArray(Long[]::new)).getResultList()) {
            Object[] c = (Object[]) topic;
            topics.computeIfAbsent(((Number) c[0]).longValue(), id -> new ArrayList<>())
                    .add(new DigestComposer.Topic((String) c[1], ((Number) c[2]).longValue()));
        }
        return topics;
    }

    /** The distinct queries each paper matched, from paper_queries. */
    private Map<String, Set<Long>> queriesOf(String[] paperIds) {
        Map<String, Set<Long>> queriesOf = new HashMap<>();
        if (paperIds.length == 0) {
            return queriesOf;
        }
        for (Object matched : entityManager.createNativeQuery(
                "select paper_id, query_ids from paper_queries where paper_id = any(:ids)")
                .setParameter("ids", paperIds).getResultList()) {
            Object[] c = (Object[]) matched;
            Set<Long> ids = new HashSet<>();
            for (Object queryId : (Object[]) c[1]) {
                ids.add(((Number) queryId).longValue());
            }
            queriesOf.put((String) c[0], ids);
        }
        return queriesOf;
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
    protected void afterSent(List<ClaimedDigest> digests) {
        entityManager.createNativeQuery("""
                update subscriber set last_digest_at = now(), hard_failures = 0 where id = any(:ids)
                """).setParameter("ids", digests.stream().map(ClaimedDigest::subscriberId).toArray(Long[]::new))
                .executeUpdate();
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
