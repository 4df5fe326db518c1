package dev.paperdigest.ingest.paper;

import java.time.Instant;
import java.util.List;

/**
 * A paper that passed validation, keyed by its canonical arXiv id, with whitespace normalized and default links
 * filled in: what gets stored. Lists are never null (empty when unknown); the other optional fields may be.
 */
public record NormalizedPaper(
        String id,
        Integer version,
        String title,
        String abstractText,
        List<String> authors,
        List<String> categories,
        String primaryCategory,
        Instant publishedAt,
        PaperLinks links,
        Integer upvotes,
        List<String> sources) {

    /** Builds the stored form of a submission that is valid and {@linkplain PaperSubmission#normalized() normalized}. */
    static NormalizedPaper of(PaperSubmission s, ArxivId id) {
        return new NormalizedPaper(id.canonical(), id.version() != null ? id.version() : s.version(), s.title(),
                s.abstractText(), orEmpty(s.authors()), orEmpty(s.categories()), s.primaryCategory(), s.publishedAt(),
                PaperLinks.withArxivDefaults(s.links(), id.canonical()), s.upvotes(), orEmpty(s.sources()));
    }

    private static List<String> orEmpty(List<String> values) {
        return values == null ? List.of() : List.copyOf(values);
    }
}
