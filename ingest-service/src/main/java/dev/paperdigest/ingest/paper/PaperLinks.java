package dev.paperdigest.ingest.paper;

import jakarta.validation.constraints.Size;

/**
 * Where a reader can open the paper; each link is null when nobody told it. Only absolute http(s) URLs are
 * accepted ({@link HttpUrl}): these links end up in mails.
 */
public record PaperLinks(
        @Size(max = MAX_URL) @HttpUrl String abs,
        @Size(max = MAX_URL) @HttpUrl String pdf,
        @Size(max = MAX_URL) @HttpUrl String huggingface) {

    static final int MAX_URL = 2000;

    private static final String HUGGING_FACE_PAPER_BASE = "https://huggingface.co/papers/";

    /** The arXiv abstract and PDF pages of the latest version; version-less so every source agrees. */
    public static PaperLinks arxiv(ArxivId id) {
        return new PaperLinks(id.absUrl(), id.pdfUrl(), null);
    }

    /** These links with abs and pdf filled in from the id where they are missing. */
    static PaperLinks withArxivDefaults(PaperLinks given, ArxivId id) {
        return given == null ? arxiv(id) : given.fillFrom(arxiv(id));
    }

    /** These links plus the paper's Hugging Face page. */
    public PaperLinks withHuggingFacePage(ArxivId id) {
        return new PaperLinks(abs, pdf, HUGGING_FACE_PAPER_BASE + id.id());
    }

    /** These links, each missing one taken from {@code other}: what a second source adds to the first. */
    public PaperLinks fillFrom(PaperLinks other) {
        if (other == null) {
            return this;
        }
        return new PaperLinks(abs != null ? abs : other.abs(), pdf != null ? pdf : other.pdf(),
                huggingface != null ? huggingface : other.huggingface());
    }
}
