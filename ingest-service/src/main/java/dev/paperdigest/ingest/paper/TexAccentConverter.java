package dev.paperdigest.ingest.paper;

import java.text.Normalizer;
import java.util.Map;

/**
 * Turns the TeX spellings arXiv authors type into Unicode: {@code Schr\"odinger} → Schrödinger,
 * {@code Przemys{\l}aw} → Przemysław, {@code \'{e}}, {@code {\'e}}, {@code \c{c}}, {@code \ss}, {@code {\o}}...
 *
 * <p>Table-driven: an accent command adds a combining mark after the first letter of its argument and
 * NFC composes the pair, so every letter/accent combination works without listing them. Grouping braces
 * are dropped; an unknown control word is formatting in a name ({@code \textsc{Li}}), so it is dropped and
 * its argument kept; an unknown control symbol is kept as written.
 */
public final class TexAccentConverter {

    // Accent command → combining mark placed after its argument's first letter.
    private static final Map<String, Character> ACCENTS = Map.ofEntries(
            Map.entry("'", '\u0301'),  // acute
            Map.entry("`", '\u0300'),  // grave
            Map.entry("^", '\u0302'),  // circumflex
            Map.entry("\"", '\u0308'), // diaeresis
            Map.entry("~", '\u0303'),  // tilde
            Map.entry("=", '\u0304'),  // macron
            Map.entry(".", '\u0307'),  // dot above
            Map.entry("u", '\u0306'),  // breve
            Map.entry("v", '\u030C'),  // caron
            Map.entry("H", '\u030B'),  // double acute
            Map.entry("r", '\u030A'),  // ring above
            Map.entry("c", '\u0327'),  // cedilla
            Map.entry("k", '\u0328'),  // ogonek
            Map.entry("d", '\u0323'),  // dot below
            Map.entry("b", '\u0331')); // macron below

    // Letter commands that stand for a letter of their own.
    private static final Map<String, String> LETTERS = Map.ofEntries(
            Map.entry("l", "ł"), Map.entry("L", "Ł"),
            Map.entry("o", "ø"), Map.entry("O", "Ø"),
            Map.entry("ss", "ß"),
            Map.entry("aa", "å"), Map.entry("AA", "Å"),
            Map.entry("ae", "æ"), Map.entry("AE", "Æ"),
            Map.entry("oe", "œ"), Map.entry("OE", "Œ"),
            Map.entry("dh", "ð"), Map.entry("DH", "Ð"),
            Map.entry("th", "þ"), Map.entry("TH", "Þ"),
            Map.entry("ng", "ŋ"), Map.entry("NG", "Ŋ"),
            Map.entry("dj", "đ"), Map.entry("DJ", "Đ"),
            Map.entry("i", "ı"), Map.entry("j", "ȷ"));

    // Escaped specials and spacing commands.
    private static final Map<String, String> SYMBOLS = Map.ofEntries(
            Map.entry("&", "&"), Map.entry("%", "%"), Map.entry("$", "$"), Map.entry("#", "#"),
            Map.entry("_", "_"), Map.entry("{", "{"), Map.entry("}", "}"),
            Map.entry(" ", " "), Map.entry(",", " "), Map.entry("\\", " "),
            Map.entry("-", "")); // discretionary hyphen

    /**
     * Accents inside accents deeper than this are dropped: real names nest one or two, and each level costs stack
     * (a feed string of nested accents would otherwise end in a StackOverflowError).
     */
    static final int MAX_NESTING = 16;

    private TexAccentConverter() {
    }

    /** Converts TeX accents and special letters to Unicode, NFC-composed; null stays null. */
    public static String toUnicode(String text) {
        if (text == null) {
            return null;
        }
        if (!containsTexSyntax(text)) {
            return Normalizer.normalize(text, Normalizer.Form.NFC);
        }
        return Normalizer.normalize(convert(text, 0), Normalizer.Form.NFC);
    }

    private static boolean containsTexSyntax(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' || c == '{' || c == '}' || c == '~') {
                return true;
            }
        }
        return false;
    }

    private static String convert(String text, int depth) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                i = command(text, i + 1, out, depth);
            } else if (c == '{' || c == '}') {
                i++; // grouping braces ({M}\"uller, {\o}) carry no text
            } else if (c == '~') {
                out.append(' '); // TeX tie: an unbreakable space
                i++;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** Converts the command whose name starts at {@code start} (just after the backslash); returns the next index. */
    private static int command(String text, int start, StringBuilder out, int depth) {
        boolean word = isAsciiLetter(text.charAt(start));
        int end = start + 1;
        if (word) {
            while (end < text.length() && isAsciiLetter(text.charAt(end))) {
                end++;
            }
        }
        String name = text.substring(start, end);
        // TeX swallows the spaces after a control word (Przemys\l aw), not after a control symbol (\'e).
        int next = word ? skipSpaces(text, end) : end;

        Character mark = ACCENTS.get(name);
        if (mark != null) {
            return accent(text, next, mark, out, depth);
        }
        String letter = LETTERS.get(name);
        if (letter != null) {
            out.append(letter);
            return next;
        }
        String symbol = word ? null : SYMBOLS.get(name);
        if (symbol != null) {
            out.append(symbol);
            return end;
        }
        if (word) {
            return next; // unknown control word: formatting, its braced argument follows as plain text
        }
        out.append('\\').append(name);
        return end;
    }

    /** Reads the accent's argument at {@code start} ({@code e}, {@code {e}}, {@code \i}, {@code {\i}}) and emits it accented. */
    private static int accent(String text, int start, char mark, StringBuilder out, int depth) {
        if (start >= text.length() || depth >= MAX_NESTING) {
            return start; // too deep: the accent is dropped, its argument read as plain text by the caller
        }
        String base;
        int next;
        char c = text.charAt(start);
        if (c == '{') {
            int close = matchingBrace(text, start);
            base = convert(text.substring(start + 1, close), depth + 1);
            next = Math.min(close + 1, text.length());
        } else if (c == '\\' && start + 1 < text.length()) {
            StringBuilder nested = new StringBuilder();
            next = command(text, start + 1, nested, depth + 1);
            base = nested.toString();
        } else {
            base = text.substring(start, start + Character.charCount(text.codePointAt(start)));
            next = start + base.length();
        }
        if (base.isEmpty()) {
            return next;
        }
        // \'\i is how TeX writes í: the accent replaces the dot, Unicode wants the plain letter.
        int first = base.codePointAt(0);
        if (first == 'ı') {
            first = 'i';
        } else if (first == 'ȷ') {
            first = 'j';
        }
        out.appendCodePoint(first).append(mark).append(base, Character.charCount(base.codePointAt(0)), base.length());
        return next;
    }

    private static int matchingBrace(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++; // an escaped brace does not count
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        return text.length(); // unbalanced: the rest is the argument
    }

    private static int skipSpaces(String text, int index) {
        while (index < text.length() && text.charAt(index) == ' ') {
            index++;
        }
        return index;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
