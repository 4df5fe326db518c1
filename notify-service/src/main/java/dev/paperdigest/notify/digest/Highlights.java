package dev.paperdigest.notify.digest;

import dev.paperdigest.notify.matching.query.MatchExplainer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Cuts a title or abstract into plain and highlighted stretches from the spans a topic matched, and, for an
 * abstract, into a snippet around the first match. The text stays text: the templates escape every stretch.
 */
final class Highlights {

    private static final Pattern BREAKS_AND_SPACES = Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}\\s]+");
    private static final String ELLIPSIS = "…";
    /** Characters of context kept before the first match of a snippet. */
    private static final int LEAD = 80;

    private Highlights() {
    }

    /**
     * @param spans     matched stretches of {@code text} (any order, may overlap)
     * @param maxLength the longest snippet; a longer text is cut around the first match (or from its start)
     */
    static List<DigestMail.Segment> segments(String text, List<MatchExplainer.Span> spans, int maxLength) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        List<int[]> ranges = merged(spans, text.length());
        int from = 0;
        int to = text.length();
        if (to > maxLength) {
            int first = ranges.isEmpty() ? 0 : ranges.get(0)[0];
            from = first <= LEAD ? 0 : wordStart(text, first - LEAD);
            to = wordEnd(text, Math.min(text.length(), from + maxLength));
        }
        List<DigestMail.Segment> segments = new ArrayList<>();
        if (from > 0) {
            segments.add(new DigestMail.Segment(ELLIPSIS, false));
        }
        int at = from;
        for (int[] range : ranges) {
            int start = Math.max(range[0], from);
            int end = Math.min(range[1], to);
            if (start >= end) {
                continue;
            }
            add(segments, text.substring(at, start), false);
            add(segments, text.substring(start, end), true);
            at = end;
        }
        add(segments, text.substring(at, to), false);
        if (to < text.length()) {
            segments.add(new DigestMail.Segment(ELLIPSIS, false));
        }
        return segments;
    }

    private static List<int[]> merged(List<MatchExplainer.Span> spans, int length) {
        List<int[]> sorted = spans.stream()
                .filter(span -> span.start() >= 0 && span.end() <= length && span.start() < span.end())
                .map(span -> new int[] {span.start(), span.end()})
                .sorted(Comparator.comparingInt(range -> range[0]))
                .toList();
        List<int[]> merged = new ArrayList<>();
        for (int[] range : sorted) {
            int[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && range[0] <= last[1]) {
                last[1] = Math.max(last[1], range[1]);
            } else {
                merged.add(range.clone());
            }
        }
        return merged;
    }

    private static void add(List<DigestMail.Segment> segments, String text, boolean highlighted) {
        String flat = BREAKS_AND_SPACES.matcher(text).replaceAll(" ");
        if (segments.isEmpty()) {
            flat = flat.stripLeading();
        }
        if (!flat.isEmpty()) {
            segments.add(new DigestMail.Segment(flat, highlighted));
        }
    }

    /** The start of the word at {@code index} (or the next one), so a snippet does not begin mid-word. */
    private static int wordStart(String text, int index) {
        int space = text.indexOf(' ', Math.max(0, index));
        return space < 0 ? index : space + 1;
    }

    /** The end of the word before {@code index}. */
    private static int wordEnd(String text, int index) {
        if (index >= text.length()) {
            return text.length();
        }
        int space = text.lastIndexOf(' ', index);
        return space <= 0 ? index : space;
    }
}
