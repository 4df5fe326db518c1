package dev.paperdigest.ingest.source;

import dev.paperdigest.ingest.paper.TextNormalizer;
import javax.xml.stream.XMLStreamException;

/**
 * A feed answer that cannot be read as papers: malformed body, an error document, an HTTP error.
 * The run that got it fails with {@link #reason()}; nothing of it may become a paper.
 */
public class FeedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final String reason;

    public FeedException(String source, String reason) {
        this(source, reason, null);
    }

    public FeedException(String source, String reason, Throwable cause) {
        super(source + ": " + reason, cause);
        this.source = source;
        this.reason = reason;
    }

    /** A body that is not well-formed XML; the parser's message says where. */
    public static FeedException malformedXml(String source, XMLStreamException cause) {
        String detail = cause.getMessage() == null ? "unreadable" : TextNormalizer.normalize(cause.getMessage());
        return new FeedException(source, "malformed XML: " + detail, cause);
    }

    /** The feed that failed: {@code huggingface}, {@code arxiv-rss}, {@code arxiv-api}. */
    public String source() {
        return source;
    }

    /** Human-readable cause, fit for the run record. */
    public String reason() {
        return reason;
    }
}
