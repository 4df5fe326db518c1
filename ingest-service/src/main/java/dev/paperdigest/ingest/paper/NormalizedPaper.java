package dev.paperdigest.ingest.paper;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One paper as a feed or a client reported it, normalized: the parsers' output, the input of validation, merge
 * and storage. Lists are never null (empty when unknown); the other optional fields may be.
 *
 * @param id              canonical arXiv id without version ({@code 2404.12345}, {@code cond-mat/0603029})
 * @param version         version number, null when the reporter does not say (Hugging Face)
 * @param title           one line, LaTeX kept as written
 * @param abstractText    one line, LaTeX kept as written; null when the feed has none (such a paper is not stored)
 * @param authors         names in byline order, TeX accents turned into Unicode (NFC)
 * @param categories      arXiv categories, primary first when known
 * @param primaryCategory null when unknown
 * @param publishedAt     first publication (v1) time; for arXiv RSS the announcement; null when unknown
 * @param links           never null; single links may be null
 * @param upvotes         Hugging Face upvotes, null elsewhere
 * @param sources         the feeds that reported it: {@code huggingface}, {@code arxiv-rss}, {@code arxiv-api}
 * @param announceType    how arXiv RSS announced it; null for everything else
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
        List<String> sources,
        AnnounceType announceType) {

    public NormalizedPaper {
        requireText(id, "id");
        requireText(title, "title");
        authors = orEmpty(authors);
        categories = orEmpty(categories);
        sources = orEmpty(sources);
        Objects.requireNonNull(links, "links");
    }

    /** Builds the stored form of a submission that is valid and {@linkplain PaperSubmission#normalized() normalized}. */
    static NormalizedPaper of(PaperSubmission s, ArxivId id) {
        return new NormalizedPaper(id.id(), id.version() != null ? id.version() : s.version(), s.title(),
                s.abstractText(), s.authors(), s.categories(), s.primaryCategory(), s.publishedAt(),
                PaperLinks.withArxivDefaults(s.links(), id), s.upvotes(), s.sources(), null);
    }

    /** True when arXiv announced a new version of an older paper rather than a new paper. */
    public boolean isRevision() {
        return announceType != null && announceType.isRevision();
    }

    private static List<String> orEmpty(List<String> values) {
        return values == null ? List.of() : List.copyOf(values);
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
