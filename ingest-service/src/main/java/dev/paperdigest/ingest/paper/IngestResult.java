package dev.paperdigest.ingest.paper;

import com.fasterxml.jackson.annotation.JsonProperty;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What a {@code POST /api/papers} did. {@code received = new + alreadyKnown}; a paper that appears twice in one
 * request counts as new once and as already known once.
 */
@Schema(name = "IngestResult", description = "Counts of one paper submission")
public record IngestResult(
        @Schema(description = "papers in the request", examples = "3")
        int received,
        @Schema(description = "papers not seen before: stored and queued for publication on papers.new", examples = "2")
        @JsonProperty("new") int newPapers,
        @Schema(description = "papers already stored (by canonical arXiv id): nothing is published for them; what they "
                + "add is merged into the stored paper (a newer version with its title and abstract, categories or "
                + "upvotes it lacked, sources)", examples = "1")
        int alreadyKnown) {
}
