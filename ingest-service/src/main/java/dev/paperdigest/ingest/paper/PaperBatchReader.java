package dev.paperdigest.ingest.paper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import dev.paperdigest.ingest.web.FieldViolation;
import dev.paperdigest.ingest.web.InvalidRequestProblem;

/**
 * Turns the body of {@code POST /api/papers} (one paper object or an array of them) into validated, normalized
 * papers, or rejects the whole request with every violation named by its JSON path ({@code title} for a single
 * object, {@code [1].title} for the second element of an array). Nothing is stored before this has passed, which
 * makes a request all-or-nothing.
 */
@ApplicationScoped
public class PaperBatchReader {

    public static final int MAX_PAPERS = 1000;
    /** Enough to fix a request; a thousand broken papers would otherwise produce a megabyte of problems. */
    static final int MAX_REPORTED_VIOLATIONS = 100;

    private static final Map<Class<?>, String> TYPE_NAMES = Map.of(
            String.class, "a string",
            Integer.class, "an integer",
            int.class, "an integer",
            Instant.class, "an RFC 3339 timestamp such as 2025-05-30T17:59:01Z",
            List.class, "an array",
            PaperLinks.class, "an object");

    private final ObjectReader submissionReader;
    private final PaperValidator paperValidator;

    public PaperBatchReader(ObjectMapper mapper, PaperValidator paperValidator) {
        // Fractions silently truncated to integers would hide client bugs (upvotes 3.7 → 3).
        this.submissionReader = mapper.readerFor(PaperSubmission.class)
                .without(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        this.paperValidator = paperValidator;
    }

    /** @throws InvalidRequestProblem if the body or any paper in it is invalid */
    public List<NormalizedPaper> read(JsonNode body) {
        if (body == null || body.isMissingNode() || body.isNull()) {
            throw InvalidRequestProblem.of(FieldViolation.inBody("", "a paper object or an array of papers is required"));
        }
        if (body.isObject()) {
            return List.of(readOne(body, ""));
        }
        if (!body.isArray()) {
            throw InvalidRequestProblem.of(FieldViolation.inBody("", "must be a paper object or an array of papers"));
        }
        if (body.isEmpty()) {
            throw InvalidRequestProblem.of(FieldViolation.inBody("", "the array holds no papers"));
        }
        if (body.size() > MAX_PAPERS) {
            throw InvalidRequestProblem.of(FieldViolation.inBody("",
                    "at most " + MAX_PAPERS + " papers per request, got " + body.size()));
        }
        List<NormalizedPaper> papers = new ArrayList<>(body.size());
        List<FieldViolation> violations = new ArrayList<>();
        for (int i = 0; i < body.size(); i++) {
            String position = "[" + i + "]";
            try {
                papers.add(readOne(body.get(i), position));
            } catch (InvalidRequestProblem e) {
                violations.addAll(e.violations());
            }
        }
        if (!violations.isEmpty()) {
            throw problem(violations);
        }
        return papers;
    }

    private NormalizedPaper readOne(JsonNode node, String position) {
        if (!node.isObject()) {
            throw InvalidRequestProblem.of(FieldViolation.inBody(position, "must be a paper object"));
        }
        PaperSubmission submission;
        try {
            submission = submissionReader.<PaperSubmission> readValue(node).normalized();
        } catch (JsonMappingException e) {
            throw InvalidRequestProblem.of(
                    FieldViolation.inBody(PaperValidator.join(position, jsonPath(e.getPath())), typeMessage(e)));
        } catch (JsonProcessingException e) {
            throw InvalidRequestProblem.of(FieldViolation.inBody(position, "holds a value that cannot be read: "
                    + e.getOriginalMessage()));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("reading a JSON tree does no I/O", e);
        }
        List<FieldViolation> violations = new ArrayList<>(paperValidator.violations(submission, position));
        Optional<ArxivId> id = ArxivId.tryParse(submission.id());
        if (id.isPresent() && id.get().version() != null && submission.version() != null
                && !id.get().version().equals(submission.version())) {
            violations.add(FieldViolation.inBody(PaperValidator.join(position, "version"),
                    "does not match the version in the id (v" + id.get().version() + ")"));
        }
        if (!violations.isEmpty()) {
            throw problem(violations);
        }
        // @ArxivIdentifier passed, so the id parses.
        return NormalizedPaper.of(submission, id.orElseThrow());
    }

    private static InvalidRequestProblem problem(Collection<FieldViolation> violations) {
        List<FieldViolation> sorted = violations.stream()
                .sorted(Comparator.comparing(PaperBatchReader::positionOf).thenComparing(FieldViolation::field))
                .toList();
        List<FieldViolation> reported = sorted.subList(0, Math.min(sorted.size(), MAX_REPORTED_VIOLATIONS));
        String detail = sorted.size() == 1
                ? first(sorted).field() + ": " + first(sorted).message()
                : sorted.size() + " invalid values, first " + first(sorted).field() + ": " + first(sorted).message();
        return new InvalidRequestProblem(detail, reported);
    }

    private static FieldViolation first(List<FieldViolation> violations) {
        return violations.get(0);
    }

    /** Array position of a violation, so that [2] sorts before [10]; -1 for a single object. */
    private static int positionOf(FieldViolation violation) {
        String field = violation.field();
        if (!field.startsWith("[")) {
            return -1;
        }
        return Integer.parseInt(field.substring(1, field.indexOf(']')));
    }

    /** {@code links.abs}, {@code authors[2]}: the JSON path Jackson was at when the value did not fit. */
    static String jsonPath(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : references) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String typeMessage(JsonMappingException e) {
        if (e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException mismatch
                && mismatch.getTargetType() != null) {
            String expected = TYPE_NAMES.get(mismatch.getTargetType());
            if (expected == null && List.class.isAssignableFrom(mismatch.getTargetType())) {
                expected = TYPE_NAMES.get(List.class);
            }
            if (expected != null) {
                return "must be " + expected;
            }
        }
        return "has the wrong type";
    }
}
