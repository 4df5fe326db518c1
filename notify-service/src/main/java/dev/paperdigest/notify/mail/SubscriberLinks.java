package dev.paperdigest.notify.mail;

import dev.paperdigest.notify.NotifyConfig;
import dev.paperdigest.notify.subscription.AccessTokens;
import dev.paperdigest.notify.subscription.TokenPurpose;
import io.quarkus.mailer.Mail;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The links every mail to a subscriber carries (manage, unsubscribe) with freshly minted tokens, and the
 * RFC 8058 one-click unsubscribe headers made of them. The URLs consist of the configured public URL and tokens of
 * our own alphabet (base64url), so nothing user- or feed-controlled reaches a header.
 */
@ApplicationScoped
public class SubscriberLinks {

    private final AccessTokens tokens;
    private final NotifyConfig config;

    public SubscriberLinks(AccessTokens tokens, NotifyConfig config) {
        this.tokens = tokens;
        this.config = config;
    }

    /** The links of one mail. */
    public record Links(String home, String manage, String unsubscribe) {

        /**
         * A mail carrying the List-Unsubscribe headers (RFC 2369, RFC 8058), to base a template's mail on.
         *
         * @param mailto an address that also unsubscribes (configured, never user input), or empty
         */
        public Mail withUnsubscribeHeaders(Optional<String> mailto) {
            String targets = "<" + unsubscribe + ">" + mailto.map(String::strip).filter(m -> !m.isEmpty())
                    .map(m -> ", <mailto:" + m + "?subject=unsubscribe>").orElse("");
            return new Mail()
                    .addHeader("List-Unsubscribe", targets)
                    .addHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
    }

    /** Mints a manage and an unsubscribe token for the subscriber; call in a transaction. */
    public Links mint(long subscriberId) {
        return mintAll(List.of(subscriberId)).get(subscriberId);
    }

    /** The links of one mail to each subscriber (in two statements, however many); call in a transaction. */
    public Map<Long, Links> mintAll(List<Long> subscriberIds) {
        List<String> manage = tokens.mintAll(subscriberIds, TokenPurpose.MANAGE);
        List<String> unsubscribe = tokens.mintAll(subscriberIds, TokenPurpose.UNSUBSCRIBE);
        String base = publicUrl();
        Map<Long, Links> links = new HashMap<>();
        for (int i = 0; i < subscriberIds.size(); i++) {
            links.put(subscriberIds.get(i), new Links(base + "/", base + "/manage/" + manage.get(i),
                    base + "/unsubscribe/" + unsubscribe.get(i)));
        }
        return links;
    }

    /** The confirmation link of a PENDING subscriber, with a freshly minted confirm token; call in a transaction. */
    public String confirm(long subscriberId) {
        return publicUrl() + "/confirm/" + tokens.mint(subscriberId, TokenPurpose.CONFIRM);
    }

    /** The configured public URL without a trailing slash. */
    public String publicUrl() {
        String url = config.publicUrl().strip();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
