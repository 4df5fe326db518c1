package dev.paperdigest.notify.preview;

import dev.paperdigest.notify.problem.ProblemJson;
import dev.paperdigest.notify.subscription.TopicText;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/topics/preview")
@Tag(name = "Topic preview", description = "Try a topic query on the papers of the last days before subscribing")
public class TopicPreviewResource {

    private final TopicPreview preview;

    public TopicPreviewResource(TopicPreview preview) {
        this.preview = preview;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Papers of the last days that a topic query would have matched",
            description = "Best matches first, at most " + TopicPreview.MAX_PAPERS + " listed; count is the total.")
    @APIResponse(responseCode = "200", description = "The matched papers and their count",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PreviewResult.class)))
    @APIResponse(responseCode = "400", description = "A query that is not valid (violations[].field is q, with the "
            + "position), or days out of range",
            content = @Content(mediaType = ProblemJson.MEDIA_TYPE, schema = @Schema(ref = "HttpValidationProblem")))
    public PreviewResult preview(
            @Parameter(description = "a topic query, as in a subscription", required = true)
            @QueryParam("q") @NotNull @TopicText String q,
            // A string: JAX-RS answers a number it cannot convert with 404, not with a 400 naming the parameter.
            @Parameter(description = "how many days back, 1 to 30")
            @QueryParam("days") @DefaultValue("7")
            @Pattern(regexp = "0*([1-9]|[12][0-9]|30)", message = "must be a whole number of days from 1 to 30")
            String days) {
        return preview.preview(q, Integer.parseInt(days));
    }
}
