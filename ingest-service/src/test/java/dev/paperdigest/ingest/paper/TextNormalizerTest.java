package dev.paperdigest.ingest.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class TextNormalizerTest {

    @Test
    void hardWrapsAndLeadingBlanksBecomeSingleSpaces() {
        assertEquals("From stripe to checkerboard order on the square lattice in the presence of quenched disorder",
                TextNormalizer.normalize("From stripe to checkerboard order on the square lattice in the presence\n"
                        + "  of quenched disorder"));
        assertEquals("As helium-4 is cooled below 2.17 K it undergoes",
                TextNormalizer.normalize("  As helium-4 is cooled\tbelow 2.17 K it\r\nundergoes\n"));
    }

    @Test
    void unicodeSpacesCollapseToo() {
        assertEquals("a b c", TextNormalizer.normalize("a\u00a0\u00a0b\u2009c"));
    }

    @Test
    void controlCharactersGoLikeWhitespace() {
        assertEquals("They work. Really.", TextNormalizer.normalize("They work.\u0000\u0007Really.\u001b"));
    }

    @Test
    void invisibleFormatCharactersGo() {
        // A right-to-left override would show "Attention is all you need" reversed after it; a zero-width space
        // and a BOM hide inside words.
        assertEquals("Attention is all you need", TextNormalizer.normalize("\u202EAtten\u200Btion is all you need\u202C\uFEFF"));
        assertEquals("Ada Lovelace", TextNormalizer.normalize("Ada \u2066Love\u00ADlace\u2069"));
    }

    @Test
    void joinersThatSpellNamesStay() {
        String persian = "\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645";
        assertEquals(persian, TextNormalizer.normalize(persian));
    }

    @Test
    void latexAndTexAccentsAreKeptAsWritten() {
        String abstractText = "for $\\frac{1}{3}<s<1$ the R\\'{e}nyi entropy of $\\delta$-function bosons";

        assertEquals(abstractText, TextNormalizer.normalize(abstractText));
    }

    @Test
    void blankBecomesNullOnlyWhenAsked() {
        assertEquals("", TextNormalizer.normalize(" \n "));
        assertNull(TextNormalizer.normalizeToNull(" \n "));
        assertNull(TextNormalizer.normalize(null));
    }
}
