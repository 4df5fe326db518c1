package dev.paperdigest.ingest.source.arxiv;

import dev.paperdigest.ingest.paper.AuthorNameNormalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Splits an RSS {@code dc:creator} — one string such as {@code "A. Smith (MIT, USA), B. Jones and C. Li"} —
 * into normalized author names.
 *
 * <p>Parenthesised affiliations are dropped before splitting: they may hold commas, and the other sources
 * give bare names, which the merge compares against.
 */
public final class CreatorListSplitter {

    // ", " and ", and " and " and " all separate names.
    private static final Pattern SEPARATOR = Pattern.compile("\\s*,\\s*(?:and\\s+)?|\\s+and\\s+");
    // Pieces that belong to the name before them ("John Smith, Jr.").
    private static final Set<String> NAME_SUFFIXES = Set.of("Jr", "Jr.", "Sr", "Sr.", "II", "III", "IV");

    private CreatorListSplitter() {
    }

    /** The authors in byline order; empty for a null or blank creator string. */
    public static List<String> split(String creators) {
        List<String> names = new ArrayList<>();
        if (creators == null || creators.isBlank()) {
            return names;
        }
        for (String piece : SEPARATOR.split(withoutParentheses(creators))) {
            String name = AuthorNameNormalizer.normalize(piece);
            if (name == null) {
                continue;
            }
            if (NAME_SUFFIXES.contains(name) && !names.isEmpty()) {
                names.set(names.size() - 1, names.get(names.size() - 1) + " " + name);
            } else {
                names.add(name);
            }
        }
        return names;
    }

    /** Removes (possibly nested) parenthesised text; unbalanced parentheses are only deleted, never swallow names. */
    static String withoutParentheses(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth = Math.max(0, depth - 1);
            } else if (depth == 0) {
                out.append(c);
            }
        }
        if (depth > 0) {
            return text.replace("(", " ").replace(")", " ");
        }
        return out.toString();
    }
}
