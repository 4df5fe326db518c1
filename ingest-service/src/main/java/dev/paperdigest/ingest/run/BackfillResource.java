package dev.paperdigest.ingest.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paperdigest.ingest.IngestApi;
import dev.paperdigest.ingest.security.AdminKeyAuthenticationMechanism;
import dev.paperdigest.ingest.security.Roles;
import dev.paperdigest.ingest.source.SourcesConfig;
import dev.paperdigest.ingest.web.ProblemJson;
import io.quarkus.vertx.http.runtime.security.annotation.HttpAuthenticationMechanism;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Map;

@Path("/api/ingest/backfill")
@RolesAllowed(Roles.ADMIN)
@HttpAuthenticationMechanism(AdminKeyAuthenticationMechanism.SCHEME)
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = IngestApi.ADMIN_KEY_SCHEME)
@Tag(name = "Ingest runs")
@APIResponse(responseCode = "401", description = "Missing or wrong admin key",
        content = @Content(mediaType = ProblemJson.MEDIA_TYPE, schema = @Schema(ref = "HttpProblem")))
@APIResponse(responseCode = "403", description = "Admin endpoints disabled (no key configured)",
        content = @Content(mediaType = ProblemJson.MEDIA_TYPE, schema = @Schema(ref = "HttpProblem")))
public class BackfillResource {

    /** The runs started (follow them under /api/ingest/runs) and the sources that could not start now, with why. */
    public record BackfillView(List<IngestRunView> runs, Map<String, String> notStarted) {
    }

    private final Backfill backfill;
    private final IngestRunner runner;
    private final int defaultDays;

    public BackfillResource(Backfill backfill, IngestRunner runner, SourcesConfig config) {
        this.backfill = backfill;
        this.runner = runner;
        this.defaultDays = Math.max(1, config.backfillDays());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Fetch the last days of the sources again (backfill)",
            description = "One BACKFILL run per source, in the background, at the source's polite rate. Their new"
                    + " papers reach notify-service's store (topic preview) but no mail. Harmless to repeat: papers"
                    + " already stored are merged. A fresh install does this by itself at its first start.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = BackfillRequest.class),
            examples = @ExampleObject(name = "a week of Hugging Face", value = """
                    {"days": 7, "sources": ["huggingface"]}""")))
    @APIResponse(responseCode = "202", description = "Started",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BackfillView.class)))
    @APIResponse(responseCode = "400", description = "days out of range, a malformed or future until, an unknown source;"
            + " violations[].field names it",
            content = @Content(mediaType = ProblemJson.MEDIA_TYPE, schema = @Schema(ref = "HttpValidationProblem")))
    public Response start(JsonNode body) {
        BackfillRequest.Checked request = BackfillRequest.check(body, defaultDays, runner);
        Backfill.Started started = backfill.start(request.days(), request.until(), request.sources());
        return Response.accepted(new BackfillView(started.runs().stream().map(IngestRunView::of).toList(),
                started.notStarted())).build();
    }
}
