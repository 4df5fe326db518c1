package dev.paperdigest.notify.admin;

import dev.paperdigest.notify.NotifyApi;
import dev.paperdigest.notify.digest.DigestMailer;
import dev.paperdigest.notify.digest.DigestScheduler;
import dev.paperdigest.notify.problem.ProblemJson;
import dev.paperdigest.notify.security.AdminKeyAuthenticationMechanism;
import dev.paperdigest.notify.security.Roles;
import io.quarkus.vertx.http.runtime.security.annotation.HttpAuthenticationMechanism;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/admin/digests/run")
@RolesAllowed(Roles.ADMIN)
@HttpAuthenticationMechanism(AdminKeyAuthenticationMechanism.SCHEME)
@Tag(name = AdminStatsResource.TAG)
public class DigestRunResource {

    /** What a run did: digests assembled now, and digests handed to the SMTP server by this request. */
    public record DigestRun(int assembled, int sent) {
    }

    private final DigestScheduler scheduler;
    private final DigestMailer mailer;

    public DigestRunResource(DigestScheduler scheduler, DigestMailer mailer) {
        this.scheduler = scheduler;
        this.mailer = mailer;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Assemble every due digest now and send every digest due to be sent (admin)",
            description = "Due means due by each subscriber's schedule; the same as the scheduler does every second. "
                    + "A digest in retry back-off after a failed send waits for its next attempt. "
                    + "Answers once every digest due to be sent was handed to the SMTP server or failed.")
    @APIResponse(responseCode = "200", description = "Digests assembled now, and digests sent by this request",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DigestRun.class)))
    @SecurityRequirement(name = NotifyApi.ADMIN_KEY_SCHEME)
    @APIResponse(responseCode = "401", description = "Missing or wrong admin key",
            content = @Content(mediaType = ProblemJson.MEDIA_TYPE, schema = @Schema(ref = "HttpProblem")))
    @APIResponse(responseCode = "403", description = "Admin endpoints disabled (no key configured)",
            content = @Content(mediaType = ProblemJson.MEDIA_TYPE, schema = @Schema(ref = "HttpProblem")))
    public DigestRun run() {
        int assembled = scheduler.assembleDue();
        int sent = 0;
        for (int batch = mailer.sendBatch(); batch > 0; batch = mailer.sendBatch()) {
            sent += batch;
        }
        return new DigestRun(assembled, sent);
    }
}
