package dev.paperdigest.ingest.source.huggingface;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paperdigest.ingest.paper.PaperLinks;
import dev.paperdigest.ingest.paper.NormalizedPaper;
import dev.paperdigest.ingest.source.FeedException;
import dev.paperdigest.ingest.source.ParsedFeed;
import dev.paperdigest.ingest.source.RecordedFeeds;
import dev.paperdigest.ingest.source.SkippedEntry;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HuggingFaceDailyPapersParserTest {

    private static final String DAY_2024 = "hf_daily_papers/daily_papers_2024-05-27.json";
    private static final String DAY_2025 = "hf_daily_papers/daily_papers_2025-06-02.json";

    private final HuggingFaceDailyPapersParser parser = new HuggingFaceDailyPapersParser();

    @Test
    void format2024_allThirteenEntriesInFeedOrder() {
        ParsedFeed feed = parser.parse(RecordedFeeds.bytes(DAY_2024));

        assertEquals(List.of("2405.15738", "2405.15574", "2405.15071", "2405.15032", "2405.15682", "2405.15319",
                "2405.14979", "2405.15223", "2405.14908", "2405.14906", "2405.15613", "2405.15216", "2405.15125"),
                feed.papers().stream().map(NormalizedPaper::id).toList());
        assertEquals(List.of(), feed.skipped());
        feed.papers().forEach(HuggingFaceDailyPapersParserTest::assertSingleLineText);
    }

    @Test
    void format2024_convLlava() {
        NormalizedPaper paper = paper(DAY_2024, "2405.15738");

        assertEquals("ConvLLaVA: Hierarchical Backbones as Visual Encoder for Large Multimodal Models", paper.title());
        assertEquals(List.of("Chunjiang Ge", "Sijie Cheng", "Ziming Wang", "Jiale Yuan", "Yuan Gao", "Jun Song",
                "Shiji Song", "Gao Huang", "Bo Zheng"), paper.authors());
        assertNull(paper.version());
        assertEquals(Instant.parse("2024-05-24T17:34:15Z"), paper.publishedAt());
        assertEquals(32, paper.upvotes());
        assertEquals(List.of(), paper.categories());
        assertNull(paper.primaryCategory());
        assertEquals(new PaperLinks("https://arxiv.org/abs/2405.15738", "https://arxiv.org/pdf/2405.15738",
                "https://huggingface.co/papers/2405.15738"), paper.links());
        assertEquals(List.of("huggingface"), paper.sources());
        assertNull(paper.announceType());
        assertFalse(paper.isRevision());
        assertTrue(paper.abstractText().startsWith("High-resolution Large Multimodal Models (LMMs) encounter the "
                + "challenges of excessive visual tokens and quadratic visual complexity."), paper.abstractText());
        assertTrue(paper.abstractText().endsWith("publicly available at https://github.com/alibaba/conv-llava."));
    }

    @Test
    void format2024_theRoadLessScheduled_exactAbstract() {
        NormalizedPaper paper = paper(DAY_2024, "2405.15682");

        assertEquals("The Road Less Scheduled", paper.title());
        assertEquals("Existing learning rate schedules that do not require specification of the optimization "
                + "stopping step T are greatly out-performed by learning rate schedules that depend on T. We propose "
                + "an approach that avoids the need for this stopping time by eschewing the use of schedules entirely, "
                + "while exhibiting state-of-the-art performance compared to schedules across a wide family of "
                + "problems ranging from convex problems to large-scale deep learning problems. Our Schedule-Free "
                + "approach introduces no additional hyper-parameters over standard optimizers with momentum. Our "
                + "method is a direct consequence of a new theory we develop that unifies scheduling and iterate "
                + "averaging. An open source implementation of our method is available "
                + "(https://github.com/facebookresearch/schedule_free).", paper.abstractText());
        // Hugging Face's own data splits "Xingyu (Alice) Yang" in two; the parser reports the source as it is.
        assertEquals(List.of("Aaron Defazio", "Xingyu", "Yang", "Harsh Mehta", "Konstantin Mishchenko",
                "Ahmed Khaled", "Ashok Cutkosky"), paper.authors());
        assertEquals(10, paper.upvotes());
    }

    @Test
    void format2024_accentedNamesArriveAsComposedUnicode() {
        assertEquals(List.of("Viraat Aryabumi", "John Dang", "Dwarak Talupuru", "Saurabh Dash", "David Cairuz",
                "Hangyu Lin", "Bharat Venkitesh", "Madeline Smith", "Kelly Marchisio", "Sebastian Ruder",
                "Acyr Locatelli", "Julia Kreutzer", "Nick Frosst", "Phil Blunsom", "Marzieh Fadaee", "Ahmet \u00dcst\u00fcn",
                "Sara Hooker"), paper(DAY_2024, "2405.15032").authors());
        assertEquals(List.of("Huy V. Vo", "Vasil Khalidov", "Timoth\u00e9e Darcet", "Th\u00e9o Moutakanni",
                "Nikita Smetanin", "Marc Szafraniec", "Hugo Touvron", "Camille Couprie", "Maxime Oquab",
                "Armand Joulin", "Herv\u00e9 J\u00e9gou", "Patrick Labatut", "Piotr Bojanowski"),
                paper(DAY_2024, "2405.15613").authors());
    }

    @Test
    void format2024_paperTitleWinsOverTheEntrysTexVariant() {
        NormalizedPaper paper = paper(DAY_2024, "2405.14906");

        // The entry-level title is "... with \textsc{AIEV-Instruct}"; the paper object holds arXiv's.
        assertEquals("AutoCoder: Enhancing Code Large Language Model with AIEV-Instruct", paper.title());
        assertTrue(paper.abstractText().contains("a method we term \\textsc{AIEV-Instruct} (Instruction Tuning"));
        assertEquals(List.of("Bin Lei", "Yuchen Li", "Qiuwu Chen"), paper.authors());
        assertEquals(Instant.parse("2024-05-23T02:53:25Z"), paper.publishedAt());
        assertEquals(7, paper.upvotes());
    }

    @Test
    void format2025_allTwentyEntriesInFeedOrder() {
        ParsedFeed feed = parser.parse(RecordedFeeds.bytes(DAY_2025));

        assertEquals(List.of("2505.24864", "2505.24863", "2505.24098", "2505.14752", "2505.24867", "2505.18842",
                "2505.24878", "2505.24521", "2505.24196", "2505.23941", "2505.24858", "2505.24850", "2505.24417",
                "2505.23926", "2505.24862", "2505.24615", "2505.24517", "2505.24293", "2505.23009", "2505.23844"),
                feed.papers().stream().map(NormalizedPaper::id).toList());
        assertEquals(List.of(), feed.skipped());
        feed.papers().forEach(HuggingFaceDailyPapersParserTest::assertSingleLineText);
    }

    @Test
    void format2025_proRlMatchesTheEventContractExample() {
        NormalizedPaper paper = paper(DAY_2025, "2505.24864");

        assertEquals("ProRL: Prolonged Reinforcement Learning Expands Reasoning Boundaries in Large Language Models",
                paper.title());
        assertEquals(List.of("Mingjie Liu", "Shizhe Diao", "Ximing Lu", "Jian Hu", "Xin Dong", "Yejin Choi",
                "Jan Kautz", "Yi Dong"), paper.authors());
        assertEquals(Instant.parse("2025-05-30T17:59:01Z"), paper.publishedAt());
        assertEquals(35, paper.upvotes());
        assertEquals(new PaperLinks("https://arxiv.org/abs/2505.24864", "https://arxiv.org/pdf/2505.24864",
                "https://huggingface.co/papers/2505.24864"), paper.links());
        assertTrue(paper.abstractText().startsWith("Recent advances in reasoning-centric language models have "
                + "highlighted reinforcement learning (RL) as a promising method for aligning models with verifiable "
                + "rewards. However,"));
        assertTrue(paper.abstractText().endsWith("We release model weights to support further research: "
                + "https://huggingface.co/nvidia/Nemotron-Research-Reasoning-Qwen-1.5B"));
    }

    @Test
    void format2025_singleAuthorPaperWithMediaUrls() {
        NormalizedPaper paper = paper(DAY_2025, "2505.24293");

        assertEquals("Large Language Models are Locally Linear Mappings", paper.title());
        assertEquals(List.of("James R. Golden"), paper.authors());
        assertEquals(Instant.parse("2025-05-30T07:08:33Z"), paper.publishedAt());
        assertEquals(2, paper.upvotes());
    }

    @Test
    void format2025_hardWrappedTitle() {
        assertEquals("un^2CLIP: Improving CLIP's Visual Detail Capturing Ability via Inverting unCLIP",
                paper(DAY_2025, "2505.24517").title());
        assertEquals("Don't Look Only Once: Towards Multimodal Interactive Reasoning with Selective Visual Revisitation",
                paper(DAY_2025, "2505.18842").title());
    }

    @Test
    void missingOptionalFieldsAndUnknownFieldsAreTolerated() {
        ParsedFeed feed = parser.parse("""
                [{"paper": {"id": "2601.00001", "title": "  Minimal\\n  entry ", "futureField": {"x": [1, 2]}},
                  "brandNewTopLevel": true}]
                """);

        NormalizedPaper paper = feed.papers().get(0);
        assertEquals("2601.00001", paper.id());
        assertEquals("Minimal entry", paper.title());
        assertNull(paper.abstractText());
        assertEquals(List.of(), paper.authors());
        assertNull(paper.publishedAt());
        assertNull(paper.upvotes());
    }

    @Test
    void entryLevelCopiesFillInForMissingPaperFields() {
        NormalizedPaper paper = parser.parse("""
                [{"paper": {"id": "2601.00001"}, "title": "From the entry", "summary": "Entry summary",
                  "publishedAt": "2026-01-02T03:04:05.000Z"}]
                """).papers().get(0);

        assertEquals("From the entry", paper.title());
        assertEquals("Entry summary", paper.abstractText());
        assertEquals(Instant.parse("2026-01-02T03:04:05Z"), paper.publishedAt());
    }

    @Test
    void hiddenAuthorsAreKeptAndTexNamesConverted() {
        NormalizedPaper paper = parser.parse("""
                [{"paper": {"id": "2601.00001", "title": "T", "authors": [
                    {"name": "Visible Author", "hidden": false},
                    {"name": "Hidden Author", "hidden": true},
                    {"name": "Erwin Schr\\\\\\"odinger"},
                    {"name": "   "},
                    {"hidden": false}]}}]
                """).papers().get(0);

        assertEquals(List.of("Visible Author", "Hidden Author", "Erwin Schrödinger"), paper.authors());
    }

    @Test
    void invalidEntriesAreSkippedWithReasonsNotReturnedAsPapers() {
        ParsedFeed feed = parser.parse("""
                [{"paper": {"id": "not-an-id", "title": "T"}},
                 {"no": "paper"},
                 {"paper": {"id": "2601.00002"}},
                 {"paper": {"id": 2601.00003, "title": "numeric id"}},
                 {"paper": {"id": "2601.00004", "title": "T", "publishedAt": "yesterday"}},
                 {"paper": {"id": "2601.00005", "title": "valid"}}]
                """);

        assertEquals(List.of("2601.00005"), feed.papers().stream().map(NormalizedPaper::id).toList());
        assertEquals(List.of(
                new SkippedEntry(1, "not-an-id", "paper.id is not an arXiv id"),
                new SkippedEntry(2, null, "entry without a paper object"),
                new SkippedEntry(3, "2601.00002", "paper without title"),
                new SkippedEntry(4, null, "paper without id"),
                new SkippedEntry(5, "2601.00004", "unreadable publishedAt 'yesterday'")), feed.skipped());
    }

    @Test
    void emptyDayIsZeroPapers() {
        ParsedFeed feed = parser.parse("[]");

        assertEquals(0, feed.papers().size());
        assertEquals(0, feed.skipped().size());
    }

    @Test
    void truncatedRecordingIsMalformedJson() {
        byte[] recorded = RecordedFeeds.bytes(DAY_2025);
        byte[] truncated = Arrays.copyOf(recorded, recorded.length / 2);

        FeedException error = assertThrows(FeedException.class, () -> parser.parse(truncated));

        assertEquals("huggingface", error.source());
        assertTrue(error.reason().startsWith("malformed JSON at line "), error.reason());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"paper\": ", "[{\"paper\": {}},]x", "[] trailing", "<html>502 Bad Gateway</html>"})
    void malformedJsonIsAFeedException(String body) {
        FeedException error = assertThrows(FeedException.class, () -> parser.parse(body));

        assertTrue(error.reason().startsWith("malformed JSON"), error.reason());
    }

    @Test
    void errorObjectIsAFeedExceptionWithItsMessage() {
        FeedException error = assertThrows(FeedException.class,
                () -> parser.parse("{\"error\": \"Invalid date format\"}"));

        assertEquals("expected a JSON array of daily papers, got object: Invalid date format", error.reason());
    }

    @Test
    void emptyBodyIsAFeedException() {
        FeedException error = assertThrows(FeedException.class, () -> parser.parse(new byte[0]));

        assertEquals("empty body where a JSON array was expected", error.reason());
    }

    private NormalizedPaper paper(String fixture, String id) {
        return parser.parse(RecordedFeeds.bytes(fixture)).papers().stream()
                .filter(paper -> paper.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no paper " + id + " in " + fixture));
    }

    static void assertSingleLineText(NormalizedPaper paper) {
        for (String text : List.of(paper.title(), paper.abstractText())) {
            assertFalse(text.contains("\n") || text.contains("  ") || !text.equals(text.strip()),
                    "not normalized: " + text);
        }
    }
}
