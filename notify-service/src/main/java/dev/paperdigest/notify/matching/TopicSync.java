package dev.paperdigest.notify.matching;

import dev.paperdigest.notify.DatabaseTime;
import dev.paperdigest.notify.OneLineText;
import dev.paperdigest.notify.matching.query.InvalidTopicQueryException;
import dev.paperdigest.notify.matching.query.TopicQuery;
import dev.paperdigest.notify.matching.query.TopicQueryParser;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Keeps this instance's {@link Matcher} holding exactly the distinct queries of ACTIVE subscribers' topics, however
 * many instances write the tables.
 *
 * <p>At start-up it loads them all. Then, every second (and before each batch of papers is matched), it reads the
 * queries named in {@code matcher_change} since its last look, minus an overlap of {@link #OVERLAP} so that a
 * transaction that committed late is still seen, and registers or unregisters each one by whether an ACTIVE
 * subscriber's topic uses it now. Re-checking a query twice is harmless. Every {@code 10m} it reloads everything anyway (a safety net
 * for anything longer than the overlap) and forgets old change rows.
 */
@ApplicationScoped
public class TopicSync {

    private static final Logger LOG = Logger.getLogger(TopicSync.class);
    static final Duration OVERLAP = Duration.ofMinutes(1);
    private static final Duration CHANGE_RETENTION = Duration.ofHours(1);

    private final Matcher matcher;
    private final EntityManager entityManager;
    private final TopicQueryParser parser;
    private final TopicQueries topicQueries;
    private final Set<Long> registered = ConcurrentHashMap.newKeySet();
    /** One refresh or reload at a time. */
    private final ReentrantLock lock = new ReentrantLock();
    private Instant lookedAt = Instant.EPOCH;
    private volatile boolean loaded;
    private volatile boolean reloading;

    public TopicSync(Matcher matcher, EntityManager entityManager, TopicQueryParser parser, TopicQueries topicQueries) {
        this.matcher = matcher;
        this.entityManager = entityManager;
        this.parser = parser;
        this.topicQueries = topicQueries;
    }

    /** Before the Kafka consumer starts matching: every active query registered. */
    void onStart(@Observes @Priority(10) StartupEvent event) {
        QuarkusTransaction.requiringNew().run(this::normalizeLegacyTopics);
        QuarkusTransaction.requiringNew().run(this::reload);
    }

    @Scheduled(every = "${paperdigest.matcher.sync-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        QuarkusTransaction.requiringNew().run(this::refresh);
    }

    @Scheduled(every = "${paperdigest.matcher.reload-interval:10m}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void reloadAll() {
        QuarkusTransaction.requiringNew().run(() -> {
            reload();
            entityManager.createNativeQuery("delete from matcher_change where changed_at < now() - make_interval(secs => :s)")
                    .setParameter("s", (double) CHANGE_RETENTION.toSeconds()).executeUpdate();
        });
    }

    /**
     * Before matching: applies the changes noted since the last look, so a paper meets every topic confirmed before
     * it arrived. If the poll is at it, waits for it (milliseconds) and looks again. Only behind a full reload (half
     * a minute at a million topics) does it go on without waiting: the matcher stays complete meanwhile, and what the
     * reload missed is applied within a second after it. Call in a transaction.
     */
    public void refreshUnlessReloading() {
        while (!(reloading && loaded)) {
            try {
                if (lock.tryLock(50, TimeUnit.MILLISECONDS)) {
                    try {
                        refreshLocked();
                    } finally {
                        lock.unlock();
                    }
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Applies the changes noted since the last look; call in a transaction. */
    public void refresh() {
        lock.lock();
        try {
            refreshLocked();
        } finally {
            lock.unlock();
        }
    }

    private void refreshLocked() {
        if (!loaded) {
            reloadLocked(); // a paper consumed before the start-up load must not meet an empty matcher
            return;
        }
        Instant now = databaseNow();
        List<?> ids = entityManager.createNativeQuery(
                "select distinct query_id from matcher_change where changed_at > :since")
                .setParameter("since", lookedAt.minus(OVERLAP).atOffset(java.time.ZoneOffset.UTC))
                .getResultList();
        if (ids.isEmpty()) {
            lookedAt = now;
            return;
        }
        Long[] queryIds = ids.stream().map(id -> ((Number) id).longValue()).toArray(Long[]::new);
        Map<Long, String> active = activeQueries("q.id = any(:ids)", queryIds);
        Map<Long, TopicQuery> added = new HashMap<>();
        Set<Long> removed = new HashSet<>();
        for (Long id : queryIds) {
            String text = active.get(id);
            if (text != null && !registered.contains(id)) {
                parse(id, text).ifPresent(query -> added.put(id, query));
            } else if (text == null && registered.contains(id)) {
                removed.add(id);
            }
        }
        if (!added.isEmpty()) {
            matcher.register(added);
            registered.addAll(added.keySet());
        }
        if (!removed.isEmpty()) {
            matcher.unregister(removed);
            registered.removeAll(removed);
        }
        lookedAt = now; // only once the changes are applied: a failure above retries them at the next look
        if (!added.isEmpty() || !removed.isEmpty()) {
            LOG.debugf("matcher: %d queries added, %d removed, %d registered", added.size(), removed.size(),
                    registered.size());
        }
    }

    /** Registers every active query afresh, in one swap; call in a transaction. */
    void reload() {
        lock.lock();
        try {
            reloadLocked();
        } finally {
            lock.unlock();
        }
    }

    private void reloadLocked() {
        reloading = true;
        try {
            reloadAllQueries();
        } finally {
            reloading = false;
        }
    }

    private void reloadAllQueries() {
        Instant now = databaseNow();
        long started = System.nanoTime();
        Map<Long, String> active = activeQueries("true", null);
        Map<Long, TopicQuery> queries = new ConcurrentHashMap<>();
        active.entrySet().parallelStream().forEach(entry ->
                parse(entry.getKey(), entry.getValue()).ifPresent(query -> queries.put(entry.getKey(), query)));
        matcher.replaceAll(queries);
        registered.clear();
        registered.addAll(queries.keySet());
        lookedAt = now;
        loaded = true;
        LOG.infof("matcher loaded %d distinct queries in %d ms", queries.size(), (System.nanoTime() - started) / 1_000_000);
    }

    /** (id → text) of the distinct queries that a topic of an ACTIVE subscriber uses, among those selected. */
    private Map<Long, String> activeQueries(String condition, Long[] ids) {
        var query = entityManager.createNativeQuery("""
                select q.id, q.query from topic_query q
                where %s and exists (select 1 from topic t join subscriber s on s.id = t.subscriber_id
                                     where t.query_id = q.id and s.status = 'ACTIVE')
                """.formatted(condition));
        if (ids != null) {
            query.setParameter("ids", ids);
        }
        Map<Long, String> active = new HashMap<>();
        for (Object row : query.getResultList()) {
            Object[] columns = (Object[]) row;
            active.put(((Number) columns[0]).longValue(), (String) columns[1]);
        }
        return active;
    }

    private java.util.Optional<TopicQuery> parse(long id, String text) {
        try {
            return java.util.Optional.of(parser.parse(text));
        } catch (InvalidTopicQueryException e) {
            // Only if the query language changed since the query was stored: it is skipped, not fatal.
            LOG.warnf("topic query %d no longer parses (%s): not matched", id, e.getMessage());
            return java.util.Optional.empty();
        }
    }

    /**
     * Topics stored by the version before the query language have no distinct query yet. Their meaning was "all
     * these words" (runs of letters and digits, any case), which {@link #legacyQuery} writes in the query language;
     * a topic that cannot be written so is kept and matches nothing. Idempotent, so instances starting together do
     * no harm.
     */
    void normalizeLegacyTopics() {
        List<?> legacy = entityManager.createNativeQuery("select id, query, subscriber_id from topic where query_id is null")
                .getResultList();
        Set<Long> touched = new HashSet<>();
        for (Object row : legacy) {
            Object[] columns = (Object[]) row;
            long topicId = ((Number) columns[0]).longValue();
            String text = (String) columns[1];
            TopicQuery query;
            try {
                query = parser.parse(legacyQuery(text));
            } catch (InvalidTopicQueryException e) {
                // Only stop words, or more words than a query may have: kept as written, matched by nothing.
                LOG.warnf("legacy topic %d '%s' cannot be expressed in the query language (%s): it matches nothing"
                        + " until its subscriber edits it", topicId, OneLineText.of(text, 200), e.getMessage());
                continue;
            }
            long queryId = topicQueries.idOf(query);
            int set = entityManager.createNativeQuery("""
                    update topic t set query_id = :q where t.id = :id and t.query_id is null
                    and not exists (select 1 from topic o where o.subscriber_id = t.subscriber_id and o.query_id = :q)
                    """).setParameter("q", queryId).setParameter("id", topicId).executeUpdate();
            if (set == 0) {
                // The subscriber has this query already (two old topics that mean the same): one is enough.
                entityManager.createNativeQuery("delete from topic where id = :id and query_id is null")
                        .setParameter("id", topicId).executeUpdate();
            }
            touched.add(queryId);
        }
        if (!legacy.isEmpty()) {
            LOG.infof("normalized %d topics of an earlier version into %d distinct queries", legacy.size(), touched.size());
        }
    }

    /** A topic of the keyword matcher ("all these words") in the query language: each word quoted, ANDed. */
    static String legacyQuery(String text) {
        StringBuilder query = new StringBuilder();
        for (String word : text.toLowerCase(java.util.Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!word.isEmpty()) {
                query.append(query.isEmpty() ? "" : " ").append('"').append(word).append('"');
            }
        }
        return query.toString();
    }

    private Instant databaseNow() {
        return DatabaseTime.toInstant(entityManager.createNativeQuery("select now()").getSingleResult());
    }
}
