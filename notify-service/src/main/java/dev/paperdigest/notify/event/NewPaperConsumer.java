package dev.paperdigest.notify.event;

import dev.paperdigest.notify.matching.MatchRecorder;
import dev.paperdigest.notify.matching.Matcher;
import dev.paperdigest.notify.matching.MatchesRecorded;
import dev.paperdigest.notify.matching.TopicSync;
import dev.paperdigest.notify.paper.Paper;
import dev.paperdigest.notify.paper.PaperMapper;
import dev.paperdigest.notify.paper.PaperStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Consumes papers.new a poll's batch at a time: stores each new paper, matches the batch's papers against every topic
 * together (one Lucene Monitor pass over the batch costs little more than one over a single paper) and records the
 * matches, all in one transaction. An event id seen before is skipped, so redelivery never duplicates. The batch is
 * acknowledged (its offsets committed) only once every record of it is processed or dead-lettered.
 *
 * <p>Failures, three kinds:
 * <ul>
 * <li>a record that can never be processed (unreadable, or data the database refuses: {@link RefusedData}) is
 * nacked alone, with the reason: the connector's dead-letter-queue strategy moves it to papers.new.dlq and the rest of
 * the batch goes on;</li>
 * <li>the database unavailable ({@link DependencyUnavailable}: no connection, pool exhausted, shutdown, failover,
 * read-only, timeouts): the records not processed yet are tried again, with growing delays up to 10 s, for as long as
 * the outage lasts, never dead-lettered. The consumer holds its place meanwhile: the connector stops requesting
 * records and pauses the partitions when its queue is full, and its poll loop keeps polling (so the group membership
 * stays). The delays between attempts are timers, not sleeping threads, and each attempt runs on a worker thread for
 * a moment only, so no thread is blocked for the length of the outage. {@link ConsumerOutage} shows the wait in
 * readiness, metrics and the log;</li>
 * <li>anything else (a failure this class cannot classify) makes the batch go one record at a time, each tried again
 * for about 40 s (8 retries, 250 ms doubling to 8 s, no new retry after 30 s), then dead-lettered with its reason, so
 * that a bug set off by one record cannot stop the stream for good; an outage that begins meanwhile switches to the
 * unbounded wait above.</li>
 * </ul>
 *
 * <p>Because a record may wait indefinitely, the connector's {@code throttled.unprocessed-record-max-age.ms} check is
 * off (application.properties): it would otherwise fail the channel in the middle of a long outage.
 *
 * <p>Metrics, counted once a transaction committed (so a batch retried through an outage counts once):
 * {@code paperdigest.events.consumed{outcome}} ({@code processed}, {@code duplicate}, {@code known-paper},
 * {@code backfilled}, {@code dead-lettered}) and {@code paperdigest.matches.recorded} (distinct queries matched, summed over papers).
 */
@ApplicationScoped
@Startup // its counters exist before the first record: a dashboard shows 0, not "no data"
public class NewPaperConsumer {

    private static final Logger LOG = Logger.getLogger(NewPaperConsumer.class);
    private static final Duration FIRST_OUTAGE_DELAY = Duration.ofMillis(500);
    private static final Duration MAX_OUTAGE_DELAY = Duration.ofSeconds(10);

    private final NewPaperEventReader reader;
    private final ProcessedEvents processedEvents;
    private final PaperStore paperStore;
    private final TopicSync topicSync;
    private final Matcher matcher;
    private final MatchRecorder matchRecorder;
    private final Event<MatchesRecorded> matchesRecorded;
    private final Counter processed;
    private final Counter duplicates;
    private final Counter knownPapers;
    private final Counter backfilled;
    private final Counter deadLettered;
    private final Counter matchedQueries;
    private final ConsumerOutage outage;
    private final Guard otherFailures;

    public NewPaperConsumer(NewPaperEventReader reader, ProcessedEvents processedEvents, PaperStore paperStore,
            TopicSync topicSync, Matcher matcher, MatchRecorder matchRecorder, Event<MatchesRecorded> matchesRecorded,
            MeterRegistry meters, ConsumerOutage outage) {
        this.reader = reader;
        this.processedEvents = processedEvents;
        this.paperStore = paperStore;
        this.topicSync = topicSync;
        this.matcher = matcher;
        this.matchRecorder = matchRecorder;
        this.matchesRecorded = matchesRecorded;
        this.processed = consumed(meters, "processed");
        this.duplicates = consumed(meters, "duplicate");
        this.knownPapers = consumed(meters, "known-paper");
        this.backfilled = consumed(meters, "backfilled");
        this.deadLettered = consumed(meters, "dead-lettered");
        this.matchedQueries = Counter.builder("paperdigest.matches.recorded")
                .description("Distinct topic queries matched by new papers, summed over the papers").register(meters);
        this.outage = outage;
        this.otherFailures = otherFailureRetry(outage);
    }

    private static Counter consumed(MeterRegistry meters, String outcome) {
        return Counter.builder("paperdigest.events.consumed").tag("outcome", outcome)
                .description("papers.new records done with, by outcome").register(meters);
    }

    /** What one transaction did; counted once it committed. */
    private record Outcome(int processed, int duplicates, int knownPapers, int backfilled, int matches) {
    }

    /** A record of the batch and, once read, its event. */
    private static final class Pending {
        final IncomingKafkaRecord<String, String> record;
        ReceivedPaperEvent event;

        Pending(KafkaRecord<String, String> record) {
            this.record = (IncomingKafkaRecord<String, String>) record; // what the connector hands out
        }

        String position() {
            return record.getTopic() + "-" + record.getPartition() + "@" + record.getOffset();
        }
    }

    @Incoming(PapersTopic.NAME)
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        // Records leave this list once processed or dead-lettered, so a retry after an outage does only the rest.
        List<Pending> pending = new ArrayList<>(batch.getRecords().stream().map(Pending::new).toList());
        // Each attempt on a worker thread; the delays between attempts are timers.
        return Uni.createFrom().<Void> item(() -> {
                    attempt(pending);
                    return null;
                })
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .onFailure(DependencyUnavailableException.class).retry()
                .withBackOff(FIRST_OUTAGE_DELAY, MAX_OUTAGE_DELAY).indefinitely()
                .chain(() -> Uni.createFrom().completionStage(batch.ack()));
    }

    /** One attempt at the records still pending; throws only {@link DependencyUnavailableException}. */
    private void attempt(List<Pending> pending) {
        try {
            readAll(pending);
            try {
                processInTransaction(pending.stream().map(p -> p.event).toList());
                pending.clear();
            } catch (DependencyUnavailableException e) {
                throw e;
            } catch (RuntimeException e) {
                LOG.warnf("papers.new: a batch of %d failed (%s); processing its records one at a time",
                        pending.size(), e.toString());
                oneAtATime(pending);
            }
            outage.processed();
        } catch (DependencyUnavailableException e) {
            outage.unavailable(pending.isEmpty() ? "papers.new" : pending.get(0).position(), e.getMessage());
            throw e;
        }
    }

    /** Reads each record not read yet; one that cannot be read is dead-lettered. */
    private void readAll(List<Pending> pending) {
        for (Iterator<Pending> it = pending.iterator(); it.hasNext();) {
            Pending p = it.next();
            if (p.event == null) {
                try {
                    p.event = reader.read(p.record.getHeaders(), p.record.getPayload());
                } catch (UnreadableEventException e) {
                    deadLetter(p, e);
                    it.remove();
                }
            }
        }
    }

    /** After a failure of the whole batch: each record alone, to find the one that fails. */
    private void oneAtATime(List<Pending> pending) {
        for (Iterator<Pending> it = pending.iterator(); it.hasNext();) {
            Pending p = it.next();
            try {
                otherFailures.get(() -> {
                    processInTransaction(List.of(p.event));
                    return null;
                }, Void.class);
            } catch (DependencyUnavailableException e) {
                throw e;
            } catch (RuntimeException e) {
                deadLetter(p, e);
            }
            it.remove();
        }
    }

    /** Hands the record to the connector's dead-letter queue (with the reason) and waits until it is there. */
    private void deadLetter(Pending p, Throwable reason) {
        LOG.warnf("papers.new record %s dead-lettered: %s", p.position(), reason.getMessage());
        p.record.nack(reason).toCompletableFuture().join();
        deadLettered.increment();
    }

    private void processInTransaction(List<ReceivedPaperEvent> events) {
        try {
            // The transaction sits inside the retry: a failed statement spoils its transaction, so each attempt needs a new one.
            Outcome outcome = QuarkusTransaction.requiringNew().call(() -> process(events));
            processed.increment(outcome.processed());
            duplicates.increment(outcome.duplicates());
            knownPapers.increment(outcome.knownPapers());
            backfilled.increment(outcome.backfilled());
            matchedQueries.increment(outcome.matches());
        } catch (RuntimeException e) {
            Optional<String> refused = RefusedData.reason(e);
            if (refused.isPresent()) {
                throw new UnreadableEventException(refused.get(), e);
            }
            Optional<String> unavailable = DependencyUnavailable.reason(e);
            if (unavailable.isPresent()) {
                throw new DependencyUnavailableException(unavailable.get(), e);
            }
            throw e;
        }
    }

    /** The bounded retry of failures that are neither an outage nor a bad record. */
    private static Guard otherFailureRetry(ConsumerOutage outage) {
        return Guard.create()
                .withDescription("papers.new: unclassified failures")
                .withRetry()
                .maxRetries(8)
                .delay(250, ChronoUnit.MILLIS)
                .maxDuration(30, ChronoUnit.SECONDS)
                .abortOn(List.of(UnreadableEventException.class, DependencyUnavailableException.class))
                .beforeRetry(outage::otherFailure)
                .withExponentialBackoff().maxDelay(8, ChronoUnit.SECONDS).done()
                .done()
                .build();
    }

    private Outcome process(List<ReceivedPaperEvent> events) {
        List<Paper> fresh = new ArrayList<>();
        int duplicates = 0;
        int knownPapers = 0;
        int backfilled = 0;
        for (ReceivedPaperEvent event : events) {
            if (!processedEvents.markProcessed(event.eventId())) {
                LOG.debugf("event %s (paper %s) was processed before: skipped", event.eventId(), event.paper().id());
                duplicates++;
                continue;
            }
            Paper paper = PaperMapper.toPaper(event.paper());
            if (!paperStore.insertIfAbsent(paper)) {
                // Same paper under another event id: its subscribers were matched (and mailed) the first time.
                LOG.debugf("paper %s is known: not matched again", paper.id);
                knownPapers++;
                continue;
            }
            if (event.backfill()) {
                // Published before anyone here could have asked for it: kept for previews, mailed to nobody.
                backfilled++;
                continue;
            }
            fresh.add(paper);
        }
        if (fresh.isEmpty()) {
            return new Outcome(0, duplicates, knownPapers, backfilled, 0);
        }
        topicSync.refreshUnlessReloading();
        Map<String, Set<Long>> matches = matcher.match(fresh.stream().map(PaperMapper::toDocument).toList());
        int matched = 0;
        for (Paper paper : fresh) {
            Set<Long> queryIds = matches.getOrDefault(paper.id, Set.of());
            matched += queryIds.size();
            LOG.debugf("paper %s matched %d distinct queries", paper.id, queryIds.size());
        }
        int instantDue = matchRecorder.record(matches);
        LOG.debugf("%d papers matched; %d INSTANT digests scheduled", fresh.size(), instantDue);
        if (instantDue > 0) {
            // Observed after commit (TransactionPhase.AFTER_SUCCESS): the digest scheduler must see the committed rows.
            matchesRecorded.fire(new MatchesRecorded(fresh.size(), instantDue));
        }
        return new Outcome(fresh.size(), duplicates, knownPapers, backfilled, matched);
    }
}
