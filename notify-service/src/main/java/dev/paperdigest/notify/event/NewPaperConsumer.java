package dev.paperdigest.notify.event;

import dev.paperdigest.notify.matching.MatchRecorder;
import dev.paperdigest.notify.matching.Matcher;
import dev.paperdigest.notify.matching.MatchesRecorded;
import dev.paperdigest.notify.matching.TopicSync;
import dev.paperdigest.notify.paper.Paper;
import dev.paperdigest.notify.paper.PaperMapper;
import dev.paperdigest.notify.paper.PaperStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Consumes papers.new: stores each new paper, matches it against every topic and records the matches, all in one
 * transaction. An event id seen before is skipped, so redelivery never duplicates.
 *
 * <p>Failures, three kinds:
 * <ul>
 * <li>a record that can never be processed (unreadable, or data the database refuses: {@link RefusedData}) throws
 * {@link UnreadableEventException}: no retry, the connector's dead-letter-queue strategy moves it to papers.new.dlq at
 * once with the reason and goes on with the next record;</li>
 * <li>the database unavailable ({@link DependencyUnavailable}: no connection, pool exhausted, shutdown, failover,
 * read-only, timeouts) throws {@link DependencyUnavailableException}: the record is tried again, with growing delays up
 * to 10 s, for as long as the outage lasts, never dead-lettered. The consumer holds its place meanwhile: the
 * connector processes one record at a time, stops requesting records and pauses the partitions when its queue is
 * full, and its poll loop keeps polling (so the group membership stays); the record is acknowledged, and its offset
 * committed, only once it is processed. The delays between attempts are timers, not sleeping threads, and each
 * attempt runs on a worker thread for a moment only, so no thread is blocked for the length of the outage.
 * {@link ConsumerOutage} shows the wait in readiness, metrics and the log;</li>
 * <li>anything else (a failure this class cannot classify) is tried again for about 40 s (8 retries, 250 ms doubling
 * to 8 s, no new retry after 30 s), then dead-lettered with its reason, so that a bug set off by one record cannot
 * stop the stream for good; an outage that begins meanwhile switches to the unbounded wait above.</li>
 * </ul>
 *
 * <p>Because a record may wait indefinitely, the connector's {@code throttled.unprocessed-record-max-age.ms} check is
 * off (application.properties): it would otherwise fail the channel in the middle of a long outage.
 */
@ApplicationScoped
public class NewPaperConsumer {

    private static final Logger LOG = Logger.getLogger(NewPaperConsumer.class);

    private final NewPaperEventReader reader;
    private final ProcessedEvents processedEvents;
    private final PaperStore paperStore;
    private final TopicSync topicSync;
    private final Matcher matcher;
    private final MatchRecorder matchRecorder;
    private final Event<MatchesRecorded> matchesRecorded;
    private final MeterRegistry meters;
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
        this.meters = meters;
        this.outage = outage;
        this.otherFailures = otherFailureRetry(outage);
    }

    @Incoming(PapersTopic.NAME)
    @Retry(maxRetries = -1, maxDuration = 0, delay = 500, retryOn = DependencyUnavailableException.class,
            abortOn = UnreadableEventException.class)
    @ExponentialBackoff(maxDelay = 10_000)
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        // Each attempt on a worker thread; the retry's delays between attempts are timers on the caller's context.
        return Uni.createFrom().<Void> item(() -> {
            attempt(record);
            return null;
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /** One attempt; failures other than an outage or a bad record get a few quick retries of their own first. */
    private void attempt(ConsumerRecord<String, String> record) {
        String position = record.topic() + "-" + record.partition() + "@" + record.offset();
        try {
            otherFailures.get(() -> {
                ReceivedPaperEvent event = reader.read(record);
                processInTransaction(event);
                return null;
            }, Void.class);
            outage.processed();
        } catch (DependencyUnavailableException e) {
            outage.unavailable(position, e.getMessage());
            throw e;
        } catch (RuntimeException e) {
            outage.processed();
            throw e;
        }
    }

    private void processInTransaction(ReceivedPaperEvent event) {
        try {
            // The transaction sits inside the retry: a failed statement spoils its transaction, so each attempt needs a new one.
            QuarkusTransaction.requiringNew().run(() -> process(event));
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

    private void process(ReceivedPaperEvent event) {
        if (!processedEvents.markProcessed(event.eventId())) {
            LOG.debugf("event %s (paper %s) was processed before: skipped", event.eventId(), event.paper().id());
            meters.counter("paperdigest.events.consumed", "outcome", "duplicate").increment();
            return;
        }
        Paper paper = PaperMapper.toPaper(event.paper());
        if (!paperStore.insertIfAbsent(paper)) {
            // Same paper under another event id: its subscribers were matched (and mailed) the first time.
            LOG.debugf("paper %s is known: not matched again", paper.id);
            meters.counter("paperdigest.events.consumed", "outcome", "known-paper").increment();
            return;
        }
        topicSync.refresh();
        Set<Long> queryIds = matcher.match(PaperMapper.toDocument(paper));
        int instantDue = matchRecorder.record(paper.id, queryIds);
        meters.counter("paperdigest.events.consumed", "outcome", "processed").increment();
        meters.counter("paperdigest.matches.recorded").increment(queryIds.size());
        LOG.debugf("paper %s matched %d distinct queries; %d INSTANT digests scheduled", paper.id, queryIds.size(),
                instantDue);
        if (instantDue > 0) {
            // Observed after commit (TransactionPhase.AFTER_SUCCESS): the digest scheduler must see the committed rows.
            matchesRecorded.fire(new MatchesRecorded(paper.id, instantDue));
        }
    }
}
