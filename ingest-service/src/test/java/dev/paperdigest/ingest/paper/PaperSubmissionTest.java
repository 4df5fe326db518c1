package dev.paperdigest.ingest.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;

class PaperSubmissionTest {

    @Test
    void joinsHardWrappedTitleAndAbstractIntoOneLine() {
        PaperSubmission s = submission("  Diffusion\n  Models\tfor\u00a0Text  ",
                "We study\r\n diffusion models.\n\nThey work.\u0000", List.of(" Ada  Lovelace\n"));

        PaperSubmission n = s.normalized();

        assertEquals("Diffusion Models for Text", n.title());
        assertEquals("We study diffusion models. They work.", n.abstractText());
        assertEquals(List.of("Ada Lovelace"), n.authors());
    }

    @Test
    void whitespaceOnlyTitleBecomesBlank() {
        assertEquals("", submission(" \n\t ", "x", List.of()).normalized().title());
    }

    @Test
    void dropsRepeatedCategoriesAndSourcesKeepingOrder() {
        PaperSubmission s = new PaperSubmission("2505.24864", null, "t", "a", null,
                List.of("cs.CL", "cs.AI", "cs.CL"), null, null, null, null, List.of("arxiv-rss", "huggingface", "arxiv-rss"));

        PaperSubmission n = s.normalized();

        assertEquals(List.of("cs.CL", "cs.AI"), n.categories());
        assertEquals(List.of("arxiv-rss", "huggingface"), n.sources());
        assertNull(n.authors());
    }

    @Test
    void storedFormTakesVersionFromIdAndDerivesArxivLinks() {
        PaperSubmission s = new PaperSubmission("2505.24864v2", null, "t", "a", null, null, null, null,
                new PaperLinks(null, null, "https://huggingface.co/papers/2505.24864"), 3, null);

        NormalizedPaper p = NormalizedPaper.of(s.normalized(), ArxivId.parse(s.id()));

        assertEquals("2505.24864", p.id());
        assertEquals(2, p.version());
        assertEquals(new PaperLinks("https://arxiv.org/abs/2505.24864", "https://arxiv.org/pdf/2505.24864",
                "https://huggingface.co/papers/2505.24864"), p.links());
        assertEquals(List.of(), p.authors());
        assertEquals(List.of(), p.categories());
        assertEquals(List.of(), p.sources());
    }

    @Test
    void storedFormKeepsGivenLinksAndVersionField() {
        PaperSubmission s = new PaperSubmission("cond-mat/0603029", 4, "t", "a", null, null, null, null,
                new PaperLinks("https://example.org/abs", null, null), null, null);

        NormalizedPaper p = NormalizedPaper.of(s, ArxivId.parse(s.id()));

        assertEquals(4, p.version());
        assertEquals("https://example.org/abs", p.links().abs());
        assertEquals("https://arxiv.org/pdf/cond-mat/0603029", p.links().pdf());
    }

    private static PaperSubmission submission(String title, String abstractText, List<String> authors) {
        return new PaperSubmission("2505.24864", null, title, abstractText, authors, null, null, null, null, null, null);
    }
}
