package dev.paperdigest.notify.digest;

import dev.paperdigest.notify.mail.SubscriberLinks;

import java.util.List;

/**
 * What a digest mail shows, every value already chosen and cut to size; the templates print each one escaped.
 *
 * @param papers the papers listed, best first (at most {@code paperdigest.digest.max-papers})
 * @param more   matched papers not listed (they are on the manage page)
 * @param topics the subscriber's topics that matched something, for the footer's "why this mail"
 */
public record DigestMail(String subject, int paperCount, List<DigestPaper> papers, int more, List<String> topics,
        SubscriberLinks.Links links) {

    /** A stretch of text, highlighted when it is what a topic matched. */
    public record Segment(String text, boolean highlighted) {
    }

    /**
     * One paper of a digest.
     *
     * @param topic      the topic it matched best (it is listed under that one)
     * @param alsoTopics the subscriber's other topics it matched too
     */
    public record DigestPaper(String id, List<Segment> title, List<Segment> snippet, String authors,
            List<String> categories, String absUrl, String pdfUrl, String huggingfaceUrl, Integer upvotes,
            String topic, List<String> alsoTopics) {
    }
}
