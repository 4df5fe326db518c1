package dev.paperdigest.ingest.paper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One paper as posted to {@code POST /api/papers}: the fields of the event payload, as a client or feed sends them.
 * Limits keep one request (up to {@link PaperBatchReader#MAX_PAPERS} papers) within a sane size.
 */
@Schema(name = "PaperSubmission", description = "A paper to ingest; the same fields as the papers.new event payload.")
public record PaperSubmission(
        @Schema(description = "arXiv id, new style (2505.24864) or old style (cond-mat/0603029, math.GT/0309136), "
                + "optionally with a vN suffix", required = true, examples = "2505.24864v1")
        @NotNull @ArxivIdentifier String id,

        @Schema(description = "arXiv version; taken from the id's vN suffix when there is one")
        @Min(1) Integer version,

        @Schema(required = true, maxLength = MAX_TITLE)
        @NotBlank @Size(max = MAX_TITLE) String title,

        @Schema(required = true, maxLength = MAX_ABSTRACT)
        @JsonProperty("abstract") @NotBlank @Size(max = MAX_ABSTRACT) String abstractText,

        @Schema(maxItems = MAX_AUTHORS)
        @Size(max = MAX_AUTHORS) List<@NotBlank @Size(max = MAX_NAME) String> authors,

        @Schema(maxItems = MAX_CATEGORIES, examples = "[\"cs.CL\", \"cs.AI\"]")
        @Size(max = MAX_CATEGORIES) List<@NotNull @ArxivCategory String> categories,

        @Schema(examples = "cs.CL")
        @ArxivCategory String primaryCategory,

        @Schema(description = "first publication on arXiv, RFC 3339", examples = "2025-05-30T17:59:01Z")
        @PlausiblePublicationTime Instant publishedAt,

        @Schema(description = "abs and pdf default to arxiv.org links derived from the id")
        @Valid PaperLinks links,

        @PositiveOrZero Integer upvotes,

        @Schema(description = "feeds that reported the paper", examples = "[\"huggingface\"]")
        @Size(max = MAX_SOURCES) List<@NotNull @jakarta.validation.constraints.Pattern(regexp = SOURCE_PATTERN,
                message = "must be a short lower-case feed name") String> sources) {

    public static final int MAX_TITLE = 1000;
    public static final int MAX_ABSTRACT = 20_000;
    /** The largest collaborations (ATLAS, CMS) sign with about 3,000 names. */
    public static final int MAX_AUTHORS = 5000;
    public static final int MAX_NAME = 300;
    public static final int MAX_CATEGORIES = 50;
    public static final int MAX_SOURCES = 10;
    static final String SOURCE_PATTERN = "[a-z0-9][a-z0-9-]{0,39}";

    /**
     * The submission with title, abstract and author names normalized the same way as every feed's (one line each,
     * TeX accents in names as Unicode) and without repeated categories or sources. Validation runs on this form, so
     * a title of only spaces counts as blank.
     */
    public PaperSubmission normalized() {
        return new PaperSubmission(id == null ? null : id.strip(), version, TextNormalizer.normalize(title),
                TextNormalizer.normalize(abstractText),
                authors == null ? null : authors.stream().map(AuthorNameNormalizer::normalize).toList(),
                distinct(categories), primaryCategory, publishedAt, links, upvotes, distinct(sources));
    }

    /**
     * A feed's paper in the shape clients post, so that it is held to the same rules before it is stored: one
     * definition of a valid paper for every way in.
     */
    public static PaperSubmission of(NormalizedPaper paper) {
        return new PaperSubmission(paper.id(), paper.version(), paper.title(), paper.abstractText(), paper.authors(),
                paper.categories(), paper.primaryCategory(), paper.publishedAt(), paper.links(), paper.upvotes(),
                paper.sources());
    }

    private static List<String> distinct(List<String> values) {
        return values == null ? null : new ArrayList<>(new LinkedHashSet<>(values));
    }
}
