package dev.paperdigest.notify.subscription;

import dev.paperdigest.notify.NotifyApi;
import dev.paperdigest.notify.mail.SubscriberLinks;
import dev.paperdigest.notify.problem.ProblemJson;
import dev.paperdigest.notify.security.CurrentSubscriber;
import io.quarkiverse.resteasy.problem.HttpProblem;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/subscriptions")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Subscriptions", description = "Sign up for topics, confirm, and see, change or delete a subscription "
        + "with its manage token")
public class SubscriptionResource {

    /** The answer to every valid sign-up, whether the address was known or not (no account enumeration). */
    public record Accepted(String status, String message) {
    }

    /**
     * The answer to a confirmation: the subscription is ACTIVE; the manage token opens /api/subscriptions/me. Both
     * are null when it was confirmed before (every digest carries a manage link).
     */
    public record Confirmed(SubscriberStatus status, String manageToken, String manageUrl) {
    }

    private static final String NO_MANAGE_TOKEN = "No manage token, or one that is unknown or expired";
    private static final String ADMIN_KEY_REFUSED = "The admin key is no manage token";

    static final Accepted ACCEPTED = new Accepted("accepted",
            "Thank you. Unless this address is subscribed already, a mail with a confirmation link is on its way to"
                    + " it; nothing else is sent before it is confirmed.");

    private final SubscriptionService subscriptions;
    private final SignupQueue signups;
    private final SignupRateLimiter rateLimiter;
    private final CurrentSubscriber currentSubscriber;
    private final SubscriberLinks links;

    public SubscriptionResource(SubscriptionService subscriptions, SignupQueue signups, SignupRateLimiter rateLimiter,
            CurrentSubscriber currentSubscriber, SubscriberLinks links) {
        this.subscriptions = subscriptions;
        this.signups = signups;
        this.rateLimiter = rateLimiter;
        this.currentSubscriber = currentSubscriber;
        this.links = links;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Sign an address up for topics (double opt-in)",
            description = "Mails a confirmation link; the answer is the same whether or not the address is known. "
                    + "Nothing else is mailed before the address is confirmed. Topics use the query language of "
                    + "docs/query-syntax.md; the schedule (frequency, timezone, sendHour, weekday) has defaults.")
    @APIResponse(responseCode = "202", description = "Accepted",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Accepted.class)))
    @APIResponse(responseCode = "400", description = "Invalid input; violations[].field names the field (and the "
            + "position in a topic query)",
            content = @Content(mediaType = ProblemJson.MEDIA_TYPE, schema = @Schema(ref = "HttpValidationProblem")))
    @APIResponse(responseCode = "429", description = "Too many sign-ups from this client or for this address",
            headers = @Header(name = HttpHeaders.RETRY_AFTER, description = "seconds to wait"),
            content = @Content(mediaType = ProblemJson.MEDIA_TYPE, schema = @Schema(ref = "HttpProblem")))
    public Response subscribe(@NotNull @Valid SubscriptionRequest request, @Context HttpServerRequest http) {
        checkRate(rateLimiter, clientAddress(http), request.email());
        signups.enqueue(request);
        return Response.accepted(ACCEPTED).build();
    }

    @POST
    @Path("/confirm/{token}")
    @Operation(summary = "Confirm an address with the token of its confirmation mail",
            description = "Makes the subscription ACTIVE: digests start with the papers matched from now on. The "
                    + "answer carries a manage token for /api/subscriptions/me (null when confirmed before).")
    @APIResponse(responseCode = "200", description = "ACTIVE (also when confirmed before), with a manage token",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Confirmed.class)))
    @APIResponse(responseCode = "404", description = "Unknown or expired token",
            content = @Content(mediaType = ProblemJson.MEDIA_TYPE, schema = @Schema(ref = "HttpProblem")))
    public Confirmed confirm(@PathParam("token") String token) {
        SubscriptionService.Confirmation confirmation = subscriptions.confirm(token).orElseThrow(() -> unknownToken());
        return new Confirmed(confirmation.status(), confirmation.manageToken(), confirmation.confirmedBefore() ? null
                : links.publicUrl() + "/manage/" + confirmation.manageToken());
    }

    @GET
    @Path("/me")
    @RolesAllowed(CurrentSubscriber.ROLE)
    @Operation(summary = "The subscription of the manage token (Authorization: Bearer <manage token>)",
            description = "Address, status, topics and schedule, and what answers \"why no mail today?\": when the "
                    + "last mail went out, when the next is due, how many matches wait, why mail stopped (if it did).")
    @SecurityRequirement(name = NotifyApi.MANAGE_TOKEN_SCHEME)
    @APIResponse(responseCode = "200", description = "The subscription",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SubscriptionView.class)))
    @APIResponse(responseCode = "401", description = NO_MANAGE_TOKEN,
            content = @Content(mediaType = ProblemJson.MEDIA_TYPE, schema = @Schema(ref = "HttpProblem")))
    @APIResponse(responseCode = "403", description = ADMIN_KEY_REFUSED,
            content = @Content(mediaType = ProblemJson.MEDIA_TYPE, schema = @Schema(ref = "HttpProblem")))
    public SubscriptionView me() {
        return subscriptions.view(currentSubscriber.id());
    }

    @PUT
    @Path("/me")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(CurrentSubscriber.ROLE)
    @Operation(summary = "Change topics and/or schedule; members left out stay as they are",
            description = "topics, when given, replaces the list; the checks are those of a sign-up.")
    @SecurityRequirement(name = NotifyApi.MANAGE_TOKEN_SCHEME)
    @APIResponse(responseCode = "200", description = "The subscription as changed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SubscriptionView.class)))
    @APIResponse(responseCode = "400", description = "Invalid input; violations[].field names the field",
            content = @Content(mediaType = ProblemJson.MEDIA_TYPE, schema = @Schema(ref = "HttpValidationProblem")))
    @APIResponse(responseCode = "401", description = NO_MANAGE_TOKEN,
            content = @Content(mediaType = ProblemJson.MEDIA_TYPE, schema = @Schema(ref = "HttpProblem")))
    @APIResponse(responseCode = "403", description = ADMIN_KEY_REFUSED,
            content = @Content(mediaType = ProblemJson.MEDIA_TYPE, schema = @Schema(ref = "HttpProblem")))
    public SubscriptionView update(@NotNull @Valid SubscriptionUpdate update) {
        return subscriptions.update(currentSubscriber.id(), update);
    }

    @DELETE
    @Path("/me")
    @RolesAllowed(CurrentSubscriber.ROLE)
    @Operation(summary = "Delete the subscription and everything stored about it",
            description = "The address with its topics, schedule, digests and tokens; no mail goes to it any more.")
    @SecurityRequirement(name = NotifyApi.MANAGE_TOKEN_SCHEME)
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "401", description = NO_MANAGE_TOKEN,
            content = @Content(mediaType = ProblemJson.MEDIA_TYPE, schema = @Schema(ref = "HttpProblem")))
    @APIResponse(responseCode = "403", description = ADMIN_KEY_REFUSED,
            content = @Content(mediaType = ProblemJson.MEDIA_TYPE, schema = @Schema(ref = "HttpProblem")))
    public Response delete() {
        subscriptions.delete(currentSubscriber.id());
        return Response.noContent().build();
    }

    /** Refuses with 429 and Retry-After when a sign-up limit is reached; else counts the sign-up. */
    public static void checkRate(SignupRateLimiter limiter, String client, String email) {
        limiter.acquire(client, email).ifPresent(seconds -> {
            throw HttpProblem.builder()
                    .withStatus(Response.Status.TOO_MANY_REQUESTS)
                    .withTitle(Response.Status.TOO_MANY_REQUESTS.getReasonPhrase())
                    .withDetail("Too many sign-ups from this client or for this address; try again in " + seconds
                            + " seconds.")
                    .withHeader(HttpHeaders.RETRY_AFTER, seconds)
                    .build();
        });
    }

    /** The client's address (the forwarded one only where quarkus.http.proxy settings trust the proxy). */
    public static String clientAddress(HttpServerRequest http) {
        return http.remoteAddress() == null ? "unknown" : http.remoteAddress().hostAddress();
    }

    static HttpProblem unknownToken() {
        return HttpProblem.builder()
                .withStatus(Response.Status.NOT_FOUND)
                .withTitle(Response.Status.NOT_FOUND.getReasonPhrase())
                .withDetail("This link is not valid (any more).")
                .build();
    }
}
