package dev.paperdigest.notify.web;

import io.quarkus.qute.TemplateExtension;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * {@code {url:encode(value)}} in page templates: a value as one query-string parameter. Qute escapes HTML, not
 * URLs, so a link that carries text (a topic to preview) encodes it with this first.
 */
public final class UrlEncoding {

    private UrlEncoding() {
    }

    @TemplateExtension(namespace = "url")
    static String encode(String value) {
        return value == null ? "" : URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
