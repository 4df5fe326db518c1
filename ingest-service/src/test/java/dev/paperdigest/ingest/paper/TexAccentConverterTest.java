package dev.paperdigest.ingest.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.text.Normalizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TexAccentConverterTest {

    // '|' separates columns: TeX names are full of commas and quotes.
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "Schr\\\"odinger               | Schrödinger",
        "Przemys{\\l}aw                | Przemysław",
        "Przemys\\l aw                 | Przemysław",
        "Ren{\\'e}                     | René",
        "Ren\\'{e}                     | René",
        "Ren\\'e                       | René",
        "Pe\\~na                       | Peña",
        "Fran\\c{c}ois                 | François",
        "Fran\\c cois                  | François",
        "Stra\\ss e                    | Straße",
        "Stra{\\ss}e                   | Straße",
        "Bj{\\o}rn                     | Bjørn",
        "S\\O ren                      | SØren",
        "{\\AA}ngstr{\\\"o}m           | Ångström",
        "H\\aa kon                     | Håkon",
        "Mar\\'{\\i}a                  | María",
        "Mar\\'\\i a                   | María",
        "Du\\v{s}an                    | Dušan",
        "Erd\\H{o}s                    | Erdős",
        "Wa\\l\\k{e}sa                 | Wałęsa",
        "G\\\"{u}nther                 | Günther",
        "\\'Ecole                      | École",
        "Cr\\`eve                      | Crève",
        "Gr\\^ace                      | Grâce",
        "Jos\\'e~Garc\\'ia             | José García",
        "{M}\\\"uller                  | Müller",
        "\\AE{}lfric                   | Ælfric",
        "Tom\\'{a}\\v{s} Mikolov       | Tomáš Mikolov",
        "Johnson \\& Johnson           | Johnson & Johnson",
        "\\textsc{Li} Wei              | Li Wei",
        "Smith\\@                      | Smith\\@",
        "Plain Name                    | Plain Name",
    })
    void convertsTexToUnicode(String tex, String unicode) {
        assertEquals(unicode, TexAccentConverter.toUnicode(tex));
    }

    @Test
    void resultIsNfcComposed() {
        String converted = TexAccentConverter.toUnicode("Schr\\\"odinger");

        assertEquals(Normalizer.normalize(converted, Normalizer.Form.NFC), converted);
        assertEquals(11, converted.length()); // one code point for ö, not o + U+0308
    }

    @Test
    void decomposedInputIsComposedToo() {
        assertEquals("Üstün", TexAccentConverter.toUnicode("U\u0308stu\u0308n"));
    }

    @Test
    void nullStaysNull() {
        assertNull(TexAccentConverter.toUnicode(null));
    }

    @Test
    void deeplyNestedAccentsFromAFeedDoNotOverflowTheStack() {
        // A few KB of nested accents used to recurse once per accent and end in a StackOverflowError.
        String chained = TexAccentConverter.toUnicode("x" + "\\'".repeat(3000));
        String braced = TexAccentConverter.toUnicode("\\'{".repeat(20000));

        assertEquals("x", chained);
        assertEquals("", braced);
    }

    @Test
    void shallowNestingStillConverts() {
        assertEquals("é", TexAccentConverter.toUnicode("\\'{\\'{e}}").substring(0, 1));
    }
}
