package dev.paperdigest.ingest.paper;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.Validator;

import dev.paperdigest.ingest.web.FieldViolation;

/**
 * The one definition of a valid paper (the constraints on {@link PaperSubmission}), applied to what clients post
 * and to what feeds report, so that a feed can never store a paper a client could not post.
 */
@ApplicationScoped
public class PaperValidator {

    private final Validator validator;

    public PaperValidator(Validator validator) {
        this.validator = validator;
    }

    /** Every broken rule, named by its JSON path, prefixed with {@code position} ({@code [1]}) when not empty. */
    public List<FieldViolation> violations(PaperSubmission submission, String position) {
        List<FieldViolation> violations = new ArrayList<>();
        for (ConstraintViolation<PaperSubmission> v : validator.validate(submission)) {
            violations.add(FieldViolation.inBody(join(position, propertyPath(v.getPropertyPath())), v.getMessage()));
        }
        return violations;
    }

    /** Why a feed's paper cannot be stored ({@code abstract: must not be blank}), or empty when it can. */
    public Optional<String> problems(NormalizedPaper paper) {
        List<FieldViolation> violations = violations(PaperSubmission.of(paper), "");
        if (violations.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(violations.stream()
                .sorted(Comparator.comparing(FieldViolation::field))
                .map(v -> v.field() + ": " + v.message())
                .collect(Collectors.joining("; ")));
    }

    static String join(String position, String path) {
        if (position.isEmpty() || path.isEmpty() || path.startsWith("[")) {
            return position + path;
        }
        return position + "." + path;
    }

    /**
     * The same notation for a bean-validation path; names come from JSON ({@code abstract}, see
     * {@link JsonPropertyNodeNameProvider}), container elements show as their index.
     */
    static String propertyPath(Path propertyPath) {
        StringBuilder path = new StringBuilder();
        for (Path.Node node : propertyPath) {
            if (node.getKind() == ElementKind.CONTAINER_ELEMENT) {
                if (node.getIndex() != null) {
                    path.append('[').append(node.getIndex()).append(']');
                }
                continue;
            }
            if (node.getIndex() != null) {
                path.append('[').append(node.getIndex()).append(']');
            }
            if (node.getName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(node.getName());
            }
        }
        return path.toString();
    }

}
