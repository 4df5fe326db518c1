package dev.paperdigest.notify.subscription;

import dev.paperdigest.notify.mail.SubscriberLinks;
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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

@Path("/api/subscriptions")
@Produces(MediaType.APPLICATION_JSON)
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
            description = "Mails a confirmation link; the answer is the same whether or not the address is known.")
    @APIResponse(responseCode = "202", description = "Accepted")
    @APIResponse(responseCode = "400", description = "Invalid input (problem+json naming the field)")
    @APIResponse(responseCode = "429", description = "Too many sign-ups from this client or for this address")
    public Response subscribe(@NotNull @Valid SubscriptionRequest request, @Context HttpServerRequest http) {
        checkRate(rateLimiter, clientAddress(http), request.email());
        signups.enqueue(request);
        return Response.accepted(ACCEPTED).build();
    }

    @POST
    @Path("/confirm/{token}")
    @Operation(summary = "Confirm an address with the token of its confirmation mail")
    @APIResponse(responseCode = "200", description = "ACTIVE (also when confirmed before), with a manage token")
    @APIResponse(responseCode = "404", description = "Unknown or expired token")
    public Confirmed confirm(@PathParam("token") String token) {
        SubscriptionService.Confirmation confirmation = subscriptions.confirm(token).orElseThrow(() -> unknownToken());
        return new Confirmed(confirmation.status(), confirmation.manageToken(), confirmation.confirmedBefore() ? null
                : links.publicUrl() + "/manage/" + confirmation.manageToken());
    }

    @GET
    @Path("/me")
    @RolesAllowed(CurrentSubscriber.ROLE)
    @Operation(summary = "The subscription of the manage token (Authorization: Bearer <manage token>)")
    public SubscriptionView me() {
        return subscriptions.view(currentSubscriber.id());
    }

    @PUT
    @Path("/me")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(CurrentSubscriber.ROLE)
    @Operation(summary = "Change topics and/or schedule; members left out stay as they are")
    public SubscriptionView update(@NotNull @Valid SubscriptionUpdate update) {
        return subscriptions.update(currentSubscriber.id(), update);
    }

    @DELETE
    @Path("/me")
    @RolesAllowed(CurrentSubscriber.ROLE)
    @Operation(summary = "Delete the subscription and everything stored about it")
    @APIResponse(responseCode = "204", description = "Deleted")
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
