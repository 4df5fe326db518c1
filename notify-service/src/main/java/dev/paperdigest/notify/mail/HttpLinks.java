package dev.paperdigest.notify.mail;

import java.net.URI;
import java.util.Locale;

/** Links from feeds as a mail may print them in an href: absolute http(s) URLs only, so no javascript: or data:. */
public final class HttpLinks {

    private HttpLinks() {
    }

    /** The URL when it is an absolute http(s) URL with a host; else null (the link is left out). */
    public static String httpUrlOrNull(String url) {
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
