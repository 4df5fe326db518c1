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
import io.smallrye.common.annotation.Blocking;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.util.Optional;
import java.util.Set;

/**
 * Consumes papers.new: stores each new paper, matches it against every topic and records the matches, all in one
 * transaction. An event id seen before is skipped, so redelivery never duplicates. A record that can never be
 * processed (unreadable, or data the database refuses: {@link RefusedData}) throws {@link UnreadableEventException},
 * which aborts the retry; the connector's dead-letter-queue strategy then moves it to papers.new.dlq with the reason
 * and goes on with the next record. Any other failure (the database away for a moment) is retried with growing
 * delays, each attempt in a fresh transaction; only a failure that outlasts every retry dead-letters a readable
 * record.
 *
 * <p>The retry budget must stay well below the connector's {@code throttled.unprocessed-record-max-age.ms}
 * (application.properties): a record unacknowledged for longer makes the connector fail the channel. Retries stop
 * being started after {@code maxDuration} = 30 s; with the last back-off (at most 8 s) and the last attempt a
 * record is done after about 40 s.
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

    public NewPaperConsumer(NewPaperEventReader reader, ProcessedEvents processedEvents, PaperStore paperStore,
            TopicSync topicSync, Matcher matcher, MatchRecorder matchRecorder, Event<MatchesRecorded> matchesRecorded,
            MeterRegistry meters) {
        this.reader = reader;
        this.processedEvents = processedEvents;
        this.paperStore = paperStore;
        this.topicSync = topicSync;
        this.matcher = matcher;
        this.matchRecorder = matchRecorder;
        this.matchesRecorded = matchesRecorded;
        this.meters = meters;
    }

    @Incoming(PapersTopic.NAME)
    @Blocking
    @Retry(maxRetries = 8, delay = 250, maxDuration = 30_000, abortOn = UnreadableEventException.class)
    @ExponentialBackoff(maxDelay = 8_000)
    public void consume(ConsumerRecord<String, String> record) {
        ReceivedPaperEvent event = reader.read(record);
        try {
            // The transaction sits inside the retry: a failed statement spoils its transaction, so each attempt needs a new one.
            QuarkusTransaction.requiringNew().run(() -> process(event));
        } catch (RuntimeException e) {
            Optional<String> refused = RefusedData.reason(e);
            if (refused.isPresent()) {
                throw new UnreadableEventException(refused.get(), e);
            }
            throw e;
        }
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
        int stored = matchRecorder.record(paper.id, queryIds);
        meters.counter("paperdigest.events.consumed", "outcome", "processed").increment();
        meters.counter("paperdigest.matches.recorded").increment(stored);
        LOG.debugf("paper %s matched %d distinct queries, %d new matches", paper.id, queryIds.size(), stored);
        if (stored > 0) {
            // Observed after commit (TransactionPhase.AFTER_SUCCESS): the mailer must see the committed rows.
            matchesRecorded.fire(new MatchesRecorded(paper.id, stored));
        }
    }
}
