package dev.paperdigest.notify.matching.query;

import dev.paperdigest.notify.matching.PaperDocument;
import dev.paperdigest.notify.matching.RecordedPapers;
import dev.paperdigest.notify.matching.query.MatchExplainer.Explanation;
import dev.paperdigest.notify.matching.query.MatchExplainer.Span;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a digest highlights: the words of the paper, as given, that made a topic match. */
class MatchExplainerTest {

    private final TopicQueryParser parser = new TopicQueryParser();
    private final MatchExplainer explainer = new MatchExplainer();

    private Explanation explain(String titleStart, String query) {
        return explainer.explain(RecordedPapers.titled(titleStart), parser.parse(query));
    }

    @Test
    void aStemmedWordIsHighlightedAsWrittenInTheTitle() {
        PaperDocument paper = RecordedPapers.titled("Grokked Transformers");
        Explanation explanation = explain("Grokked Transformers", "title:transformer");

        assertTrue(explanation.matches());
        int at = paper.title().indexOf("Transformers");
        assertEquals(List.of(new Span("title", 0, at, at + "Transformers".length(), "Transformers")),
                explanation.spans());
    }

    @Test
    void anUnscopedWordIsHighlightedInTitleAndAbstractAtItsOwnOffsets() {
        PaperDocument paper = RecordedPapers.titled("A Luttinger Liquid");
        Explanation explanation = explain("A Luttinger Liquid", "luttinger superfluid");

        assertTrue(explanation.matches());
        List<Span> spans = explanation.spans();
        assertEquals(new Span("title", 0, paper.title().indexOf("Luttinger"),
                paper.title().indexOf("Luttinger") + 9, "Luttinger"), spans.get(0));
        for (Span span : spans) {
            String value = span.field().equals("title") ? paper.title() : paper.abstractText();
            assertEquals(value.substring(span.start(), span.end()), span.text());
            assertTrue(span.text().equalsIgnoreCase("luttinger") || span.text().equalsIgnoreCase("superfluid"),
                    span::toString);
        }
        assertTrue(spans.stream().anyMatch(s -> s.field().equals("abstract") && s.text().equals("superfluid")));
        assertTrue(spans.stream().anyMatch(s -> s.field().equals("abstract") && s.text().equals("Luttinger")));
    }

    @Test
    void aPhraseIsHighlightedAsOneStretch() {
        PaperDocument paper = RecordedPapers.titled("A Luttinger Liquid");
        Explanation explanation = explain("A Luttinger Liquid", "\"luttinger liquid theory\"");

        assertTrue(explanation.matches());
        Span first = explanation.spans().get(0);
        assertEquals("abstract", first.field());
        assertEquals("Luttinger liquid theory", first.text());
        assertEquals(paper.abstractText().indexOf("Luttinger liquid theory"), first.start());
    }

    @Test
    void aWildcardHighlightsTheWholeWord() {
        Explanation explanation = explain("UniGeo", "title:diffusion*");

        assertEquals(List.of("Diffusion"), explanation.spans().stream().map(Span::text).toList());
    }

    @Test
    void authorsAndCategoriesSayWhichOne() {
        PaperDocument paper = RecordedPapers.titled("Automatic Data Curation");
        int darcet = paper.authors().indexOf("Timothée Darcet");
        Explanation byAuthor = explainer.explain(paper, parser.parse("author:timothee"));
        assertEquals(List.of(new Span("author", darcet, 0, "Timothée".length(), "Timothée")), byAuthor.spans());

        PaperDocument focus = RecordedPapers.titled("Focus Session");
        Explanation byCategory = explainer.explain(focus, parser.parse("category:cs.AR"));
        int ar = focus.categories().indexOf("cs.AR");
        assertEquals(List.of(new Span("category", ar, 0, 5, "cs.AR")), byCategory.spans());
    }

    @Test
    void excludedWordsAreNeverHighlightedAndANonMatchHasNoSpans() {
        Explanation matched = explain("EasyText", "diffusion -video");
        assertTrue(matched.matches());
        assertTrue(matched.spans().stream().allMatch(s -> s.text().equalsIgnoreCase("diffusion")));

        Explanation excluded = explain("UniGeo", "diffusion -video");
        assertFalse(excluded.matches());
        assertEquals(List.of(), excluded.spans());
    }
}
