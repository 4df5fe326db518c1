package dev.paperdigest.ingest.paper;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

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

/** Stores papers and queues the announcement of each one not seen before, all in one transaction. */
@ApplicationScoped
public class PaperIngestService {

    private final PaperRepository papers;
    private final Outbox outbox;
    private final ObjectMapper objectMapper;
    private final Counter newPapers;
    private final Counter knownPapers;

    public PaperIngestService(PaperRepository papers, Outbox outbox, ObjectMapper objectMapper,
            MeterRegistry registry) {
        this.papers = papers;
        this.outbox = outbox;
        this.objectMapper = objectMapper;
        this.newPapers = Counter.builder("paperdigest.papers.ingested").tag("outcome", "new")
                .description("Papers received, by whether they were new").register(registry);
        this.knownPapers = Counter.builder("paperdigest.papers.ingested").tag("outcome", "already-known")
                .description("Papers received, by whether they were new").register(registry);
    }

    /** All papers or none: a failure rolls back every row of the request, outbox rows included. */
    @Transactional
    public IngestResult ingest(List<NormalizedPaper> batch) {
        // Millisecond precision: the same instant in the database, in ce_time and in every re-send.
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        int fresh = 0;
        for (NormalizedPaper normalized : batch) {
            Paper paper = Paper.from(normalized, now);
            if (papers.insertIfAbsent(paper)) {
                NewPaperEvent event = NewPaperEventMapper.toEvent(paper);
                outbox.append(OutboxEvent.of(NewPaperEvent.eventId(paper.id), paper.id, NewPaperEvent.TYPE,
                        json(event), now));
                fresh++;
            } else {
                papers.updateIfNewerVersion(normalized, now);
            }
        }
        newPapers.increment(fresh);
        knownPapers.increment(batch.size() - fresh);
        return new IngestResult(batch.size(), fresh, batch.size() - fresh);
    }

    private String json(NewPaperEvent event) {
        try {
            return objectMapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("NewPaperEvent is plain data and always serializes", e);
        }
    }
}
