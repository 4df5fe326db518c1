package dev.paperdigest.ingest.paper;

import java.util.ArrayList;
import java.util.List;

/** One author name as every source should spell it: TeX accents in Unicode, NFC, single spaces. */
public final class AuthorNameNormalizer {

    private AuthorNameNormalizer() {
    }

    /** The normalized name, or null when nothing is left of it. */
    public static String normalize(String rawName) {
        return TextNormalizer.normalizeToNull(TexAccentConverter.toUnicode(rawName));
    }

    /** The normalized names in order, leaving out those of which nothing is left (and nulls). */
    public static List<String> normalizeAll(List<String> rawNames) {
        List<String> names = new ArrayList<>(rawNames.size());
        for (String rawName : rawNames) {
            String name = normalize(rawName);
            if (name != null) {
                names.add(name);
            }
        }
        return names;
    }
}
