package dev.paperdigest.notify.admin;

import dev.paperdigest.notify.NotifyApi;
import dev.paperdigest.notify.event.DeadLetterReplay;
import dev.paperdigest.notify.problem.ProblemJson;
import dev.paperdigest.notify.security.AdminKeyAuthenticationMechanism;
import dev.paperdigest.notify.security.Roles;
import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkus.vertx.http.runtime.security.annotation.HttpAuthenticationMechanism;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/admin/dead-letters/replay")
@RolesAllowed(Roles.ADMIN)
@HttpAuthenticationMechanism(AdminKeyAuthenticationMechanism.SCHEME)
@Tag(name = AdminStatsResource.TAG)
public class DeadLetterReplayResource {

    private final DeadLetterReplay replay;

    public DeadLetterReplayResource(DeadLetterReplay replay) {
        this.replay = replay;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Send the records of papers.new.dlq back to papers.new (admin)",
            description = "Oldest first, each dead letter once: a second call replays only what was dead-lettered since."
                    + " Replayed records carry header replayed-from; a record that still cannot be read returns to the"
                    + " DLQ with its reason and waits for the next replay. Events already processed are skipped.")
    @APIResponse(responseCode = "200", description = "How many records were replayed and how many still wait",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = DeadLetterReplay.Result.class)))
    @APIResponse(responseCode = "400", description = "max is not a whole number from 1 to 100000 (violations[].field names max)",
            content = @Content(mediaType = ProblemJson.MEDIA_TYPE, schema = @Schema(ref = "HttpValidationProblem")))
    @SecurityRequirement(name = NotifyApi.ADMIN_KEY_SCHEME)
    @APIResponse(responseCode = "401", description = "Missing or wrong admin key",
            content = @Content(mediaType = ProblemJson.MEDIA_TYPE, schema = @Schema(ref = "HttpProblem")))
    @APIResponse(responseCode = "403", description = "Admin endpoints disabled (no key configured)",
            content = @Content(mediaType = ProblemJson.MEDIA_TYPE, schema = @Schema(ref = "HttpProblem")))
    @APIResponse(responseCode = "503", description = "Kafka did not answer; nothing is marked replayed",
            content = @Content(mediaType = ProblemJson.MEDIA_TYPE, schema = @Schema(ref = "HttpProblem")))
    public DeadLetterReplay.Result replay(
            // A string: JAX-RS answers a number it cannot convert with 404, not with a 400 naming the parameter.
            @QueryParam("max") @DefaultValue("10000")
            @Pattern(regexp = "0*([1-9][0-9]{0,4}|100000)", message = "must be a whole number from 1 to 100000")
            String max) {
        try {
            return replay.replay(Integer.parseInt(max));
        } catch (DeadLetterReplay.KafkaUnavailableException e) {
            throw HttpProblem.builder()
                    .withStatus(Response.Status.SERVICE_UNAVAILABLE)
                    .withTitle(Response.Status.SERVICE_UNAVAILABLE.getReasonPhrase())
                    .withDetail("The replay could not finish (" + e.getMessage() + "); try again once Kafka is back.")
                    .withHeader("Retry-After", 30)
                    .build();
        }
    }
}
