package dev.paperdigest.notify.web;

import dev.paperdigest.notify.subscription.AccessTokens;
import dev.paperdigest.notify.subscription.SubscriptionService;
import dev.paperdigest.notify.subscription.TokenPurpose;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Unsubscribing from a mail's link. {@code GET /unsubscribe/{token}} shows a button and never unsubscribes by
 * itself (mail scanners follow links). {@code POST /unsubscribe/{token}} is also the RFC 8058 one-click target
 * of the mail's {@code List-Unsubscribe} header: any body (the mail client sends
 * {@code List-Unsubscribe=One-Click}), no cookie, no authentication but the token; it answers 200 with a page,
 * never a redirect, and that page has the way back ({@link ResubscribePage}).
 */
@Path("/unsubscribe/{token}")
@Produces(MediaType.TEXT_HTML)
@Blocking
@Tag(name = UnsubscribePage.TAG, description = "Unsubscribing from a mail's link, and the way back "
        + "(server-rendered HTML)")
public class UnsubscribePage {

    static final String TAG = "Unsubscribe page";

    @CheckedTemplate(basePath = "UnsubscribePage")
    static class Templates {
        static native TemplateInstance confirm(String token);

        static native TemplateInstance unsubscribed(String token);
    }

    private final SubscriptionService subscriptions;
    private final AccessTokens tokens;

    public UnsubscribePage(SubscriptionService subscriptions, AccessTokens tokens) {
        this.subscriptions = subscriptions;
        this.tokens = tokens;
    }

    @GET
    @Operation(summary = "The unsubscribe page: a button that unsubscribes (HTML)",
            description = "Showing it unsubscribes nobody, since mail scanners follow links; its button posts.")
    @APIResponse(responseCode = "200", description = "The page", content = @Content(mediaType = MediaType.TEXT_HTML))
    @APIResponse(responseCode = "404", description = "A page saying the link is not valid (any more)",
            content = @Content(mediaType = MediaType.TEXT_HTML))
    public Response page(@PathParam("token") String token) {
        boolean known = QuarkusTransaction.requiringNew()
                .call(() -> tokens.find(token, TokenPurpose.UNSUBSCRIBE).isPresent());
        return known ? HtmlPage.ok(Templates.confirm(token)) : HtmlPage.notFound();
    }

    /** No {@code @Consumes}: the body is not read, so any content type (or none) does; the token is what counts. */
    @POST
    @Operation(summary = "Unsubscribe: the page's button and the RFC 8058 one-click target (HTML answer)",
            description = "Any body or none (mail clients send List-Unsubscribe=One-Click); never a redirect. The "
                    + "page offers to subscribe again with the same token.")
    @APIResponse(responseCode = "200", description = "Unsubscribed (also when it was before)",
            content = @Content(mediaType = MediaType.TEXT_HTML))
    @APIResponse(responseCode = "404", description = "A page saying the link is not valid (any more)",
            content = @Content(mediaType = MediaType.TEXT_HTML))
    public Response unsubscribe(@PathParam("token") String token) {
        try {
            return subscriptions.unsubscribe(token) ? HtmlPage.ok(Templates.unsubscribed(token)) : HtmlPage.notFound();
        } catch (NotFoundException gone) {
            return HtmlPage.notFound();
        }
    }
}
