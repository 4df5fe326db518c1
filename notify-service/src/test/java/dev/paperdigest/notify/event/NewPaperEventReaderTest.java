package dev.paperdigest.notify.event;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

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
            "NUL in title            | {\"id\": \"1\", \"title\": \"T\\u0000x\"}                        | member 'title' contains a NUL character",
            "NUL in abstract         | {\"id\": \"1\", \"title\": \"T\", \"abstract\": \"\\u0000\"}     | member 'abstract' contains a NUL character",
            "NUL in an author        | {\"id\": \"1\", \"title\": \"T\", \"authors\": [\"A\", \"B\\u0000\"]} | member 'authors[1]' contains a NUL character",
            "NUL in a link           | {\"id\": \"1\", \"title\": \"T\", \"links\": {\"pdf\": \"\\u0000\"}} | member 'links.pdf' contains a NUL character",
            "id too long             | {\"id\": \"1234567890123456789012345678901234567890123456789012345678901234x\", \"title\": \"T\"} | member 'id' longer than 64 characters",
            "category too long       | {\"id\": \"1\", \"title\": \"T\", \"primaryCategory\": \"cs.CL.................................................................\"} | member 'primaryCategory' longer than 64 characters",
            "published in year 10000 | {\"id\": \"1\", \"title\": \"T\", \"publishedAt\": \"+10000-01-01T00:00:00Z\"} | member 'publishedAt' outside the years 1 to 9999",
            "published before year 1 | {\"id\": \"1\", \"title\": \"T\", \"publishedAt\": \"-0001-01-01T00:00:00Z\"} | member 'publishedAt' outside the years 1 to 9999",
            "version too large       | {\"id\": \"1\", \"title\": \"T\", \"version\": 2147483648}       | invalid JSON payload",
    })
    void refusesUnreadablePayloads(String name, String value, String reason) {
        UnreadableEventException e = assertThrows(UnreadableEventException.class,
                () -> reader.read(golden.headers(), value));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    static Stream<Arguments> badHeaders() {
        return Stream.of(
                Arguments.of("ce_id", null, "missing CloudEvent header ce_id"),
                Arguments.of("ce_id", "abc\u0000", "CloudEvent header ce_id contains a NUL character"),
                Arguments.of("ce_id", "x".repeat(201), "ce_id longer than 200 characters"),
                Arguments.of("ce_type", "dev.paperdigest.paper.new.v2\r\n", "unsupported ce_type 'dev.paperdigest.paper.new.v2'"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("badHeaders")
    void refusesABadHeader(String name, String value, String reason) {
        RecordHeaders headers = golden.headers();
        headers.remove(name);
        if (value != null) {
            headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
        UnreadableEventException e = assertThrows(UnreadableEventException.class,
                () -> reader.read(headers, golden.value()));
        assertEquals(reason, e.getMessage());
    }

    @Test
    void acceptsValuesRightAtTheColumnLimits() {
        String id = "1".repeat(NewPaperEventReader.MAX_PAPER_ID_LENGTH);
        String category = "c".repeat(NewPaperEventReader.MAX_PRIMARY_CATEGORY_LENGTH);
        NewPaperEvent event = reader.parse("{\"id\": \"" + id + "\", \"title\": \"T\", \"primaryCategory\": \""
                + category + "\", \"publishedAt\": \"9999-12-31T23:59:59Z\"}");
        assertEquals(id, event.id());
        assertEquals(category, event.primaryCategory());
    }

    @Test
    void theBackfillExtensionIsReadAndAnythingButTrueOrFalseRefused() {
        GoldenRecord golden = GoldenRecord.load();
        assertEquals(false, reader.read(golden.headers(), golden.value()).backfill(), "the golden record is live");
        RecordHeaders backfilled = golden.headers();
        backfilled.add("ce_backfill", "true".getBytes(StandardCharsets.UTF_8));
        assertEquals(true, reader.read(backfilled, golden.value()).backfill());
        RecordHeaders unclear = golden.headers();
        unclear.add("ce_backfill", "yes".getBytes(StandardCharsets.UTF_8));
        UnreadableEventException refused = assertThrows(UnreadableEventException.class,
                () -> reader.read(unclear, golden.value()));
        assertEquals("ce_backfill must be true or false, not 'yes'", refused.getMessage());
    }
}
