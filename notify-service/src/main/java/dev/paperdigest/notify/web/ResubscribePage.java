package dev.paperdigest.notify.web;

import dev.paperdigest.notify.subscription.SubscriptionService;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
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
 * The way back from the "unsubscribed" page: {@code POST /resubscribe/{token}} with the same unsubscribe token
 * makes the subscription ACTIVE again, with its topics and schedule. A token that is unknown, expired, or belongs
 * to an address that never confirmed is a 404 page.
 */
@Path("/resubscribe/{token}")
@Produces(MediaType.TEXT_HTML)
@Blocking
@Tag(name = UnsubscribePage.TAG)
public class ResubscribePage {

    @CheckedTemplate(basePath = "ResubscribePage")
    static class Templates {
        static native TemplateInstance resubscribed();
    }

    private final SubscriptionService subscriptions;

    public ResubscribePage(SubscriptionService subscriptions) {
        this.subscriptions = subscriptions;
    }

    @POST
    @Operation(summary = "Undo an unsubscribe with the same token (HTML answer)",
            description = "The subscription is ACTIVE again, with its topics and schedule.")
    @APIResponse(responseCode = "200", description = "Subscribed again",
            content = @Content(mediaType = MediaType.TEXT_HTML))
    @APIResponse(responseCode = "404",
            description = "A page saying the link is not valid (any more), also for an address that never confirmed",
            content = @Content(mediaType = MediaType.TEXT_HTML))
    public Response resubscribe(@PathParam("token") String token) {
        try {
            return subscriptions.resubscribe(token) ? HtmlPage.ok(Templates.resubscribed()) : HtmlPage.notFound();
        } catch (NotFoundException gone) {
            return HtmlPage.notFound();
        }
    }
}
