package dev.paperdigest.notify.web;

import dev.paperdigest.notify.matching.query.InvalidTopicQueryException;
import dev.paperdigest.notify.preview.PreviewResult;
import dev.paperdigest.notify.preview.TopicPreview;
import dev.paperdigest.notify.security.ManageTokenVerifier;
import dev.paperdigest.notify.subscription.SubscriptionService;
import dev.paperdigest.notify.subscription.SubscriptionUpdate;
import dev.paperdigest.notify.subscription.SubscriptionView;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * The manage page of a subscription, opened by the link of every mail and of the confirmation page; the manage
 * token in its path is the credential (checked with {@link ManageTokenVerifier}, like the Bearer token of
 * /api/subscriptions/me). It shows the state of the mail ("why no mail today?"), edits topics and schedule, and
 * beside them previews a query ({@code ?preview=<query>&days=<n>}). Saving answers 303 back to the page; a form with
 * mistakes comes back with 400 and each message next to its field. An unknown or expired token is a 404 page.
 */
@Path("/manage/{token}")
@Produces(MediaType.TEXT_HTML)
@Blocking
@Tag(name = "Manage page", description = "A subscription's own page, opened by the link of every mail "
        + "(server-rendered HTML)")
public class ManagePage {

    @CheckedTemplate(basePath = "ManagePage")
    static class Templates {
        static native TemplateInstance manage(String token, MailStatus status, SubscriptionForm form,
                FormErrors errors, boolean saved, PreviewPanel preview);

        static native TemplateInstance deleted();
    }

    private final SubscriptionService subscriptions;
    private final ManageTokenVerifier verifier;
    private final TopicPreview topicPreview;
    private final Validator validator;

    public ManagePage(SubscriptionService subscriptions, ManageTokenVerifier verifier, TopicPreview topicPreview,
            Validator validator) {
        this.subscriptions = subscriptions;
        this.verifier = verifier;
        this.topicPreview = topicPreview;
        this.validator = validator;
    }

    @GET
    @Operation(summary = "The manage page, with a topic preview when asked (HTML)",
            description = "The state of the mail (\"why no mail today?\"), the topics and schedule to edit and, with "
                    + "?preview=<query>&days=<n>, the papers a query would have matched beside them.")
    @APIResponse(responseCode = "200", description = "The page", content = @Content(mediaType = MediaType.TEXT_HTML))
    @APIResponse(responseCode = "404", description = "A page saying the link is not valid (any more)",
            content = @Content(mediaType = MediaType.TEXT_HTML))
    public Response page(@PathParam("token") String token, @QueryParam("preview") String preview,
            @QueryParam("days") String days, @QueryParam("saved") String saved) {
        return asSubscriber(token, id -> {
            SubscriptionView view = subscriptions.view(id);
            return HtmlPage.ok(Templates.manage(token, MailStatus.of(view), SubscriptionForm.of(view),
                    FormErrors.none(), saved != null, preview(preview, days)));
        });
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Save topics and schedule from the manage page's form (HTML answer)",
            description = "The change of PUT /api/subscriptions/me from a form.")
    @APIResponse(responseCode = "303", description = "Saved: back to the page")
    @APIResponse(responseCode = "400", description = "The form again, each mistake next to its field",
            content = @Content(mediaType = MediaType.TEXT_HTML))
    @APIResponse(responseCode = "404", description = "A page saying the link is not valid (any more)",
            content = @Content(mediaType = MediaType.TEXT_HTML))
    public Response save(@PathParam("token") String token, @FormParam("topics") String topics,
            @FormParam("frequency") String frequency, @FormParam("timezone") String timezone,
            @FormParam("sendHour") String sendHour, @FormParam("weekday") String weekday) {
        return asSubscriber(token, id -> {
            SubscriptionView stored = subscriptions.view(id);
            SubscriptionForm form = new SubscriptionForm(stored.email(), topics, frequency, timezone, sendHour,
                    weekday);
            FormErrors errors;
            if (form.sendHourProblem() != null) {
                errors = FormErrors.none().add("sendHour", form.sendHourProblem());
            } else {
                SubscriptionUpdate update = form.update();
                Set<ConstraintViolation<SubscriptionUpdate>> violations = validator.validate(update);
                if (violations.isEmpty()) {
                    subscriptions.update(id, update);
                    return Response.seeOther(UriBuilder.fromPath("/manage/{token}").queryParam("saved", "1")
                            .build(token)).build();
                }
                errors = FormErrors.of(violations, form::lineOfTopic);
            }
            return HtmlPage.status(Response.Status.BAD_REQUEST, Templates.manage(token, MailStatus.of(stored), form,
                    errors, false, PreviewPanel.NONE));
        });
    }

    @POST
    @Path("/unsubscribe")
    @Operation(summary = "Unsubscribe from the manage page (answers 303 back to it)",
            description = "No more mail; the page then offers to subscribe again.")
    @APIResponse(responseCode = "303", description = "Back to the page")
    @APIResponse(responseCode = "404", description = "A page saying the link is not valid (any more)",
            content = @Content(mediaType = MediaType.TEXT_HTML))
    public Response unsubscribe(@PathParam("token") String token) {
        return asSubscriber(token, id -> {
            subscriptions.unsubscribe(id);
            return backToPage(token);
        });
    }

    @POST
    @Path("/resubscribe")
    @Operation(summary = "Subscribe again from the manage page (answers 303 back to it)",
            description = "The subscription is ACTIVE again, with its topics and schedule.")
    @APIResponse(responseCode = "303", description = "Back to the page")
    @APIResponse(responseCode = "404", description = "A page saying the link is not valid (any more)",
            content = @Content(mediaType = MediaType.TEXT_HTML))
    public Response resubscribe(@PathParam("token") String token) {
        return asSubscriber(token, id -> {
            subscriptions.resubscribe(id);
            return backToPage(token);
        });
    }

    @POST
    @Path("/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Delete the subscription and everything stored about it (HTML answer)",
            description = "Only with the form's confirm box ticked (confirm=yes).")
    @APIResponse(responseCode = "200", description = "Deleted", content = @Content(mediaType = MediaType.TEXT_HTML))
    @APIResponse(responseCode = "400", description = "The page again: the box was not ticked",
            content = @Content(mediaType = MediaType.TEXT_HTML))
    @APIResponse(responseCode = "404", description = "A page saying the link is not valid (any more)",
            content = @Content(mediaType = MediaType.TEXT_HTML))
    public Response delete(@PathParam("token") String token, @FormParam("confirm") String confirm) {
        return asSubscriber(token, id -> {
            if (!"yes".equals(confirm)) {
                SubscriptionView view = subscriptions.view(id);
                return HtmlPage.status(Response.Status.BAD_REQUEST, Templates.manage(token, MailStatus.of(view),
                        SubscriptionForm.of(view), FormErrors.none().add("confirm", "Tick the box to delete."),
                        false, PreviewPanel.NONE));
            }
            subscriptions.delete(id);
            return HtmlPage.ok(Templates.deleted());
        });
    }

    /** The preview panel of a query as typed: nothing asked, what is wrong with it, or what it matched. */
    private PreviewPanel preview(String query, String days) {
        if (query == null) {
            return PreviewPanel.NONE;
        }
        String daysText = days == null || days.isBlank() ? "7" : days.strip();
        PreviewQuery asked = new PreviewQuery(query, daysText);
        Set<ConstraintViolation<PreviewQuery>> violations = validator.validate(asked);
        if (!violations.isEmpty()) {
            List<String> errors = violations.stream()
                    .map(violation -> violation.getPropertyPath().toString().startsWith("days")
                            ? "Days: " + violation.getMessage() : FormErrors.sentence(violation.getMessage()))
                    .distinct().sorted().toList();
            return new PreviewPanel(query, daysText, errors, null);
        }
        try {
            PreviewResult result = topicPreview.preview(query, Integer.parseInt(daysText));
            return new PreviewPanel(query, daysText, List.of(), result);
        } catch (InvalidTopicQueryException e) {
            return new PreviewPanel(query, daysText,
                    List.of("Is not a valid query at position " + e.position() + ": " + e.getMessage()), null);
        }
    }

    /** Runs the action as the subscriber of the token; a 404 page for an unknown token or a deleted subscriber. */
    private Response asSubscriber(String token, LongFunction<Response> action) {
        OptionalLong id = verifier.subscriberId(token);
        if (id.isEmpty()) {
            return HtmlPage.notFound();
        }
        try {
            return action.apply(id.getAsLong());
        } catch (NotFoundException gone) {
            return HtmlPage.notFound();
        }
    }

    private static Response backToPage(String token) {
        return Response.seeOther(UriBuilder.fromPath("/manage/{token}").build(token)).build();
    }
}
