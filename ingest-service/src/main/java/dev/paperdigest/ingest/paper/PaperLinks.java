package dev.paperdigest.ingest.paper;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Where a paper can be read. Only absolute http(s) URLs are accepted: these links end up in mails.
 */
public record PaperLinks(
        @Size(max = MAX_URL) @Pattern(regexp = URL, message = URL_MESSAGE) String abs,
        @Size(max = MAX_URL) @Pattern(regexp = URL, message = URL_MESSAGE) String pdf,
        @Size(max = MAX_URL) @Pattern(regexp = URL, message = URL_MESSAGE) String huggingface) {

    static final int MAX_URL = 2000;
    static final String URL = "https?://[^\\s\"<>\\\\^`{|}]+";
    static final String URL_MESSAGE = "must be an absolute http(s) URL";

    /** These links with abs and pdf filled in from the canonical id where they are missing. */
    static PaperLinks withArxivDefaults(PaperLinks given, String canonicalId) {
        String abs = given == null || given.abs() == null ? "https://arxiv.org/abs/" + canonicalId : given.abs();
        String pdf = given == null || given.pdf() == null ? "https://arxiv.org/pdf/" + canonicalId : given.pdf();
        return new PaperLinks(abs, pdf, given == null ? null : given.huggingface());
    }
}
