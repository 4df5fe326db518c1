package dev.paperdigest.notify.matching.query;

import dev.paperdigest.notify.matching.PaperDocument;
import dev.paperdigest.notify.matching.RecordedPapers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The query language, judged by which real papers a topic finds, and the errors a subscriber sees. */
class TopicQueryParserTest {

    private final TopicQueryParser parser = new TopicQueryParser();
    private final MatchExplainer explainer = new MatchExplainer();

    /** Papers that are not in the recorded feeds; every other paper of these tests is a real one. */
    private static final PaperDocument SCHRODINGER = new PaperDocument("test-1",
            "Quantisation as an eigenvalue problem", "The usual quantisation rule is replaced by another postulate.",
            List.of("Erwin Schrödinger"), List.of("quant-ph"));
    private static final PaperDocument LECUN = new PaperDocument("test-2", "Gradient-based learning applied to document"
            + " recognition", "Multilayer neural networks trained with back-propagation.",
            List.of("Yann LeCun", "Léon Bottou", "Yoshua Bengio", "Patrick Haffner"), List.of("cs.LG"));
    private static final PaperDocument DIFFUSION_MRI = new PaperDocument("test-3",
            "Fibre tracking with diffusion MRI", "Diffusion-weighted imaging of the white matter.",
            List.of("A. Author"), List.of("physics.med-ph"));

    private static PaperDocument paper(String titleStart) {
        return switch (titleStart) {
            case "SCHRODINGER" -> SCHRODINGER;
            case "LECUN" -> LECUN;
            case "DIFFUSION_MRI" -> DIFFUSION_MRI;
            default -> RecordedPapers.titled(titleStart);
        };
    }

    @ParameterizedTest(name = "{0} finds \"{1}\": {2}")
    @CsvSource(delimiter = '|', textBlock = """
            transformer                              | Grokked Transformers         | true
            transformers                             | EasyText                     | true
            Transformers                             | Stacking Your Transformers   | true
            grokked transformers                     | Grokked Transformers         | true
            grokked transformers                     | Stacking Your Transformers   | false
            '"diffusion transformer"'                | EasyText                     | true
            '"transformer diffusion"'                | EasyText                     | false
            '"diffusion transformer"'                | UniGeo                       | false
            diffusion AND video                      | UniGeo                       | true
            diffusion AND video                      | EasyText                     | false
            diffusion OR luttinger                   | A Luttinger Liquid           | true
            diffusion OR luttinger                   | UniGeo                       | true
            diffusion OR luttinger                   | Grokked Transformers         | false
            diffusion NOT video                      | EasyText                     | true
            diffusion NOT video                      | UniGeo                       | false
            diffusion -video                         | UniGeo                       | false
            diffusion -MRI                           | EasyText                     | true
            diffusion -MRI                           | DIFFUSION_MRI                | false
            diffusion                                | DIFFUSION_MRI                | true
            (video OR text) diffusion                | EasyText                     | true
            (video OR text) diffusion                | UniGeo                       | true
            (video OR text) diffusion                | Stacking Your Transformers   | false
            transform*                               | Grokked Transformers         | true
            diffusion*                               | UniGeo                       | true
            grokk*                                   | Grokked Transformers         | true
            title:luttinger                          | A Luttinger Liquid           | true
            title:superfluid                         | A Luttinger Liquid           | false
            abstract:superfluid                      | A Luttinger Liquid           | true
            superfluid                               | A Luttinger Liquid           | true
            '"Luttinger liquid theory"'              | A Luttinger Liquid           | true
            '"liquid Luttinger"'                     | A Luttinger Liquid           | false
            '"Luttinger theory"~1'                   | A Luttinger Liquid           | true
            helium-4 nanopores                       | A Luttinger Liquid           | true
            author:"Del Maestro"                     | A Luttinger Liquid           | true
            author:"Maestro Del"                     | A Luttinger Liquid           | false
            author:maestro                           | A Luttinger Liquid           | true
            author:schrodinger                       | SCHRODINGER                  | true
            author:Schrödinger                       | SCHRODINGER                  | true
            author:timothee                          | Automatic Data Curation      | true
            author:"Yann LeCun"                      | LECUN                        | true
            author:"LeCun Léon"                      | LECUN                        | false
            author:leon                              | LECUN                        | true
            author:yann                              | A Luttinger Liquid           | false
            category:cs.LG                           | Focus Session                | true
            category:CS.lg                           | Focus Session                | true
            category:cs.LG                           | A Luttinger Liquid           | false
            category:cs.*                            | Focus Session                | true
            category:cs.*                            | A Luttinger Liquid           | false
            category:cond-mat.*                      | A Luttinger Liquid           | true
            title:(transformers reasoners)           | Grokked Transformers         | true
            title:(transformers growth)              | Stacking Your Transformers   | true
            title:(transformers growth)              | Grokked Transformers         | false
            """)
    void aTopicFindsThePapersItDescribes(String query, String titleStart, boolean found) {
        assertEquals(found, explainer.explain(paper(titleStart), parser.parse(query)).matches());
    }

    @ParameterizedTest(name = "{0} -> position {1}")
    @CsvSource(delimiter = '|', textBlock = """
            ''                          | 1  | the query is empty
            '   '                       | 1  | the query is empty
            the of                      | 1  | no words to search for
            -diffusion                  | 1  | cannot only exclude words
            NOT diffusion               | 1  | cannot only exclude words
            transformer (-video -text)  | 14 | cannot only exclude words
            *former                     | 1  | cannot start with a wildcard
            diffusion ?ideo             | 11 | cannot start with a wildcard
            tr*                         | 1  | at least 3 characters before the
            video di*                   | 7  | at least 3 characters before the
            trans?ormer                 | 6  | is not supported; only a
            fo*rmer                     | 3  | only allowed at the end of a word
            diffusion *                 | 11 | a lone
            roam~                       | 5  | fuzzy matching
            diffusion roam~2            | 15 | fuzzy matching
            '"a b"~99'                  | 6  | from 0 to 10
            video /dif+usion/           | 7  | regular expression
            year:[2020 TO 2024]         | 1  | 'unknown field ''year:'''
            title:[a TO b]              | 7  | ranges
            diffusion^2                 | 10 | boosts
            venue:neurips               | 1  | 'unknown field ''venue:'''
            diffusion venue:neurips     | 11 | put it in quotes
            diffusion AND               | 11 | ends too early
            (diffusion video            | 1  | never closed
            diffusion video)            | 16 | closes nothing
            '"diffusion video'          | 1  | quote opened here is never closed
            'video "diffusion'          | 7  | quote opened here is never closed
            AND diffusion               | 1  | needs words on both sides
            diffusion OR OR video       | 14 | needs words on both sides
            diffusion video OR text     | 17 | add parentheses
            diffusion OR -video         | 11 | add parentheses
            ((((diffusion))))           | 4  | nested more than 3 deep
            """)
    void aQueryThatCannotBeUsedSaysWhatAndWhere(String query, int position, String message) {
        InvalidTopicQueryException e = assertThrows(InvalidTopicQueryException.class, () -> parser.parse(query));
        assertTrue(e.getMessage().contains(message), () -> "message: " + e.getMessage());
        assertEquals(position, e.position(), () -> "message: " + e.getMessage());
    }

    @Test
    void theSizeLimitsAreEnforced() {
        InvalidTopicQueryException tooLong = assertThrows(InvalidTopicQueryException.class,
                () -> parser.parse("diffusion ".repeat(40)));
        assertEquals(TopicQueryParser.MAX_LENGTH + 1, tooLong.position());

        String seventeen = "w01 w02 w03 w04 w05 w06 w07 w08 w09 w10 w11 w12 w13 w14 w15 w16 w17";
        InvalidTopicQueryException tooMany = assertThrows(InvalidTopicQueryException.class,
                () -> parser.parse(seventeen));
        assertEquals(seventeen.indexOf("w17") + 1, tooMany.position());
        assertTrue(tooMany.getMessage().contains("more than 16 words"));
    }

    @ParameterizedTest(name = "{0} == {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Transformers                 | transformer
            graph neural                 | '  Neural   GRAPH '
            diffusion AND video          | video diffusion
            +diffusion +video            | video diffusion
            (video OR text) diffusion    | diffusion (text OR video)
            (video OR text) diffusion    | diffusion (text OR (video))
            title:Luttinger              | TITLE:luttinger
            '"Luttinger liquid"'         | '"luttinger  liquids"'
            diffusion -video             | -video diffusion
            diffusion NOT video          | diffusion -video
            Transform*                   | transform*
            the transformer              | transformer
            'diffusion\tvideo'           | diffusion video
            """)
    void topicsWrittenDifferentlyButMeaningTheSameShareOneQuery(String a, String b) {
        assertEquals(parser.parse(a).normalized(), parser.parse(b).normalized());
    }

    @ParameterizedTest(name = "{0} != {1}")
    @CsvSource(delimiter = '|', textBlock = """
            '"diffusion transformer"'    | diffusion transformer
            '"transformer diffusion"'    | '"diffusion transformer"'
            '"diffusion transformer"~2'  | '"diffusion transformer"'
            diffusion -video             | diffusion video
            title:diffusion              | diffusion
            abstract:diffusion           | title:diffusion
            diffusion*                   | diffusion
            video OR diffusion           | video diffusion
            author:lecun                 | lecun
            '"graph of models"'          | '"graph models"'
            """)
    void topicsThatMatchDifferentPapersStayApart(String a, String b) {
        assertNotEquals(parser.parse(a).normalized(), parser.parse(b).normalized());
    }

    @Test
    void theTextIsKeptAsWrittenOnOneLine() {
        TopicQuery query = parser.parse("  Diffusion\nVideo ");
        assertEquals("Diffusion Video", query.text());
    }
}
