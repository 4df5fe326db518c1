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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

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
public class UnsubscribePage {

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
    @Operation(summary = "The unsubscribe page: a button that unsubscribes (HTML)")
    public Response page(@PathParam("token") String token) {
        boolean known = QuarkusTransaction.requiringNew()
                .call(() -> tokens.find(token, TokenPurpose.UNSUBSCRIBE).isPresent());
        return known ? HtmlPage.ok(Templates.confirm(token)) : HtmlPage.notFound();
    }

    /** No {@code @Consumes}: the body is not read, so any content type (or none) does; the token is what counts. */
    @POST
    @Operation(summary = "Unsubscribe: the page's button and the RFC 8058 one-click target (HTML answer)")
    @APIResponse(responseCode = "200", description = "Unsubscribed (also when it was before)")
    @APIResponse(responseCode = "404", description = "Unknown or expired token")
    public Response unsubscribe(@PathParam("token") String token) {
        try {
            return subscriptions.unsubscribe(token) ? HtmlPage.ok(Templates.unsubscribed(token)) : HtmlPage.notFound();
        } catch (NotFoundException gone) {
            return HtmlPage.notFound();
        }
    }
}
