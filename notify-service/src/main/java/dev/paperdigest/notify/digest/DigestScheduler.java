package dev.paperdigest.notify.digest;

import dev.paperdigest.notify.BackgroundWorker;
import dev.paperdigest.notify.NotifyConfig;
import dev.paperdigest.notify.matching.MatchesRecorded;
import dev.paperdigest.notify.subscription.Frequency;
import dev.paperdigest.notify.subscription.Schedule;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * Assembles the digests that are due: for every ACTIVE subscriber whose {@code next_digest_at} has come, the papers
 * whose matched queries ({@code paper_queries}) include one of its topics, among the matches recorded since its last
 * digest. Each subscriber covers consecutive ranges {@code [digest_from_txid, to)} of writing transactions, where
 * {@code to} is the oldest transaction still running when the digest is assembled: every match below it is
 * committed (or never will be), so no match falls between two digests and none is in two. Nothing matched means no
 * digest, only the next due time.
 *
 * <p>Claiming (FOR UPDATE SKIP LOCKED), writing the digest row and moving the subscriber's range happen in one
 * transaction, so instances side by side assemble each digest once; {@link DigestMailer} then sends it.
 */
@ApplicationScoped
@Startup // its counter exists before the first digest: a dashboard shows 0, not "no data"
public class DigestScheduler {

    private static final Logger LOG = Logger.getLogger(DigestScheduler.class);
    /** An INSTANT subscriber whose match was still being written when its digest was assembled: look again soon. */
    private static final Duration RECHECK = Duration.ofSeconds(2);

    private final EntityManager entityManager;
    private final NotifyConfig config;
    private final Clock clock;
    private final Counter assembledDigests;
    private final Event<DigestsAssembled> assembled;
    private final BackgroundWorker worker = new BackgroundWorker("digest-scheduler", this::assembleDueQuietly);

    public DigestScheduler(EntityManager entityManager, NotifyConfig config, Clock clock, MeterRegistry meters,
            Event<DigestsAssembled> assembled) {
        this.entityManager = entityManager;
        this.config = config;
        this.clock = clock;
        this.assembledDigests = Counter.builder("paperdigest.digests.assembled")
                .description("Digests assembled (each is then sent as one mail)").register(meters);
        this.assembled = assembled;
    }

    /** Fired after digests were assembled (observed after commit by the mailer). */
    public record DigestsAssembled(int count) {
    }

    @Scheduled(every = "${paperdigest.digest.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        worker.wake();
    }

    void onMatches(@Observes(during = TransactionPhase.AFTER_SUCCESS) MatchesRecorded event) {
        if (config.digest().instantWindow().isZero()) {
            worker.wake();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        worker.stop(Duration.ofSeconds(10));
    }

    private void assembleDueQuietly() {
        try {
            assembleDue();
        } catch (RuntimeException e) {
            LOG.warnf("assembling digests stopped until the next poll: %s", e.toString());
        }
    }

    /** Assembles every digest due now, batch by batch. @return digests assembled (subscribers with nothing skipped) */
    public int assembleDue() {
        int digests = 0;
        MatchCache cache = new MatchCache();
        while (true) {
            int[] batch = QuarkusTransaction.requiringNew().call(() -> assembleBatch(cache));
            digests += batch[1];
            if (batch[1] > 0) {
                assembledDigests.increment(batch[1]);
            }
            if (batch[0] < config.digest().batchSize()) {
                return digests;
            }
        }
    }

    private record Due(long id, Schedule schedule, long fromTxid) {
    }

    /** A paper_queries row; {@code queryIds} sorted. */
    private record Matched(String paperId, long[] queryIds, long txid) {
    }

    /**
     * The paper_queries rows one run has read, for its next batches: a row below a snapshot's xmin is committed and
     * never changes, so a batch only reads the rows from where the last one's snapshot stopped (a day at a million
     * topics has rows of thousands of query ids each).
     */
    private static final class MatchCache {
        private long from = Long.MAX_VALUE;
        private long upTo = Long.MIN_VALUE;
        private List<Matched> rows = List.of();

        /** The rows from {@code fromTxid} on, as of a snapshot whose xmin is {@code to}. */
        List<Matched> since(long fromTxid, long to, LongFunction<List<Matched>> read) {
            List<Matched> matches = new ArrayList<>();
            if (fromTxid >= from) {
                rows.stream().filter(row -> row.txid() >= fromTxid).forEach(matches::add);
                matches.addAll(read.apply(Math.max(fromTxid, upTo)));
            } else {
                matches.addAll(read.apply(fromTxid));
            }
            from = fromTxid;
            upTo = to;
            rows = matches.stream().filter(row -> row.txid() < to).toList();
            return matches;
        }
    }

    /** One transaction: claims due subscribers, writes their digests, moves their ranges. @return {claimed, digests} */
    int[] assembleBatch(MatchCache cache) {
        // Taken before this transaction writes (and gets a transaction id of its own).
        long to = ((Number) entityManager.createNativeQuery(
                "select pg_snapshot_xmin(pg_current_snapshot())::text::bigint").getSingleResult()).longValue();
        Instant now = clock.instant();
        List<Due> due = claimDue(now);
        if (due.isEmpty()) {
            return new int[] {0, 0};
        }
        Map<Long, Set<Long>> queriesOf = queriesOf(due);
        List<Matched> matches = cache.since(due.stream().mapToLong(Due::fromTxid).min().orElseThrow(), to,
                this::matchesSince);

        List<Long> ids = new ArrayList<>();
        List<Instant> next = new ArrayList<>();
        int digests = 0;
        for (Due subscriber : due) {
            long[] queries = queriesOf.getOrDefault(subscriber.id(), Set.of()).stream().mapToLong(Long::longValue)
                    .sorted().toArray();
            Map<String, Long> papers = new LinkedHashMap<>(); // paper → bits of the queries it matched
            boolean laterMatch = false;
            for (Matched match : matches) {
                long bits = match.txid() < subscriber.fromTxid() ? 0 : bitsOf(match.queryIds(), queries);
                if (bits == 0) {
                    continue;
                }
                if (match.txid() < to) {
                    papers.merge(match.paperId(), bits, (a, b) -> a | b);
                } else {
                    laterMatch = true;
                }
            }
            if (!papers.isEmpty()) {
                boolean encodable = queries.length <= Long.SIZE - 1;
                entityManager.createNativeQuery("""
                        insert into digest (subscriber_id, paper_ids, query_ids, paper_query_bits)
                        values (:id, :papers, :queries, :bits)
                        """)
                        .setParameter("id", subscriber.id())
                        .setParameter("papers", papers.keySet().toArray(String[]::new))
                        .setParameter("queries", encodable ? Arrays.stream(queries).boxed().toArray(Long[]::new) : null)
                        .setParameter("bits", encodable ? papers.values().toArray(Long[]::new) : null)
                        .executeUpdate();
                digests++;
            }
            ids.add(subscriber.id());
            next.add(nextDue(subscriber.schedule(), now, laterMatch));
        }
        entityManager.createNativeQuery("""
                update subscriber s set digest_from_txid = :to, next_digest_at = to_timestamp(v.next_ms / 1000.0)
                from unnest(cast(:ids as bigint[]), cast(:next as bigint[])) as v(id, next_ms)
                where s.id = v.id
                """)
                .setParameter("to", to)
                .setParameter("ids", ids.toArray(Long[]::new))
                .setParameter("next", next.stream().map(at -> at == null ? null : at.toEpochMilli()).toArray(Long[]::new))
                .executeUpdate();
        if (digests > 0) {
            assembled.fire(new DigestsAssembled(digests));
        }
        return new int[] {due.size(), digests};
    }

    /** DAILY and WEEKLY: the schedule's next send time. INSTANT: nothing until a match comes (or soon, if one was in flight). */
    private Instant nextDue(Schedule schedule, Instant now, boolean laterMatch) {
        if (schedule.frequency() != Frequency.INSTANT) {
            return schedule.nextSendAfter(now).orElseThrow();
        }
        return laterMatch ? now.plus(RECHECK) : null;
    }

    private List<Due> claimDue(Instant now) {
        List<?> rows = entityManager.createNativeQuery("""
                select id, frequency, timezone, send_hour, weekday, digest_from_txid from subscriber
                where status = 'ACTIVE' and suppressed_at is null and next_digest_at <= :now
                order by next_digest_at
                limit :batch
                for update skip locked
                """)
                .setParameter("now", now.atOffset(ZoneOffset.UTC))
                .setParameter("batch", config.digest().batchSize())
                .getResultList();
        List<Due> due = new ArrayList<>();
        for (Object row : rows) {
            Object[] c = (Object[]) row;
            due.add(new Due(((Number) c[0]).longValue(), new Schedule(Frequency.valueOf((String) c[1]), (String) c[2],
                    ((Number) c[3]).intValue(), DayOfWeek.valueOf((String) c[4])), ((Number) c[5]).longValue()));
        }
        return due;
    }

    private Map<Long, Set<Long>> queriesOf(List<Due> due) {
        List<?> rows = entityManager.createNativeQuery("""
                select subscriber_id, query_id from topic where subscriber_id = any(:ids) and query_id is not null
                """).setParameter("ids", due.stream().map(Due::id).toArray(Long[]::new)).getResultList();
        Map<Long, Set<Long>> queries = new HashMap<>();
        for (Object row : rows) {
            Object[] c = (Object[]) row;
            queries.computeIfAbsent(((Number) c[0]).longValue(), k -> new HashSet<>()).add(((Number) c[1]).longValue());
        }
        return queries;
    }

    private List<Matched> matchesSince(long fromTxid) {
        List<?> rows = entityManager.createNativeQuery("""
                select paper_id, query_ids, txid from paper_queries where txid >= :from order by txid, matched_at
                """).setParameter("from", fromTxid).getResultList();
        List<Matched> matches = new ArrayList<>(rows.size());
        for (Object row : rows) {
            Object[] c = (Object[]) row;
            long[] queryIds = longs(c[1]);
            Arrays.sort(queryIds); // stored sorted; sorting again costs little and overlaps() relies on it
            matches.add(new Matched((String) c[0], queryIds, ((Number) c[2]).longValue()));
        }
        return matches;
    }

    /** A bigint[] column as Hibernate hands it out (boxed or primitive). */
    static long[] longs(Object array) {
        if (array instanceof long[] primitive) {
            return primitive;
        }
        Object[] boxed = (Object[]) array;
        long[] values = new long[boxed.length];
        for (int i = 0; i < boxed.length; i++) {
            values[i] = ((Number) boxed[i]).longValue();
        }
        return values;
    }

    /**
     * Which of a subscriber's few queries (sorted) a paper's sorted, possibly thousands of, query ids include: bit j
     * for {@code queries[j]}, the last bit standing for every query from the 64th on (more than 63 only for topics
     * from before the 20-topic limit; such digests store no bits, 0 still means no match).
     */
    static long bitsOf(long[] queryIds, long[] queries) {
        long bits = 0;
        for (int j = 0; j < queries.length; j++) {
            if (Arrays.binarySearch(queryIds, queries[j]) >= 0) {
                bits |= 1L << Math.min(j, Long.SIZE - 1);
            }
        }
        return bits;
    }
}
