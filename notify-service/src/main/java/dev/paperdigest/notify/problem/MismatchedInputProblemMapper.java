package dev.paperdigest.notify.problem;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkiverse.resteasy.problem.ExceptionMapperBase;
import io.quarkiverse.resteasy.problem.HttpProblem;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Well-formed JSON of the wrong shape ({@code "topics": "diffusion"}, a body that is an array) becomes the same
 * problem+json as a validation failure, naming the field. Without this, Quarkus' own mapper for
 * {@link MismatchedInputException} answers with a different format.
 */
@Provider
@Priority(Priorities.USER)
public class MismatchedInputProblemMapper extends ExceptionMapperBase<MismatchedInputException> {

    @Override
    protected HttpProblem toProblem(MismatchedInputException exception) {
        return problem(exception);
    }

    /**
     * A value Jackson cannot convert ({@code "sendHour": "eight"}) is a mismatch too; resteasy-problem's own, more
     * specific mapper (priority 999) would answer it in another shape; a lower number wins.
     */
    @Provider
    @Priority(900)
    public static class InvalidFormat extends ExceptionMapperBase<InvalidFormatException> {
        @Override
        protected HttpProblem toProblem(InvalidFormatException exception) {
            return problem(exception);
        }
    }

    static HttpProblem problem(MismatchedInputException exception) {
        String field = path(exception.getPath());
        String message = "must be " + describe(exception.getTargetType());
        HttpProblem.Builder problem = HttpProblem.builder()
                .withStatus(Response.Status.BAD_REQUEST)
                .withTitle(Response.Status.BAD_REQUEST.getReasonPhrase());
        if (field.isEmpty()) {
            return problem.withDetail("The request body " + message + ".").build();
        }
        Map<String, String> violation = new LinkedHashMap<>();
        violation.put("field", field);
        violation.put("in", "body");
        violation.put("message", message);
        return problem.with("violations", List.of(violation)).build();
    }

    /** {@code topics[2]}, {@code email}; empty for the body itself. */
    static String path(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : references) {
            if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type == String.class) {
            return "a string";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        return "a JSON object";
    }
}
