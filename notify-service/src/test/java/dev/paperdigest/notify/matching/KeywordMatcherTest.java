package dev.paperdigest.notify.matching;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeywordMatcherTest {

    private final KeywordMatcher matcher = new KeywordMatcher();

    @ParameterizedTest(name = "\"{0}\" in \"{1}\" -> {2}")
    @CsvSource(delimiter = '|', value = {
            "diffusion            | Diffusion models beat GANs                    | true",
            "diffusion            | DIFFUSION-based planners                      | true",
            "diffusion            | A diffusion-based planner                     | true",
            "diffusion            | Diffusions everywhere                         | false",
            "diffusion            | Reaction-diffusion/advection systems          | true",
            "diffusion            | Latent (diffusion) models                     | true",
            "diffusion            | Nothing to see here                           | false",
            "diffusion models     | Models of diffusion                           | true",
            "diffusion models     | Diffusion transformers                        | false",
            "Large Language Model | Large language models                         | false",
            "LLM                  | An llm-based agent                            | true",
            "gpt-4                | Evaluating GPT 4 on math                      | true",
            "graph                | Paragraphs and autographs                     | false",
            "öl                   | Über Öl und Gas                               | true",
    })
    void matchesWholeWordsCaseInsensitively(String query, String title, boolean expected) {
        matcher.register(1, query);
        assertEquals(expected, matcher.match(new PaperDocument("p", title, null)).contains(1L));
    }

    @Test
    void looksAtTitleAndAbstractTogether() {
        matcher.register(7, "diffusion robotics");
        PaperDocument paper = new PaperDocument("p", "Diffusion policies", "We apply them to robotics.");
        assertEquals(java.util.Set.of(7L), matcher.match(paper));
    }

    @Test
    void returnsEveryMatchingTopicAndForgetsUnregisteredOnes() {
        matcher.register(1, "diffusion");
        matcher.register(2, "models");
        matcher.register(3, "reinforcement learning");
        PaperDocument paper = new PaperDocument("p", "Diffusion models", "No RL here.");
        assertEquals(java.util.Set.of(1L, 2L), matcher.match(paper));

        matcher.unregister(2);
        assertEquals(java.util.Set.of(1L), matcher.match(paper));
        assertEquals(2, matcher.size());
    }

    @Test
    void replaceAllSwapsInTheNewTopicsAtOnce() {
        matcher.register(1, "diffusion");
        matcher.register(2, "models");
        PaperDocument paper = new PaperDocument("p", "Diffusion models", null);

        matcher.replaceAll(java.util.Map.of(2L, "models", 3L, "diffusion models"));

        assertEquals(java.util.Set.of(2L, 3L), matcher.match(paper));
        assertEquals(2, matcher.size());
    }

    @Test
    void aQueryWithoutWordsMatchesNothing() {
        matcher.register(1, "--- !!!");
        assertTrue(matcher.match(new PaperDocument("p", "Anything at all", "really")).isEmpty());
        assertEquals(1, matcher.size(), "still counted, so the topic table and the matcher agree");
    }

    @Test
    void toleratesMissingTitleOrAbstract() {
        matcher.register(1, "diffusion");
        assertTrue(matcher.match(new PaperDocument("p", null, null)).isEmpty());
        assertEquals(java.util.Set.of(1L), matcher.match(new PaperDocument("p", null, "diffusion")));
    }
}
