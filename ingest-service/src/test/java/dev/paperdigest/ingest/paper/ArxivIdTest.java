package dev.paperdigest.ingest.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ArxivIdTest {

    @ParameterizedTest(name = "{0} -> {1} v{2}")
    @CsvSource(nullValues = "none", value = {
        "2505.24864,                 2505.24864,       none",
        "2505.24864v1,               2505.24864,       1",
        "2505.24864v12,              2505.24864,       12",
        "2404.12345v2,               2404.12345,       2",
        "0704.0001,                  0704.0001,        none",
        "0706.0001,                  0706.0001,        none",
        "1412.9999v3,                1412.9999,        3",
        "1412.6529v12,               1412.6529,        12",
        "arXiv:2509.21070,           2509.21070,       none",
        "ARXIV:2509.21070v2,         2509.21070,       2",
        "'  2505.24864 ',            2505.24864,       none",
        "cond-mat/0603029,           cond-mat/0603029, none",
        "cond-mat/0603029v2,         cond-mat/0603029, 2",
        "hep-th/9901001,             hep-th/9901001,   none",
        "math.GT/0309136,            math/0309136,     none",
        "math.CA/0611800v2,          math/0611800,     2",
        "physics.acc-ph/0501001v2,   physics/0501001,  2",
    })
    void parsesIdsAsClientsWriteThem(String text, String id, Integer version) {
        ArxivId parsed = ArxivId.parse(text);

        assertEquals(id, parsed.id());
        assertEquals(version, parsed.version());
        assertEquals(Optional.of(parsed), ArxivId.fromFeed(text), "a bare id is also a feed reference");
    }

    @ParameterizedTest(name = "{0} -> {1} v{2}")
    @CsvSource(nullValues = "none", value = {
        "http://arxiv.org/abs/2404.12345v2,              2404.12345,       2",
        "https://arxiv.org/abs/2604.21952,               2604.21952,       none",
        "https://arxiv.org/pdf/2404.12345v1.pdf,         2404.12345,       1",
        "http://export.arxiv.org/abs/cond-mat/0412498v1, cond-mat/0412498, 1",
        "http://arxiv.org/abs/1201.4869v1/,              1201.4869,        1",
        "oai:arXiv.org:2604.21952v1,                     2604.21952,       1",
        "arXiv:2404.12345v3,                             2404.12345,       3",
    })
    void unwrapsTheReferencesFeedsWrite(String text, String id, Integer version) {
        ArxivId parsed = ArxivId.fromFeed(text).orElseThrow();

        assertEquals(id, parsed.id());
        assertEquals(version, parsed.version());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
        "abc", "   ", "2404", "2404.", "2404.123", "2404.123456",
        "2505.2486", "2404.1234",            // five digits since 2015
        "1412.12345",                        // four digits until 2014
        "0703.0001",                         // new style began in April 2007
        "2513.24864", "2413.12345",          // month 13
        "2500.24864", "2400.12345",          // month 00
        "0000.0000",
        "2505.24864v0",                      // versions start at 1
        "2505.24864v", "2404.12345v2v3", "2505.24864 v2", "2505-24864",
        "cond-mat/060302",                   // seven digits in old style
        "cond-mat/0613029",                  // month 13
        "cond-mat/1203029",                  // old style ended in 2007
        "Cond-Mat/0603029", "COND-MAT/0603029", "/0603029",
        "math.gt/0309136", "math.GTX/0309136",
        "https://example.org/abs/2404.12345", "https://arxiv.org/list/cs.LG/new", "oai:arXiv.org:",
        "../../etc/passwd", "2505.24864<script>", "2404.12345; DROP TABLE paper",
    })
    void rejectsJunkWithAReason(String text) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> ArxivId.parse(text));

        assertTrue(error.getMessage().contains("arXiv id"), error.getMessage());
        assertTrue(ArxivId.tryParse(text).isEmpty());
        assertTrue(ArxivId.fromFeed(text).isEmpty());
    }

    @Test
    void aClientIdIsNeverAUrl() {
        // POST /api/papers takes ids; only feed references may be URLs.
        assertTrue(ArxivId.tryParse("https://arxiv.org/abs/2505.24864").isEmpty());
        assertTrue(ArxivId.tryParse("oai:arXiv.org:2604.21952v1").isEmpty());
    }

    @Test
    void ignoresSurroundingWhitespaceOfFeedText() {
        assertEquals(ArxivId.parse("2404.12345v2"), ArxivId.fromFeed("\n  2404.12345v2 \n").orElseThrow());
    }

    @Test
    void keepsKeyStableAcrossVersions() {
        assertEquals(ArxivId.parse("2505.24864v1").id(), ArxivId.parse("2505.24864v3").id());
    }

    @Test
    void writesVersionAndLinks() {
        ArxivId versioned = ArxivId.parse("cond-mat/0603029v1");

        assertEquals("cond-mat/0603029v1", versioned.withVersion());
        assertTrue(versioned.isOldStyle());
        assertEquals("https://arxiv.org/abs/cond-mat/0603029", versioned.absUrl());
        assertEquals("https://arxiv.org/pdf/cond-mat/0603029", versioned.pdfUrl());

        ArxivId unversioned = ArxivId.parse("2404.12345");
        assertEquals("2404.12345", unversioned.withVersion());
        assertFalse(unversioned.isOldStyle());
    }

    @Test
    void equalityIsIdAndVersion() {
        assertEquals(ArxivId.parse("2404.12345v2"), ArxivId.fromFeed("http://arxiv.org/abs/2404.12345v2").orElseThrow());
        assertEquals(ArxivId.parse("math/0309136"), ArxivId.parse("math.GT/0309136"));
        assertFalse(ArxivId.parse("2404.12345v2").equals(ArxivId.parse("2404.12345v1")));
    }
}
