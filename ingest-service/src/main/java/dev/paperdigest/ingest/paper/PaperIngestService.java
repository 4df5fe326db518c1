package dev.paperdigest.ingest.paper;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.paperdigest.ingest.event.NewPaperEvent;
import dev.paperdigest.ingest.event.NewPaperEventMapper;
import dev.paperdigest.ingest.outbox.Outbox;
import dev.paperdigest.ingest.outbox.OutboxEvent;
import dev.paperdigest.ingest.source.PaperSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.All;
import io.quarkus.runtime.Startup;

/**
 * The one write path for papers, whoever reports them (POST /api/papers or a feed run): stores each paper not seen
 * before and queues its announcement in the same transaction; merges a report of a known paper into the stored
 * row and announces nothing. Counts what it stored in {@code paperdigest.papers.ingested{source,outcome}}.
 */
@ApplicationScoped
@Startup // its counters exist from the start: a dashboard shows 0, not "no data"
public class PaperIngestService {

    /** The {@code source} tag of papers posted to POST /api/papers; runs use their source's name. */
    public static final String API_SOURCE = "api";

    private final PaperRepository papers;
    private final Outbox outbox;
    private final ObjectMapper objectMapper;
    private final Event<Stored> stored;
    private final Map<String, Map<StoreOutcome, Counter>> counters = new HashMap<>();

    public PaperIngestService(PaperRepository papers, Outbox outbox, ObjectMapper objectMapper, Event<Stored> stored,
            @All List<PaperSource> sources, MeterRegistry registry) {
        this.papers = papers;
        this.outbox = outbox;
        this.objectMapper = objectMapper;
        this.stored = stored;
        Stream.concat(sources.stream().map(PaperSource::name), Stream.of(API_SOURCE)).forEach(source -> {
            Map<StoreOutcome, Counter> bySource = new EnumMap<>(StoreOutcome.class);
            for (StoreOutcome outcome : StoreOutcome.values()) {
                bySource.put(outcome, Counter.builder("paperdigest.papers.ingested")
                        .tag("source", source).tag("outcome", outcome.name().toLowerCase().replace('_', '-'))
                        .description("Papers stored, by who reported them and whether they were new")
                        .register(registry));
            }
            counters.put(source, bySource);
        });
    }

    /** Fired in the transaction that stored the papers; counted once it commits. */
    record Stored(String source, List<StoreOutcome> outcomes) {
    }

    /** POST /api/papers: all papers or none; a newer version counts as already known. */
    @Transactional
    public IngestResult ingest(List<NormalizedPaper> batch) {
        int fresh = (int) store(API_SOURCE, batch, false).stream().filter(outcome -> outcome == StoreOutcome.NEW).count();
        return new IngestResult(batch.size(), fresh, batch.size() - fresh);
    }

    /**
     * Stores {@code batch} in order, in one transaction (joining the caller's): a failure rolls back every row of
     * it, outbox rows included. A paper reported twice in the batch is new once, then already known.
     *
     * @param source who reported the papers: a source's name or {@link #API_SOURCE}
     * @param backfill announce the new papers as backfilled: stored by consumers, mailed to nobody
     * @return the outcome of each paper, in the order of {@code batch}
     */
    @Transactional
    public List<StoreOutcome> store(String source, List<NormalizedPaper> batch, boolean backfill) {
        // Millisecond precision: the same instant in the database, in ce_time and in every re-send.
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<StoreOutcome> outcomes = new ArrayList<>(batch.size());
        for (NormalizedPaper reported : batch) {
            outcomes.add(storeOne(reported, now, backfill));
        }
        stored.fire(new Stored(source, outcomes));
        return outcomes;
    }

    /** After the commit only: a batch rolled back (and then stored paper by paper) counts once. */
    void count(@Observes(during = TransactionPhase.AFTER_SUCCESS) Stored event) {
        Map<StoreOutcome, Counter> bySource = counters.get(event.source());
        event.outcomes().forEach(outcome -> bySource.get(outcome).increment());
    }

    private StoreOutcome storeOne(NormalizedPaper reported, Instant now, boolean backfill) {
        Paper paper = Paper.from(reported, now);
        if (!papers.insertIfAbsent(paper)) {
            return papers.lockedById(reported.id()).absorb(reported, now);
        }
        if (reported.isRevision()) {
            // arXiv replaced a paper announced before we ever saw it: known from now on, never news.
            return StoreOutcome.REVISED;
        }
        outbox.append(OutboxEvent.of(NewPaperEvent.eventId(paper.id), paper.id, NewPaperEvent.TYPE,
                json(NewPaperEventMapper.toEvent(paper)), now, backfill));
        return StoreOutcome.NEW;
    }

    private String json(NewPaperEvent event) {
        try {
            return objectMapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("NewPaperEvent is plain data and always serializes", e);
        }
    }
}
