package dev.paperdigest.notify;

import java.util.regex.Pattern;

/**
 * Feed- or user-controlled text made fit for one line: a mail subject, a name in a mail, a log line or a
 * dead-letter reason. Control and format characters (CR/LF and NUL included, so nothing can start a new header
 * line; bidi overrides too) and Unicode line/paragraph separators become spaces, runs of white space collapse to
 * one space, and the ends are stripped.
 */
public final class OneLineText {

    private static final Pattern BREAKS_AND_SPACES = Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}\\s]+");
    private static final String ELLIPSIS = "…";

    private OneLineText() {
    }

    /** The text on one line; "" for null. */
    public static String of(String text) {
        return text == null ? "" : BREAKS_AND_SPACES.matcher(text).replaceAll(" ").strip();
    }

    /** The text on one line, cut to at most {@code maxLength} chars (ending in "…" when cut, never inside a surrogate pair). */
    public static String of(String text, int maxLength) {
        String line = of(text);
        if (line.length() <= maxLength) {
            return line;
        }
        int end = maxLength - ELLIPSIS.length();
        if (end > 0 && Character.isHighSurrogate(line.charAt(end - 1))) {
            end--;
        }
        return line.substring(0, Math.max(end, 0)) + ELLIPSIS;
    }
}
