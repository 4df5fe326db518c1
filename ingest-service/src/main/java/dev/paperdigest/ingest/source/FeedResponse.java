package dev.paperdigest.ingest.source;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import dev.paperdigest.ingest.paper.TextNormalizer;

/** An HTTP answer of a feed server that was not worth another try: a 2xx, or a client error such as 400 or 404. */
public record FeedResponse(URI uri, int status, byte[] body) {

    private static final int EXCERPT_LENGTH = 200;

    public boolean isSuccess() {
        return isSuccess(status);
    }

    public static boolean isSuccess(int status) {
        return status >= 200 && status < 300;
    }

    /** @throws FeedException naming the status and the start of the body unless the answer is a 2xx */
    public FeedResponse requireSuccess(String source) {
        if (!isSuccess()) {
            throw new FeedException(source, "HTTP " + status + " from " + uri + excerpt());
        }
        return this;
    }

    /** The start of the body on one line, for a failure reason: servers often say what went wrong. */
    private String excerpt() {
        String text = TextNormalizer.normalizeToNull(new String(body, 0, Math.min(body.length, EXCERPT_LENGTH * 4),
                StandardCharsets.UTF_8));
        if (text == null) {
            return "";
        }
        return ": " + (text.length() > EXCERPT_LENGTH ? text.substring(0, EXCERPT_LENGTH) + "..." : text);
    }
}
