package dev.paperdigest.notify;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class OneLineTextTest {

    @ParameterizedTest(name = "U+{0}")
    @ValueSource(strings = {"000D", "000A", "0000", "0009", "001B", "007F", "0085", "2028", "2029", "202E", "200B",
            "FEFF"})
    void controlFormatAndSeparatorCharactersBecomeASpace(String codePoint) {
        String character = Character.toString(Integer.parseInt(codePoint, 16));
        assertEquals("Evil Bcc: victim@example.org", OneLineText.of("Evil" + character + "Bcc: victim@example.org"));
    }

    @Test
    void collapsesWhiteSpaceAndStripsTheEnds() {
        assertEquals("a b c", OneLineText.of("  a \r\n\t b\u2028\u2029 c \n"));
        assertEquals("", OneLineText.of(null));
        assertEquals("Ünïcödé, $\\frac{1}{3}$ <b>kept</b>", OneLineText.of("Ünïcödé, $\\frac{1}{3}$ <b>kept</b>"));
    }

    @Test
    void capsWithAnEllipsisAndNeverSplitsASurrogatePair() {
        assertEquals("abc", OneLineText.of("abc", 3));
        assertEquals("ab…", OneLineText.of("abcd", 3));
        String emoji = "\uD83D\uDE00";
        assertEquals("a…", OneLineText.of("a" + emoji + "bc", 3), "the emoji does not fit whole, so it goes");
        assertEquals("a" + emoji + "…", OneLineText.of("a" + emoji + "bc", 4));
    }
}
