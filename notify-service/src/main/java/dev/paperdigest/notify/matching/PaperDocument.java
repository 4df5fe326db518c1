package dev.paperdigest.notify.matching;

import java.util.List;

/** The parts of a paper that topics are matched against; lists are never null. */
public record PaperDocument(String id, String title, String abstractText, List<String> authors,
        List<String> categories) {

    public PaperDocument {
        authors = authors == null ? List.of() : List.copyOf(authors);
        categories = categories == null ? List.of() : List.copyOf(categories);
    }
}
