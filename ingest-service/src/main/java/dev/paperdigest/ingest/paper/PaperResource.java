package dev.paperdigest.ingest.paper;

import dev.paperdigest.ingest.web.ProblemJson;
import java.util.List;

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

import com.fasterxml.jackson.databind.JsonNode;

import dev.paperdigest.ingest.IngestApi;
import dev.paperdigest.ingest.security.AdminKeyAuthenticationMechanism;
import dev.paperdigest.ingest.security.Roles;
import io.quarkus.vertx.http.runtime.security.annotation.HttpAuthenticationMechanism;

@Path("/api/papers")
@Tag(name = "Papers", description = "Feed papers in by hand or from a script")
public class PaperResource {


    private final PaperBatchReader reader;
    private final PaperIngestService ingestService;

    public PaperResource(PaperBatchReader reader, PaperIngestService ingestService) {
        this.reader = reader;
        this.ingestService = ingestService;
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @HttpAuthenticationMechanism(AdminKeyAuthenticationMechanism.SCHEME)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Ingest one paper or an array of papers",
            description = "Stores each paper not seen before (by canonical arXiv id, version suffix stripped) and "
                    + "publishes it once on papers.new. Papers already known publish nothing. The request is "
                    + "all-or-nothing: if any paper is invalid, nothing is stored or published. At most "
                    + PaperBatchReader.MAX_PAPERS + " papers per request.")
    @SecurityRequirement(name = IngestApi.ADMIN_KEY_SCHEME)
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(oneOf = { PaperSubmission.class, PaperSubmission[].class }),
            examples = @ExampleObject(name = "one paper", value = """
                    {"id": "2505.24864v1", "title": "ProRL: Prolonged Reinforcement Learning",
                     "abstract": "Recent advances in reasoning-centric language models ...",
                     "authors": ["Mingjie Liu", "Shizhe Diao"], "categories": ["cs.CL", "cs.AI"],
                     "primaryCategory": "cs.CL", "publishedAt": "2025-05-30T17:59:01Z", "sources": ["huggingface"]}""")))
    @APIResponse(responseCode = "202", description = "Accepted; new papers are published shortly after",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IngestResult.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON or an invalid paper; violations[].field names "
            + "the value, prefixed with the array position such as [1].title; malformed JSON gives line and column. "
            + "Nothing was stored.",
            content = @Content(mediaType = ProblemJson.MEDIA_TYPE, schema = @Schema(ref = "HttpValidationProblem")))
    @APIResponse(responseCode = "401", description = "Missing or wrong admin key",
            content = @Content(mediaType = ProblemJson.MEDIA_TYPE, schema = @Schema(ref = "HttpProblem")))
    @APIResponse(responseCode = "403", description = "Admin endpoints disabled (no key configured)",
            content = @Content(mediaType = ProblemJson.MEDIA_TYPE, schema = @Schema(ref = "HttpProblem")))
    public Response submit(JsonNode body) {
        List<NormalizedPaper> papers = reader.read(body);
        return Response.accepted(ingestService.ingest(papers)).build();
    }
}
