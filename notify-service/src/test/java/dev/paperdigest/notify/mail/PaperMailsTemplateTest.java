package dev.paperdigest.notify.mail;

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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Renders the real template files with a standalone Qute engine set up like Quarkus' (HTML escaping for text/html,
 * strict rendering, {@code <alias>_} iteration metadata).
 */
class PaperMailsTemplateTest {

    private static final Path TEMPLATES = Path.of("src/main/resources/templates/PaperMails");
    private static final String NASTY_TITLE = "Diffusion <script>alert('x')</script> & $\\frac{1}{3}$ \"quoted\"";

    private final Engine engine = Engine.builder()
            .addDefaults()
            .addValueResolver(new ReflectionValueResolver())
            .addResultMapper(new HtmlEscaper(List.of(Variant.TEXT_HTML)))
            .iterationMetadataPrefix("<alias_>")
            .strictRendering(true)
            .build();

    @Test
    void htmlEscapesEveryFeedValue() throws IOException {
        String html = render("newPaper.html", Variant.TEXT_HTML, mail(NASTY_TITLE));

        assertFalse(html.contains("<script>"), html);
        assertTrue(html.contains("Diffusion &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; $\\frac{1}{3}$ &quot;quoted&quot;"),
                html);
        assertTrue(html.contains("Ada &lt;b&gt;Lovelace&lt;/b&gt;, Alan Turing"), html);
        assertTrue(html.contains("<strong>diffusion</strong>, <strong>&lt;img src=x&gt;</strong>"), html);
        assertTrue(html.contains("We study &lt;i&gt;diffusion&lt;/i&gt; models."), html);
        assertTrue(html.contains("href=\"https://arxiv.org/abs/2501.00001\""), html);
        assertFalse(html.contains("javascript:"), "a non-http link is dropped: " + html);
        assertTrue(html.contains("href=\"http://localhost:8082/manage/m\""), "manage link: " + html);
        assertTrue(html.contains("href=\"http://localhost:8082/unsubscribe/u\""), "unsubscribe link: " + html);
    }

    @Test
    void textVersionNamesTitleAuthorsTopicsAndLinks() throws IOException {
        String text = render("newPaper.txt", Variant.TEXT_PLAIN, mail(NASTY_TITLE));

        assertTrue(text.contains(NASTY_TITLE), text);
        assertTrue(text.contains("Ada <b>Lovelace</b>, Alan Turing"), text);
        assertTrue(text.contains("your topics: \"diffusion\", \"<img src=x>\""), text);
        assertTrue(text.contains("Abstract: https://arxiv.org/abs/2501.00001"), text);
        assertTrue(text.contains("Manage your topics and schedule: http://localhost:8082/manage/m"), text);
        assertTrue(text.contains("Unsubscribe: http://localhost:8082/unsubscribe/u"), text);
        assertFalse(text.contains("javascript:"), text);
    }

    @Test
    void subjectIsOneCappedLineSoAFeedTitleCannotAddAHeader() {
        // Which characters count as line breaks is OneLineText's business (OneLineTextTest).
        String subject = MailSubject.newPaper("Evil\r\nBcc: victim@example.org" + "x".repeat(500));

        assertTrue(subject.startsWith("New paper: Evil Bcc: victim@example.org"), subject);
        assertTrue(subject.length() <= MailSubject.MAX_LENGTH && subject.endsWith("…"), "length " + subject.length());
        assertEquals("New paper: " + NASTY_TITLE, MailSubject.newPaper(NASTY_TITLE));
    }

    @Test
    void excerptIsCutAtAWordAndLinksMustBeHttp() {
        String longAbstract = "word ".repeat(300);
        String excerpt = NewPaperMail.excerpt(longAbstract);
        assertTrue(excerpt.length() <= NewPaperMail.MAX_EXCERPT + 2, excerpt);
        assertTrue(excerpt.endsWith("word …"), excerpt);

        assertNull(NewPaperMail.httpUrlOrNull("javascript:alert(1)"));
        assertNull(NewPaperMail.httpUrlOrNull("data:text/html,<b>"));
        assertNull(NewPaperMail.httpUrlOrNull("not a url"));
        assertEquals("https://arxiv.org/pdf/1", NewPaperMail.httpUrlOrNull(" https://arxiv.org/pdf/1 "));
    }

    private String render(String file, String contentType, NewPaperMail mail) throws IOException {
        return engine.parse(Files.readString(TEMPLATES.resolve(file)), Variant.forContentType(contentType))
                .data("mail", mail)
                .render();
    }

    private static NewPaperMail mail(String title) {
        Paper paper = new Paper();
        paper.id = "2501.00001";
        paper.title = title;
        paper.authors = List.of("Ada <b>Lovelace</b>", "Alan Turing");
        paper.abstractText = "We study <i>diffusion</i>\nmodels.";
        paper.absUrl = "https://arxiv.org/abs/2501.00001";
        paper.pdfUrl = "javascript:alert(1)";
        return NewPaperMail.of(paper, List.of("diffusion", "<img src=x>"), new SubscriberLinks.Links(
                "http://localhost:8082/", "http://localhost:8082/manage/m", "http://localhost:8082/unsubscribe/u"));
    }
}
