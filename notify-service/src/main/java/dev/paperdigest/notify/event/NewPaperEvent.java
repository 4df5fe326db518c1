package dev.paperdigest.notify.event;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;

/**
 * The payload of a papers.new record (contract: deploy/contracts/papers.new.v1.json). Members that are unknown
 * are omitted by the producer, so every reference type here may be null; unknown members are ignored.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
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

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Links(String abs, String pdf, String huggingface) {
    }
}
