package dev.paperdigest.notify.problem;

import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkiverse.resteasy.problem.postprocessing.ProblemContext;
import io.quarkiverse.resteasy.problem.postprocessing.ProblemPostProcessor;
import io.quarkiverse.resteasy.problem.validation.Violation;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Names a list element the way a client wrote it: resteasy-problem reports a violation of a container element
 * constraint ({@code List<@NotBlank String> topics}) as {@code topics[2].<list element>}; this turns it into
 * {@code topics[2]} and drops a repeated (field, message) pair.
 */
@ApplicationScoped
public class ViolationFieldNames implements ProblemPostProcessor {

    private static final String VIOLATIONS = "violations";

    @Override
    public HttpProblem apply(HttpProblem problem, ProblemContext context) {
        if (!(problem.getParameters().get(VIOLATIONS) instanceof List<?> violations)
                || violations.stream().noneMatch(Violation.class::isInstance)) {
            return problem;
        }
        Set<Map<String, String>> renamed = new LinkedHashSet<>();
        for (Object item : violations) {
            if (item instanceof Violation violation) {
                Map<String, String> entry = new LinkedHashMap<>();
                entry.put("field", violation.field == null ? null : clientPath(violation.field));
                entry.put("in", violation.in);
                entry.put("message", violation.message);
                renamed.add(entry);
            }
        }
        return HttpProblem.builder(problem).with(VIOLATIONS, new ArrayList<>(renamed)).build();
    }

    /** {@code topics[2].<list element>} → {@code topics[2]}. */
    static String clientPath(String field) {
        return field.replaceAll("\\.?<[a-z ]+>", "");
    }
}
