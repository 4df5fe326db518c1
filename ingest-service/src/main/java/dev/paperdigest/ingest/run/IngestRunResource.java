package dev.paperdigest.ingest.run;

import dev.paperdigest.ingest.web.ProblemJson;
import java.net.URI;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;

import dev.paperdigest.ingest.IngestApi;
import dev.paperdigest.ingest.security.AdminKeyAuthenticationMechanism;
import dev.paperdigest.ingest.security.Roles;
import dev.paperdigest.ingest.web.FieldViolation;
import dev.paperdigest.ingest.web.InvalidRequestProblem;
import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkus.vertx.http.runtime.security.annotation.HttpAuthenticationMechanism;

/**
 * Runs of the paper sources: start one now, see what each did. Admin only, reading included: runs show upstream
 * URLs and failure details that are operators' business.
 */
@Path(IngestRunResource.PATH)
@RolesAllowed(Roles.ADMIN)
@HttpAuthenticationMechanism(AdminKeyAuthenticationMechanism.SCHEME)
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = IngestApi.ADMIN_KEY_SCHEME)
@Tag(name = "Ingest runs", description = "Fetch the paper feeds now and see what every run did")
@APIResponse(responseCode = "401", description = "Missing or wrong admin key",
        content = @Content(mediaType = ProblemJson.MEDIA_TYPE, schema = @Schema(ref = "HttpProblem")))
@APIResponse(responseCode = "403", description = "Admin endpoints disabled (no key configured)",
        content = @Content(mediaType = ProblemJson.MEDIA_TYPE, schema = @Schema(ref = "HttpProblem")))
public class IngestRunResource {

    public static final String PATH = "/api/ingest/runs";
    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 200;

    private final IngestRunner runner;
    private final IngestRunRepository runs;

    public IngestRunResource(IngestRunner runner, IngestRunRepository runs) {
        this.runner = runner;
        this.runs = runs;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Run a source now",
            description = "Starts a run in the background and answers at once with it (RUNNING); follow the "
                    + "Location header to see how it ends. One run per source at a time: while one runs, another "
                    + "start is refused with 409 (scheduled ticks then are skipped).")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RunRequest.class),
            examples = @ExampleObject(name = "a past day of Hugging Face", value = """
                    {"source": "huggingface", "date": "2025-06-02"}""")))
    @APIResponse(responseCode = "202", description = "Started",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IngestRunView.class)))
    @APIResponse(responseCode = "400", description = "Unknown source, malformed or future date, or a date for "
            + "arxiv-rss; violations[].field names it",
            content = @Content(mediaType = ProblemJson.MEDIA_TYPE, schema = @Schema(ref = "HttpValidationProblem")))
    @APIResponse(responseCode = "409", description = "A run of the source is running (runningRunId), or the "
            + "source is disabled", content = @Content(mediaType = ProblemJson.MEDIA_TYPE, schema = @Schema(ref = "HttpProblem")))
    public Response start(JsonNode body) {
        RunRequest.Checked request = RunRequest.check(body, runner);
        IngestRun run = runner.start(request.source(), request.day(), RunTrigger.REQUEST);
        return Response.accepted(IngestRunView.of(run)).location(URI.create(PATH + "/" + run.id)).build();
    }

    @GET
    @Operation(summary = "The latest runs, newest first",
            description = "Each run with its source, trigger (schedule or request), requested day, status, times, "
                    + "counts (fetched, new, already known, revised, skipped, errors), the upstream URLs it read and, "
                    + "when it failed, why.")
    @APIResponse(responseCode = "200", description = "Runs",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = IngestRunView[].class)))
    @APIResponse(responseCode = "400", description = "Unknown source or a limit out of range",
            content = @Content(mediaType = ProblemJson.MEDIA_TYPE, schema = @Schema(ref = "HttpValidationProblem")))
    public List<IngestRunView> list(
            @Parameter(description = "only runs of this source") @QueryParam("source") String source,
            @Parameter(description = "at most this many, 1 to " + MAX_LIMIT + ", default " + DEFAULT_LIMIT)
            @QueryParam("limit") String limit) {
        if (source != null && runner.source(source).isEmpty()) {
            throw InvalidRequestProblem.of(FieldViolation.inQuery("source", "must be one of " + runner.sourceNames()));
        }
        return runs.newest(Optional.ofNullable(source), limit(limit)).stream().map(IngestRunView::of).toList();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One run",
            description = "The run as in the list; poll it after starting a run to see it end SUCCEEDED or FAILED.")
    @APIResponse(responseCode = "200", description = "The run",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IngestRunView.class)))
    @APIResponse(responseCode = "404", description = "No such run",
            content = @Content(mediaType = ProblemJson.MEDIA_TYPE, schema = @Schema(ref = "HttpProblem")))
    public IngestRunView one(@PathParam("id") String id) {
        return parseId(id).flatMap(runs::byId).map(IngestRunView::of).orElseThrow(() -> HttpProblem.builder()
                .withStatus(Response.Status.NOT_FOUND)
                .withTitle(Response.Status.NOT_FOUND.getReasonPhrase())
                .withDetail("No ingest run " + id)
                .build());
    }

    private static Optional<Long> parseId(String id) {
        try {
            return Optional.of(Long.parseLong(id));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static int limit(String limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int value = Integer.parseInt(limit.strip());
            if (value >= 1 && value <= MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw InvalidRequestProblem.of(FieldViolation.inQuery("limit", "must be a whole number from 1 to " + MAX_LIMIT));
    }
}
