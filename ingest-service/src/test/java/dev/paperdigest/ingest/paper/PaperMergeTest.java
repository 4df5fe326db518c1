package dev.paperdigest.ingest.paper;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

/** What a second report of a stored paper changes in it ({@link Paper#absorb}). */
class PaperMergeTest {

    private static final ArxivId ID = ArxivId.parse("2505.24864");
    private static final Instant STORED_AT = Instant.parse("2025-06-02T03:00:00Z");
    private static final Instant LATER = Instant.parse("2025-06-03T03:00:00Z");

    @Test
    void arxivAddsCategoriesVersionAndAuthorsToAHuggingFaceFirstPaper() {
        Paper paper = Paper.from(huggingFace(35, List.of("Mingjie Liu", "Xingyu", "Yang")), STORED_AT);

        StoreOutcome outcome = paper.absorb(arxiv("arxiv-api", 1, null), LATER);

        assertEquals(StoreOutcome.ALREADY_KNOWN, outcome, "learning the version is no revision");
        assertEquals(1, paper.version);
        assertArrayEquals(new String[] { "cs.CL", "cs.AI", "cs.LG" }, paper.categories);
        assertEquals("cs.CL", paper.primaryCategory);
        assertArrayEquals(new String[] { "Mingjie Liu", "Xingyu (Alice) Yang" }, paper.authors, "arXiv's byline wins");
        assertArrayEquals(new String[] { "huggingface", "arxiv-api" }, paper.sources);
        assertEquals(35, paper.upvotes, "arXiv knows no upvotes");
        assertEquals("https://huggingface.co/papers/2505.24864", paper.links.huggingface());
        assertEquals(LATER, paper.updatedAt);
    }

    @Test
    void huggingFaceAddsUpvotesAndItsPageToAnArxivFirstPaper() {
        Paper paper = Paper.from(arxiv("arxiv-rss", 1, AnnounceType.NEW), STORED_AT);

        StoreOutcome outcome = paper.absorb(huggingFace(12, List.of("Mingjie Liu", "Xingyu", "Yang")), LATER);

        assertEquals(StoreOutcome.ALREADY_KNOWN, outcome);
        assertEquals(12, paper.upvotes);
        assertEquals("https://huggingface.co/papers/2505.24864", paper.links.huggingface());
        assertEquals("https://arxiv.org/abs/2505.24864", paper.links.abs());
        assertArrayEquals(new String[] { "Mingjie Liu", "Xingyu (Alice) Yang" }, paper.authors,
                "Hugging Face's split names never replace arXiv's");
        assertArrayEquals(new String[] { "arxiv-rss", "huggingface" }, paper.sources);
        assertEquals(1, paper.version);
    }

    @Test
    void aNewerVersionIsARevisionWithItsTitleAndAbstract() {
        Paper paper = Paper.from(arxiv("arxiv-rss", 1, AnnounceType.NEW), STORED_AT);
        NormalizedPaper v2 = new NormalizedPaper(ID.id(), 2, "ProRL, revised", "A better abstract.",
                List.of("Mingjie Liu"), List.of("cs.CL"), "cs.CL", null, PaperLinks.arxiv(ID), null,
                List.of("arxiv-rss"), AnnounceType.REPLACE);

        assertEquals(StoreOutcome.REVISED, paper.absorb(v2, LATER));

        assertEquals(2, paper.version);
        assertEquals("ProRL, revised", paper.title);
        assertEquals("A better abstract.", paper.abstractText);
        assertArrayEquals(new String[] { "Mingjie Liu" }, paper.authors);
        assertArrayEquals(new String[] { "cs.CL" }, paper.categories);
    }

    @Test
    void anOlderOrTheSameVersionChangesNothing() {
        Paper paper = Paper.from(arxiv("arxiv-api", 3, null), STORED_AT);
        String title = paper.title;
        String[] authors = paper.authors;

        assertEquals(StoreOutcome.ALREADY_KNOWN, paper.absorb(arxiv("arxiv-api", 3, null), LATER));
        assertEquals(StoreOutcome.ALREADY_KNOWN, paper.absorb(arxiv("arxiv-rss", 2, AnnounceType.REPLACE), LATER));

        assertEquals(3, paper.version);
        assertSame(title, paper.title);
        assertSame(authors, paper.authors, "an unchanged list is not even reassigned");
        assertArrayEquals(new String[] { "arxiv-api", "arxiv-rss" }, paper.sources);
    }

    @Test
    void aReportThatAddsNothingWritesNothing() {
        Paper paper = Paper.from(arxiv("arxiv-api", 1, null), STORED_AT);

        paper.absorb(arxiv("arxiv-api", 1, null), LATER);

        assertEquals(STORED_AT, paper.updatedAt);
    }

    @Test
    void aMissingPublicationDateIsFilledIn() {
        NormalizedPaper undated = new NormalizedPaper(ID.id(), null, "ProRL", "Abstract.", List.of(), List.of(), null,
                null, PaperLinks.arxiv(ID), null, List.of("manual"), null);
        Paper paper = Paper.from(undated, STORED_AT);

        paper.absorb(huggingFace(1, List.of()), LATER);

        assertEquals(Instant.parse("2025-05-30T17:59:01Z"), paper.publishedAt);
        assertArrayEquals(new String[] { "manual", "huggingface" }, paper.sources);
    }

    private static NormalizedPaper huggingFace(int upvotes, List<String> authors) {
        return new NormalizedPaper(ID.id(), null, "ProRL", "Abstract.", authors, List.of(), null,
                Instant.parse("2025-05-30T17:59:01Z"), PaperLinks.arxiv(ID).withHuggingFacePage(ID), upvotes,
                List.of("huggingface"), null);
    }

    private static NormalizedPaper arxiv(String source, int version, AnnounceType type) {
        return new NormalizedPaper(ID.id(), version, "ProRL", "Abstract.", List.of("Mingjie Liu", "Xingyu (Alice) Yang"),
                List.of("cs.CL", "cs.AI", "cs.LG"), "cs.CL", Instant.parse("2025-05-30T17:59:01Z"),
                PaperLinks.arxiv(ID), null, List.of(source), type);
    }
}
