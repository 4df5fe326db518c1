package dev.paperdigest.ingest.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PaperLinksTest {

    private static final ArxivId ID = ArxivId.parse("2505.24864v2");

    @Test
    void arxivLinksAreVersionLess() {
        assertEquals(new PaperLinks("https://arxiv.org/abs/2505.24864", "https://arxiv.org/pdf/2505.24864", null),
                PaperLinks.arxiv(ID));
        assertEquals("https://huggingface.co/papers/2505.24864", PaperLinks.arxiv(ID).withHuggingFacePage(ID).huggingface());
    }

    @Test
    void aSecondSourceOnlyFillsWhatIsMissing() {
        PaperLinks stored = new PaperLinks("https://example.org/abs", null, null);

        PaperLinks merged = stored.fillFrom(PaperLinks.arxiv(ID).withHuggingFacePage(ID));

        assertEquals(new PaperLinks("https://example.org/abs", "https://arxiv.org/pdf/2505.24864",
                "https://huggingface.co/papers/2505.24864"), merged);
        assertEquals(stored, stored.fillFrom(null));
    }
}
