package dev.paperdigest.notify.event;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Records that can never be processed are refused with a reason (which goes with them to the DLQ). */
class NewPaperEventReaderTest {

    private final NewPaperEventReader reader = new NewPaperEventReader(GoldenRecord.JSON);
    private final GoldenRecord golden = GoldenRecord.load();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "not JSON                | {not json                                | invalid JSON payload",
            "JSON array              | [1, 2]                                   | invalid JSON payload",
            "JSON null               | null                                     | payload is JSON null",
            "empty                   | ``                                       | empty value",
            "no id                   | {\"title\": \"T\"}                       | 'id' is missing",
            "blank id                | {\"id\": \" \", \"title\": \"T\"}        | 'id' is missing",
            "no title                | {\"id\": \"2501.1\"}                     | 'title' is missing",
            "bad date                | {\"id\": \"1\", \"title\": \"T\", \"publishedAt\": \"yesterday\"} | invalid JSON payload",
            "wrong type              | {\"id\": \"1\", \"title\": \"T\", \"authors\": {\"a\": 1}}        | invalid JSON payload",
    })
    void refusesUnreadablePayloads(String name, String value, String reason) {
        UnreadableEventException e = assertThrows(UnreadableEventException.class,
                () -> reader.read(golden.headers(), value));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    @Test
    void refusesARecordWithoutEventId() {
        RecordHeaders headers = new RecordHeaders();
        golden.headers().forEach(h -> {
            if (!h.key().equals("ce_id")) {
                headers.add(h);
            }
        });
        UnreadableEventException e = assertThrows(UnreadableEventException.class,
                () -> reader.read(headers, golden.value()));
        assertEquals("missing CloudEvent header ce_id", e.getMessage());
    }

    @Test
    void refusesAnotherEventType() {
        RecordHeaders headers = golden.headers();
        headers.remove("ce_type");
        headers.add("ce_type", "dev.paperdigest.paper.new.v2\r\n".getBytes(StandardCharsets.UTF_8));
        UnreadableEventException e = assertThrows(UnreadableEventException.class,
                () -> reader.read(headers, golden.value()));
        assertEquals("unsupported ce_type 'dev.paperdigest.paper.new.v2??'", e.getMessage());
    }
}
