package dev.paperdigest.ingest.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ArxivIdTest {

    @ParameterizedTest(name = "{0} -> {1} v{2}")
    @CsvSource(nullValues = "-", value = {
            "2505.24864,        2505.24864,       -",
            "2505.24864v1,      2505.24864,       1",
            "2505.24864v12,     2505.24864,       12",
            "0706.0001,         0706.0001,        -",
            "1412.9999v3,       1412.9999,        3",
            "arXiv:2509.21070,  2509.21070,       -",
            "ARXIV:2509.21070v2, 2509.21070,      2",
            "'  2505.24864 ',   2505.24864,       -",
            "cond-mat/0603029,  cond-mat/0603029, -",
            "cond-mat/0603029v2, cond-mat/0603029, 2",
            "hep-th/9901001,    hep-th/9901001,   -",
            "math.GT/0309136,   math/0309136,     -",
            "math.CA/0611800v2, math/0611800,     2",
    })
    void canonicalizes(String raw, String canonical, Integer version) {
        assertEquals(Optional.of(new ArxivId(canonical, version)), ArxivId.parse(raw));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
            "2505.2486",          // five digits since 2015
            "1412.12345",         // four digits until 2014
            "0703.0001",          // new style began in April 2007
            "2513.24864",         // month 13
            "2500.24864",         // month 00
            "2505.24864v0",       // versions start at 1
            "2505.24864v",
            "2505.24864 v2",
            "2505-24864",
            "https://arxiv.org/abs/2505.24864",
            "cond-mat/060302",    // seven digits in old style
            "Cond-Mat/0603029",
            "math.gt/0309136",
            "math.GTX/0309136",
            "cond-mat/0613029",   // month 13
            "../../etc/passwd",
            "2505.24864<script>",
    })
    void rejects(String raw) {
        assertTrue(ArxivId.parse(raw).isEmpty(), () -> raw + " should not parse");
    }

    @Test
    void keepsKeyStableAcrossVersions() {
        assertEquals(ArxivId.parse("2505.24864v1").orElseThrow().canonical(),
                ArxivId.parse("2505.24864v3").orElseThrow().canonical());
    }
}
