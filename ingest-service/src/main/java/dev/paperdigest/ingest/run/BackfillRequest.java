package dev.paperdigest.ingest.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paperdigest.ingest.source.PaperSource;
import dev.paperdigest.ingest.web.FieldViolation;
import dev.paperdigest.ingest.web.InvalidRequestProblem;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The body of {@code POST /api/ingest/backfill}, checked; every member is optional. */
@Schema(name = "BackfillRequest", description = "How many days of which sources, up to which day")
record BackfillRequest(
        @Schema(description = "Days to fetch, 1 to " + BackfillRequest.MAX_DAYS + "; default ingest.backfill-days")
        Integer days,
        @Schema(description = "The last day, YYYY-MM-DD; default today in each source's zone", examples = "2025-06-02")
        String until,
        @Schema(description = "Default: every enabled source") List<String> sources) {

    static final int MAX_DAYS = 31;

    record Checked(int days, LocalDate until, List<PaperSource> sources) {
    }

    /** @throws InvalidRequestProblem naming every member that is wrong */
    static Checked check(JsonNode body, int defaultDays, IngestRunner runner) {
        if (body != null && !body.isNull() && !body.isObject()) {
            throw InvalidRequestProblem.of(FieldViolation.inBody("", "must be an object such as {\"days\": 7}"));
        }
        JsonNode request = body == null ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : body;
        List<FieldViolation> violations = new ArrayList<>();
        int days = defaultDays;
        JsonNode daysNode = request.path("days");
        if (!daysNode.isMissingNode() && !daysNode.isNull()) {
            if (!daysNode.canConvertToInt() || !daysNode.isIntegralNumber() || daysNode.asInt() < 1 || daysNode.asInt() > MAX_DAYS) {
                violations.add(FieldViolation.inBody("days", "must be a whole number from 1 to " + MAX_DAYS));
            } else {
                days = daysNode.asInt();
            }
        }
        LocalDate until = null;
        JsonNode untilNode = request.path("until");
        if (!untilNode.isMissingNode() && !untilNode.isNull()) {
            until = RunRequest.date(untilNode, "until", violations);
        }
        List<PaperSource> sources = new ArrayList<>();
        JsonNode sourcesNode = request.path("sources");
        if (sourcesNode.isMissingNode() || sourcesNode.isNull()) {
            runner.sources().stream().filter(source -> source.schedule().enabled()).forEach(sources::add);
        } else if (!sourcesNode.isArray() || sourcesNode.isEmpty()) {
            violations.add(FieldViolation.inBody("sources", "must be a non-empty list of " + runner.sourceNames()));
        } else {
            for (int i = 0; i < sourcesNode.size(); i++) {
                JsonNode name = sourcesNode.get(i);
                Optional<PaperSource> source = name.isTextual() ? runner.source(name.asText()) : Optional.empty();
                if (source.isEmpty()) {
                    violations.add(FieldViolation.inBody("sources[" + i + "]", "must be one of " + runner.sourceNames()));
                } else if (!sources.contains(source.get())) {
                    sources.add(source.get());
                }
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestProblem(violations.stream().map(v -> v.field() + ": " + v.message())
                    .collect(Collectors.joining("; ")), violations);
        }
        return new Checked(days, until, sources);
    }
}
