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

/**
 * The way back from the "unsubscribed" page: {@code POST /resubscribe/{token}} with the same unsubscribe token
 * makes the subscription ACTIVE again, with its topics and schedule. A token that is unknown, expired, or belongs
 * to an address that never confirmed is a 404 page.
 */
@Path("/resubscribe/{token}")
@Produces(MediaType.TEXT_HTML)
@Blocking
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
    @Operation(summary = "Undo an unsubscribe with the same token (HTML answer)")
    public Response resubscribe(@PathParam("token") String token) {
        try {
            return subscriptions.resubscribe(token) ? HtmlPage.ok(Templates.resubscribed()) : HtmlPage.notFound();
        } catch (NotFoundException gone) {
            return HtmlPage.notFound();
        }
    }
}
