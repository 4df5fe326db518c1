package dev.paperdigest.notify.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paperdigest.notify.OneLineText;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * Turns a papers.new record (CloudEvents binary mode: ce_* headers, JSON value) into a {@link ReceivedPaperEvent},
 * or says in an {@link UnreadableEventException} why it cannot. Besides the shape it checks everything the notify
 * tables would refuse (NUL characters, values longer than their column, dates outside timestamptz), so that such
 * a record goes to the dead-letter topic at once instead of failing every retry.
 */
@ApplicationScoped
public class NewPaperEventReader {

    static final String HEADER_ID = "ce_id";
    static final String HEADER_TYPE = "ce_type";
    static final String HEADER_BACKFILL = "ce_backfill";
    /** Column limits of V1__notify_schema.sql: processed_event.event_id, paper.id, paper.primary_category. */
    static final int MAX_EVENT_ID_LENGTH = 200;
    static final int MAX_PAPER_ID_LENGTH = 64;
    static final int MAX_PRIMARY_CATEGORY_LENGTH = 64;
    /** Years 1 to 9999: inside PostgreSQL's timestamptz range and printable without a sign by every client. */
    static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    private static final int UNLIMITED = Integer.MAX_VALUE;

    private final ObjectMapper objectMapper;

    public NewPaperEventReader(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    public ReceivedPaperEvent read(ConsumerRecord<String, String> record) {
        return read(record.headers(), record.value());
    }

    public ReceivedPaperEvent read(Headers headers, String value) {
        String eventId = header(headers, HEADER_ID);
        if (eventId == null || eventId.isBlank()) {
            throw new UnreadableEventException("missing CloudEvent header " + HEADER_ID);
        }
        if (eventId.indexOf('\0') >= 0) {
            throw new UnreadableEventException("CloudEvent header " + HEADER_ID + " contains a NUL character");
        }
        if (eventId.length() > MAX_EVENT_ID_LENGTH) {
            throw new UnreadableEventException(HEADER_ID + " longer than " + MAX_EVENT_ID_LENGTH + " characters");
        }
        String type = header(headers, HEADER_TYPE);
        if (type != null && !PapersTopic.EVENT_TYPE_V1.equals(type)) {
            throw new UnreadableEventException("unsupported " + HEADER_TYPE + " '" + OneLineText.of(type, 80) + "'");
        }
        String backfill = header(headers, HEADER_BACKFILL);
        if (backfill != null && !backfill.equals("true") && !backfill.equals("false")) {
            throw new UnreadableEventException(HEADER_BACKFILL + " must be true or false, not '" + OneLineText.of(backfill, 20) + "'");
        }
        return new ReceivedPaperEvent(eventId, parse(value), "true".equals(backfill));
    }

    NewPaperEvent parse(String value) {
        if (value == null || value.isBlank()) {
            throw new UnreadableEventException("empty value");
        }
        NewPaperEvent event;
        try {
            event = objectMapper.readValue(value, NewPaperEvent.class);
        } catch (JsonProcessingException e) {
            // Jackson's original message names the position and the member, not the (possibly huge) input.
            throw new UnreadableEventException("invalid JSON payload: " + e.getOriginalMessage(), e);
        }
        if (event == null) {
            throw new UnreadableEventException("payload is JSON null");
        }
        if (event.id() == null || event.id().isBlank()) {
            throw new UnreadableEventException("payload member 'id' is missing");
        }
        if (event.title() == null || event.title().isBlank()) {
            throw new UnreadableEventException("payload member 'title' is missing");
        }
        checkStorable(event);
        return event;
    }

    /** Every string the paper table stores: no NUL (PostgreSQL text and jsonb refuse it), no longer than its column. */
    private static void checkStorable(NewPaperEvent event) {
        storable("id", event.id(), MAX_PAPER_ID_LENGTH);
        storable("title", event.title(), UNLIMITED);
        storable("abstract", event.abstractText(), UNLIMITED);
        storable("authors", event.authors());
        storable("categories", event.categories());
        storable("primaryCategory", event.primaryCategory(), MAX_PRIMARY_CATEGORY_LENGTH);
        storable("sources", event.sources());
        if (event.links() != null) {
            storable("links.abs", event.links().abs(), UNLIMITED);
            storable("links.pdf", event.links().pdf(), UNLIMITED);
            storable("links.huggingface", event.links().huggingface(), UNLIMITED);
        }
        Instant publishedAt = event.publishedAt();
        if (publishedAt != null && (publishedAt.isBefore(EARLIEST) || publishedAt.isAfter(LATEST))) {
            throw new UnreadableEventException("payload member 'publishedAt' outside the years 1 to 9999");
        }
    }

    /** A list stored as jsonb: no column limit, but no NUL in any element. */
    private static void storable(String member, List<String> values) {
        if (values != null) {
            for (int i = 0; i < values.size(); i++) {
                storable(member + "[" + i + "]", values.get(i), UNLIMITED);
            }
        }
    }

    private static void storable(String member, String value, int maxLength) {
        if (value == null) {
            return;
        }
        if (value.indexOf('\0') >= 0) {
            throw new UnreadableEventException("payload member '" + member + "' contains a NUL character");
        }
        if (value.length() > maxLength) {
            throw new UnreadableEventException("payload member '" + member + "' longer than " + maxLength + " characters");
        }
    }

    private static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
