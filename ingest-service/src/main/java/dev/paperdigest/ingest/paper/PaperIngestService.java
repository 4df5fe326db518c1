package dev.paperdigest.ingest.paper;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.paperdigest.ingest.event.NewPaperEvent;
import dev.paperdigest.ingest.event.NewPaperEventMapper;
import dev.paperdigest.ingest.outbox.Outbox;
import dev.paperdigest.ingest.outbox.OutboxEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The one write path for papers, whoever reports them (POST /api/papers or a feed run): stores each paper not seen
 * before and queues its announcement in the same transaction; merges a report of a known paper into the stored
 * row and announces nothing.
 */
@ApplicationScoped
public class PaperIngestService {

    private final PaperRepository papers;
    private final Outbox outbox;
    private final ObjectMapper objectMapper;
    private final Map<StoreOutcome, Counter> counters = new EnumMap<>(StoreOutcome.class);

    public PaperIngestService(PaperRepository papers, Outbox outbox, ObjectMapper objectMapper,
            MeterRegistry registry) {
        this.papers = papers;
        this.outbox = outbox;
        this.objectMapper = objectMapper;
        for (StoreOutcome outcome : StoreOutcome.values()) {
            counters.put(outcome, Counter.builder("paperdigest.papers.ingested")
                    .tag("outcome", outcome.name().toLowerCase().replace('_', '-'))
                    .description("Papers received, by whether they were new").register(registry));
        }
    }

    /** POST /api/papers: all papers or none; a newer version counts as already known. */
    @Transactional
    public IngestResult ingest(List<NormalizedPaper> batch) {
        int fresh = (int) store(batch, false).stream().filter(outcome -> outcome == StoreOutcome.NEW).count();
        return new IngestResult(batch.size(), fresh, batch.size() - fresh);
    }

    /**
     * Stores {@code batch} in order, in one transaction (joining the caller's): a failure rolls back every row of
     * it, outbox rows included. A paper reported twice in the batch is new once, then already known.
     *
     * @param backfill announce the new papers as backfilled: stored by consumers, mailed to nobody
     * @return the outcome of each paper, in the order of {@code batch}
     */
    @Transactional
    public List<StoreOutcome> store(List<NormalizedPaper> batch, boolean backfill) {
        // Millisecond precision: the same instant in the database, in ce_time and in every re-send.
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<StoreOutcome> outcomes = new ArrayList<>(batch.size());
        for (NormalizedPaper reported : batch) {
            StoreOutcome outcome = storeOne(reported, now, backfill);
            counters.get(outcome).increment();
            outcomes.add(outcome);
        }
        return outcomes;
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
