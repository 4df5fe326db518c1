package dev.paperdigest.ingest.event;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The payload of a {@code papers.new} record, version 1 (golden example: deploy/contracts/papers.new.v1.json).
 * Unknown values are left out rather than sent as null.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "id", "version", "title", "abstract", "authors", "categories", "primaryCategory", "publishedAt",
        "links", "upvotes", "sources" })
public record NewPaperEvent(
        String id,
        Integer version,
        String title,
        @JsonProperty("abstract") String abstractText,
        List<String> authors,
        List<String> categories,
        String primaryCategory,
        Instant publishedAt,
        Links links,
        Integer upvotes,
        List<String> sources) {

    /** CloudEvents {@code type}; a breaking payload change gets a new type (and a new golden file). */
    public static final String TYPE = "dev.paperdigest.paper.new.v1";
    /** CloudEvents {@code source}. */
    public static final URI SOURCE = URI.create("/paper-digest/ingest-service");
    public static final String CONTENT_TYPE = "application/json";
    /** CloudEvent extension (header {@code ce_backfill: true}) of a paper announced by a backfill: store, do not mail. */
    public static final String BACKFILL_EXTENSION = "backfill";

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Links(String abs, String pdf, String huggingface) {
    }

    /**
     * The CloudEvents {@code id} of the announcement of paper {@code paperId}: a name-based UUID, so every re-send
     * of the same paper carries the same id and consumers can drop duplicates.
     */
    public static UUID eventId(String paperId) {
        return UUID.nameUUIDFromBytes((PapersTopic.NAME + ":" + paperId).getBytes(StandardCharsets.UTF_8));
    }
}
