package dev.paperdigest.ingest.paper;

import java.text.Normalizer;
import java.util.regex.Pattern;

/**
 * Titles and abstracts arrive hard-wrapped ({@code "\n  "}) with leading blanks, from feeds and clients alike;
 * matching and mails want one line. Only whitespace changes: LaTeX ({@code $\frac{1}{3}<s<1$}) and TeX accents
 * are kept as written, because in abstracts accent macros cannot be told apart from math macros without a TeX
 * parser. Control characters go too: PostgreSQL text cannot hold NUL, and a mail would show them as garbage.
 * Invisible format characters go without a trace: bidi overrides and zero-width spaces can make a title or name
 * read differently from what it is. Zero-width (non-)joiners stay: Persian and Indic names and emoji need them.
 */
public final class TextNormalizer {

    // \s is ASCII-only in Java; \p{Z} adds no-break and other Unicode spaces, \p{Cc} control characters.
    private static final Pattern WHITESPACE_RUN = Pattern.compile("[\\s\\p{Z}\\p{Cc}]+");
    // \p{Cf}: bidi embeddings/overrides/isolates, zero-width space, BOM, soft hyphen...; not ZWNJ/ZWJ.
    private static final Pattern FORMAT = Pattern.compile("[\\p{Cf}&&[^\\u200C\\u200D]]+");

    private TextNormalizer() {
    }

    /**
     * Runs of whitespace and control characters become one space, format characters go, ends trimmed, NFC; null
     * stays null.
     */
    public static String normalize(String text) {
        if (text == null) {
            return null;
        }
        String visible = FORMAT.matcher(text).replaceAll("");
        String collapsed = WHITESPACE_RUN.matcher(visible).replaceAll(" ").strip();
        return Normalizer.normalize(collapsed, Normalizer.Form.NFC);
    }

    /** Like {@link #normalize(String)}, but blank text becomes null: "no abstract" rather than "". */
    public static String normalizeToNull(String text) {
        String normalized = normalize(text);
        return normalized == null || normalized.isEmpty() ? null : normalized;
    }
}
