package dev.paperdigest.notify.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.nio.charset.StandardCharsets;

/**
 * Turns a papers.new record (CloudEvents binary mode: ce_* headers, JSON value) into a {@link ReceivedPaperEvent},
 * or says in an {@link UnreadableEventException} why it cannot.
 */
@ApplicationScoped
public class NewPaperEventReader {

    static final String HEADER_ID = "ce_id";
    static final String HEADER_TYPE = "ce_type";
    static final int MAX_EVENT_ID_LENGTH = 200;
    static final int MAX_PAPER_ID_LENGTH = 64;

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
        if (eventId.length() > MAX_EVENT_ID_LENGTH) {
            throw new UnreadableEventException(HEADER_ID + " longer than " + MAX_EVENT_ID_LENGTH + " characters");
        }
        String type = header(headers, HEADER_TYPE);
        if (type != null && !PapersTopic.EVENT_TYPE_V1.equals(type)) {
            throw new UnreadableEventException("unsupported " + HEADER_TYPE + " '" + printable(type) + "'");
        }
        return new ReceivedPaperEvent(eventId, parse(value));
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
        if (event.id().length() > MAX_PAPER_ID_LENGTH) {
            throw new UnreadableEventException("payload member 'id' longer than " + MAX_PAPER_ID_LENGTH + " characters");
        }
        if (event.title() == null || event.title().isBlank()) {
            throw new UnreadableEventException("payload member 'title' is missing");
        }
        return event;
    }

    private static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** A header value fit for a log line or a dead-letter reason. */
    private static String printable(String value) {
        String cleaned = value.replaceAll("\\p{Cntrl}", "?");
        return cleaned.length() <= 80 ? cleaned : cleaned.substring(0, 80) + "...";
    }
}
