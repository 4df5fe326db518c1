package dev.paperdigest.notify.web;

import dev.paperdigest.notify.subscription.AccessTokens;
import dev.paperdigest.notify.subscription.SubscriptionService;
import dev.paperdigest.notify.subscription.TokenPurpose;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
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

import java.util.Optional;

/**
 * The landing page of the confirmation mail's link. {@code GET /confirm/{token}} only shows a button (mail scanners
 * follow links); the button posts to {@code POST /confirm/{token}}, which confirms and links to the manage page.
 * An unknown or expired token is a 404 page either way.
 */
@Path("/confirm/{token}")
@Produces(MediaType.TEXT_HTML)
@Blocking
@Tag(name = "Confirmation page", description = "Where the link of the confirmation mail lands (server-rendered HTML)")
public class ConfirmPage {

    @CheckedTemplate(basePath = "ConfirmPage")
    static class Templates {
        static native TemplateInstance confirm(String token);

        static native TemplateInstance confirmed(String manageToken);
    }

    private final SubscriptionService subscriptions;
    private final AccessTokens tokens;

    public ConfirmPage(SubscriptionService subscriptions, AccessTokens tokens) {
        this.subscriptions = subscriptions;
        this.tokens = tokens;
    }

    @GET
    @Operation(summary = "The confirmation page: a button that confirms (HTML)",
            description = "Showing it confirms nothing, since mail scanners follow links; its button posts.")
    @APIResponse(responseCode = "200", description = "The page", content = @Content(mediaType = MediaType.TEXT_HTML))
    @APIResponse(responseCode = "404", description = "A page saying the link is not valid (any more)",
            content = @Content(mediaType = MediaType.TEXT_HTML))
    public Response page(@PathParam("token") String token) {
        boolean known = QuarkusTransaction.requiringNew().call(() -> tokens.find(token, TokenPurpose.CONFIRM).isPresent());
        return known ? HtmlPage.ok(Templates.confirm(token)) : HtmlPage.notFound();
    }

    @POST
    @Operation(summary = "Confirm an address from the confirmation page (HTML answer)",
            description = "As POST /api/subscriptions/confirm/{token}; the answer links to the manage page.")
    @APIResponse(responseCode = "200", description = "Confirmed (also when it was before)",
            content = @Content(mediaType = MediaType.TEXT_HTML))
    @APIResponse(responseCode = "404", description = "A page saying the link is not valid (any more)",
            content = @Content(mediaType = MediaType.TEXT_HTML))
    public Response confirm(@PathParam("token") String token) {
        Optional<SubscriptionService.Confirmation> confirmation = subscriptions.confirm(token);
        return confirmation.map(done -> HtmlPage.ok(Templates.confirmed(done.manageToken())))
                .orElseGet(HtmlPage::notFound);
    }
}
