package dev.paperdigest.notify.web;

import dev.paperdigest.notify.subscription.SignupRateLimiter;
import dev.paperdigest.notify.subscription.SubscriptionRequest;
import dev.paperdigest.notify.subscription.SubscriptionResource;
import dev.paperdigest.notify.subscription.SignupQueue;
import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Set;

/**
 * {@code GET /}: the subscribe page (where the home link of every mail lands). Its form posts to {@code POST /};
 * a valid sign-up answers "check your mail" whatever the address (no account enumeration), a form with mistakes
 * comes back with 400 and each message next to its field.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
@Blocking
@Tag(name = "Subscribe page", description = "The home page: sign up from a form (server-rendered HTML)")
public class SubscribePage {

    @CheckedTemplate(basePath = "SubscribePage")
    static class Templates {
        static native TemplateInstance form(SubscriptionForm form, FormErrors errors);

        static native TemplateInstance checkYourMail(String email);
    }

    private final SignupQueue signups;
    private final SignupRateLimiter rateLimiter;
    private final Validator validator;

    public SubscribePage(SignupQueue signups, SignupRateLimiter rateLimiter, Validator validator) {
        this.signups = signups;
        this.rateLimiter = rateLimiter;
        this.validator = validator;
    }

    @GET
    @Operation(summary = "The subscribe page (HTML)",
            description = "A form for the address, the topics (one per line) and the schedule; every mail links here.")
    @APIResponse(responseCode = "200", description = "The page", content = @Content(mediaType = MediaType.TEXT_HTML))
    public Response page() {
        return HtmlPage.ok(Templates.form(SubscriptionForm.BLANK, FormErrors.none()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Sign up from the subscribe page's form (HTML answer)",
            description = "The sign-up of POST /api/subscriptions from a form: the same checks, limits and answer "
                    + "whether or not the address is known.")
    @APIResponse(responseCode = "200", description = "\"Check your mail\"",
            content = @Content(mediaType = MediaType.TEXT_HTML))
    @APIResponse(responseCode = "400", description = "The form again, each mistake next to its field",
            content = @Content(mediaType = MediaType.TEXT_HTML))
    @APIResponse(responseCode = "429",
            description = "Too many sign-ups from this client or for this address: when to try again",
            content = @Content(mediaType = MediaType.TEXT_HTML))
    public Response subscribe(@FormParam("email") String email, @FormParam("topics") String topics,
            @FormParam("frequency") String frequency, @FormParam("timezone") String timezone,
            @FormParam("sendHour") String sendHour, @FormParam("weekday") String weekday,
            @Context HttpServerRequest http) {
        SubscriptionForm form = new SubscriptionForm(email, topics, frequency, timezone, sendHour, weekday);
        if (form.sendHourProblem() != null) {
            return invalid(form, FormErrors.none().add("sendHour", form.sendHourProblem()));
        }
        SubscriptionRequest request = form.request();
        Set<ConstraintViolation<SubscriptionRequest>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            return invalid(form, FormErrors.of(violations, form::lineOfTopic));
        }
        try {
            SubscriptionResource.checkRate(rateLimiter, SubscriptionResource.clientAddress(http), request.email());
        } catch (HttpProblem problem) {
            return HtmlPage.tooManyRequests(problem);
        }
        signups.enqueue(request);
        return HtmlPage.ok(Templates.checkYourMail(request.email()));
    }

    private static Response invalid(SubscriptionForm form, FormErrors errors) {
        return HtmlPage.status(Response.Status.BAD_REQUEST, Templates.form(form, errors));
    }
}
