package dev.paperdigest.notify.digest;

import dev.paperdigest.notify.mail.SubscriberLinks;
import dev.paperdigest.notify.matching.query.MatchExplainer;
import dev.paperdigest.notify.matching.query.TopicQueryParser;
import dev.paperdigest.notify.paper.Paper;
import io.quarkus.qute.Engine;
import io.quarkus.qute.HtmlEscaper;
import io.quarkus.qute.ReflectionValueResolver;
import io.quarkus.qute.Variant;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One digest from the papers a subscriber's topics matched: ranking, one entry per paper, highlights, the cap, the
 * subject; and the real templates rendered with a standalone Qute engine set up like Quarkus' (HTML escaping).
 */
class DigestComposerTest {

    private static final Path TEMPLATES = Path.of("src/main/resources/templates/DigestMails");
    private static final SubscriberLinks.Links LINKS = new SubscriberLinks.Links("http://localhost:8082/",
            "http://localhost:8082/manage/m", "http://localhost:8082/unsubscribe/u");
    private static final List<DigestComposer.Topic> TOPICS = List.of(
            new DigestComposer.Topic("diffusion", 1), new DigestComposer.Topic("title:transformer", 2));

    private final DigestComposer composer = new DigestComposer(new TopicQueryParser(), new MatchExplainer(), 1000);

    private final Engine engine = Engine.builder()
            .addDefaults()
            .addValueResolver(new ReflectionValueResolver())
            .addResultMapper(new HtmlEscaper(List.of(Variant.TEXT_HTML)))
            .iterationMetadataPrefix("<alias_>")
            .strictRendering(true)
            .build();

    @Test
    void eachPaperOnceUnderItsBestTopicRankedByTopicsThenStrengthThenUpvotes() {
        Paper popular = paper("2501.00001", "A study of graphs", "Diffusion appears once.", 120);
        Paper both = paper("2501.00002", "Transformers for diffusion", "We use diffusion and diffusion again.", null);
        Paper plain = paper("2501.00003", "Another diffusion paper", "Nothing more.", 3);

        DigestMail mail = composer.compose(TOPICS, List.of(
                new DigestComposer.MatchedPaper(popular, Set.of(1L)),
                new DigestComposer.MatchedPaper(plain, Set.of(1L)),
                new DigestComposer.MatchedPaper(both, Set.of(1L, 2L))), 50, LINKS);

        assertEquals("3 new papers on diffusion, title:transformer", mail.subject());
        assertEquals(List.of("2501.00002", "2501.00003", "2501.00001"),
                mail.papers().stream().map(DigestMail.DigestPaper::id).toList(),
                "two topics first; then the title match; then upvotes");
        DigestMail.DigestPaper first = mail.papers().get(0);
        assertEquals("diffusion", first.topic());
        assertEquals(List.of("title:transformer"), first.alsoTopics());
        assertEquals(List.of(new DigestMail.Segment("Transformers", true), new DigestMail.Segment(" for ", false),
                new DigestMail.Segment("diffusion", true)), first.title());
    }

    @Test
    void aLargeDigestListsTheCapAndCountsTheRest() {
        List<DigestComposer.MatchedPaper> papers = java.util.stream.IntStream.range(0, 7)
                .mapToObj(i -> new DigestComposer.MatchedPaper(paper("2501.1000" + i, "Diffusion " + i, "", null),
                        Set.of(1L)))
                .toList();

        DigestMail mail = composer.compose(TOPICS, papers, 5, LINKS);

        assertEquals(5, mail.papers().size());
        assertEquals(2, mail.more());
        assertEquals(7, mail.paperCount());
        assertEquals("7 new papers on diffusion", mail.subject());
    }

    @Test
    void aLongAbstractBecomesASnippetAroundTheFirstMatch() {
        String filler = "Lorem ipsum dolor sit amet consectetur. ".repeat(12);
        Paper paper = paper("2501.00009", "Graphs", filler + "Here diffusion helps. " + filler, null);

        DigestMail.DigestPaper listed = composer.compose(TOPICS,
                List.of(new DigestComposer.MatchedPaper(paper, Set.of(1L))), 50, LINKS).papers().get(0);

        String snippet = listed.snippet().stream().map(DigestMail.Segment::text).reduce("", String::concat);
        assertTrue(snippet.startsWith("…") && snippet.endsWith("…"), snippet);
        assertTrue(snippet.length() <= DigestComposer.SNIPPET_LENGTH + 2, snippet);
        assertTrue(listed.snippet().contains(new DigestMail.Segment("diffusion", true)), listed.snippet().toString());
    }

    @Test
    void templatesEscapeEveryFeedValueAndLinkOnlyHttp() throws IOException {
        Paper nasty = paper("2501.00005", "Diffusion <script>alert('x')</script> & $a<b$",
                "We study <i>diffusion</i>\nmodels.", 7);
        nasty.authors = List.of("Ada <b>Lovelace</b>", "Alan Turing", "Grace Hopper", "Edsger Dijkstra");
        nasty.pdfUrl = "javascript:alert(1)";
        DigestMail mail = composer.compose(List.of(new DigestComposer.Topic("diffusion -\"<b>bold</b>\"", 1)),
                List.of(new DigestComposer.MatchedPaper(nasty, Set.of(1L))), 50, LINKS);

        String html = render("digest.html", Variant.TEXT_HTML, mail);
        assertFalse(html.contains("<script>") || html.contains("<img") || html.contains("<b>"), html);
        assertTrue(html.contains("<mark>Diffusion</mark> &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; $a&lt;b$"),
                html);
        assertTrue(html.contains("Ada &lt;b&gt;Lovelace&lt;/b&gt;, Alan Turing, Grace Hopper et al."), html);
        assertTrue(html.contains("We study &lt;i&gt;<mark>diffusion</mark>&lt;/i&gt; models."), html);
        assertFalse(html.contains("javascript:"), "a non-http link is dropped: " + html);
        assertTrue(html.contains("href=\"http://localhost:8082/unsubscribe/u\""), html);
        assertTrue(html.contains("<strong>diffusion -&quot;&lt;b&gt;bold&lt;/b&gt;&quot;</strong>"), "the topic: " + html);
        assertFalse(html.contains("<img"), "no remote images: " + html);

        String text = render("digest.txt", Variant.TEXT_PLAIN, mail);
        assertTrue(text.contains("*Diffusion* <script>alert('x')</script> & $a<b$"), text);
        assertTrue(text.contains("arXiv:2501.00005 · cs.LG · 7 upvotes"), text);
        assertTrue(text.contains("Unsubscribe: http://localhost:8082/unsubscribe/u"), text);
    }

    private String render(String file, String contentType, DigestMail mail) throws IOException {
        return engine.parse(Files.readString(TEMPLATES.resolve(file)), Variant.forContentType(contentType))
                .data("mail", mail).render();
    }

    private static Paper paper(String id, String title, String abstractText, Integer upvotes) {
        Paper paper = new Paper();
        paper.id = id;
        paper.title = title;
        paper.abstractText = abstractText;
        paper.authors = List.of("A. Author");
        paper.categories = List.of("cs.LG");
        paper.absUrl = "https://arxiv.org/abs/" + id;
        paper.pdfUrl = "https://arxiv.org/pdf/" + id;
        paper.upvotes = upvotes;
        return paper;
    }
}
