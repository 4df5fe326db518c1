package dev.paperdigest.notify.mail;

import dev.paperdigest.notify.OneLineText;
import dev.paperdigest.notify.paper.Paper;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * What the newPaper mail shows. Every value comes from the feed or the subscriber, so the templates print them
 * escaped (never raw); links are kept only when they are absolute http(s) URLs, so that no {@code javascript:} or
 * other scheme reaches an href.
 */
public record NewPaperMail(String title, List<String> authors, String moreAuthors, List<String> topics,
        String abstractExcerpt, String absUrl, String pdfUrl, String huggingfaceUrl, SubscriberLinks.Links links) {

    static final int MAX_AUTHORS = 10;
    static final int MAX_EXCERPT = 600;

    public static NewPaperMail of(Paper paper, List<String> topics, SubscriberLinks.Links links) {
        List<String> authors = paper.authors == null ? List.of() : paper.authors;
        String moreAuthors = authors.size() > MAX_AUTHORS ? "and " + (authors.size() - MAX_AUTHORS) + " more" : null;
        return new NewPaperMail(
                OneLineText.of(paper.title),
                authors.stream().limit(MAX_AUTHORS).map(OneLineText::of).toList(),
                moreAuthors,
                topics == null ? List.of() : topics,
                excerpt(paper.abstractText),
                httpUrlOrNull(paper.absUrl),
                httpUrlOrNull(paper.pdfUrl),
                httpUrlOrNull(paper.huggingfaceUrl),
                links);
    }

    /** The abstract with whitespace collapsed, cut at a word boundary. */
    static String excerpt(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String flat = OneLineText.of(text);
        if (flat.length() <= MAX_EXCERPT) {
            return flat;
        }
        int cut = flat.lastIndexOf(' ', MAX_EXCERPT);
        return flat.substring(0, cut > MAX_EXCERPT / 2 ? cut : MAX_EXCERPT) + " …";
    }

    static String httpUrlOrNull(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        try {
            URI uri = new URI(url.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null ? uri.toString() : null;
        } catch (Exception e) {
            return null;
        }
    }
}
