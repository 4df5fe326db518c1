package dev.paperdigest.ingest.run;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.paperdigest.ingest.source.PaperSource;
import dev.paperdigest.ingest.web.FieldViolation;
import dev.paperdigest.ingest.web.InvalidRequestProblem;

/** The body of {@code POST /api/ingest/runs}, checked: a known source and, where the source takes one, a past day. */
@Schema(name = "IngestRunRequest", description = "Which source to run now, and for which day")
record RunRequest(
        @Schema(required = true, enumeration = { "huggingface", "arxiv-rss", "arxiv-api" }) String source,
        @Schema(description = "YYYY-MM-DD, default today in the source's zone; huggingface: that day's daily papers "
                + "(backfill); arxiv-api: the window of submission days ending that day; not for arxiv-rss, which "
                + "only serves its latest announcement", examples = "2025-06-02") String date) {

    /** arXiv's first year. */
    static final int EARLIEST_YEAR = 1991;

    /** A resolved request. */
    record Checked(PaperSource source, LocalDate day) {
    }

    /** @throws InvalidRequestProblem naming every field that is wrong */
    static Checked check(JsonNode body, IngestRunner runner) {
        if (body == null || !body.isObject()) {
            throw InvalidRequestProblem.of(FieldViolation.inBody("",
                    "must be an object such as {\"source\": \"huggingface\", \"date\": \"2025-06-02\"}"));
        }
        List<FieldViolation> violations = new ArrayList<>();
        JsonNode sourceNode = body.path("source");
        Optional<PaperSource> source = sourceNode.isTextual() ? runner.source(sourceNode.asText()) : Optional.empty();
        if (source.isEmpty()) {
            violations.add(FieldViolation.inBody("source", "must be one of " + runner.sourceNames()));
        }
        LocalDate day = null;
        JsonNode dateNode = body.path("date");
        if (!dateNode.isMissingNode() && !dateNode.isNull()) {
            day = date(dateNode, "date", violations);
            if (day != null && source.isPresent() && !source.get().fetchesByDate()) {
                violations.add(FieldViolation.inBody("date", source.get().name()
                        + " only serves its latest announcement: leave date out"));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestProblem(violations.stream().map(v -> v.field() + ": " + v.message())
                    .collect(Collectors.joining("; ")), violations);
        }
        return new Checked(source.orElseThrow(), day);
    }

    /** A past (or today's) day, or null with the violation added under {@code field}. */
    static LocalDate date(JsonNode node, String field, List<FieldViolation> violations) {
        try {
            LocalDate day = LocalDate.parse(node.isTextual() ? node.asText() : "not text");
            // Year 0 or -1 parse, but no feed has a day before arXiv's first year.
            if (day.getYear() < EARLIEST_YEAR) {
                violations.add(FieldViolation.inBody(field, "must not be before " + EARLIEST_YEAR));
                return null;
            }
            // Today somewhere on Earth is at most today in UTC+14.
            if (day.isAfter(LocalDate.now(ZoneOffset.ofHours(14)))) {
                violations.add(FieldViolation.inBody(field, "must not be in the future"));
                return null;
            }
            return day;
        } catch (DateTimeParseException e) {
            violations.add(FieldViolation.inBody(field, "must be a date such as 2025-06-02 (YYYY-MM-DD)"));
            return null;
        }
    }
}
