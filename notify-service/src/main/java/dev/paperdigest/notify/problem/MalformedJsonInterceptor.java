package dev.paperdigest.notify.problem;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DatabindException;
import io.quarkiverse.resteasy.problem.HttpProblem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

import java.io.IOException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Says where a request body stops being JSON, exactly like ingest-service's {@code web.MalformedJsonInterceptor}: a
 * 400 problem titled "Malformed JSON" with {@code line}, {@code column} and a detail naming both. Quarkus REST wraps
 * Jackson's syntax errors in a bare "HTTP 400 Bad Request", and binding a record wraps them once more in a
 * {@link DatabindException} naming the field being read; this finds the syntax error inside. Type mismatches in
 * well-formed JSON are not touched: they reach their own mappers ({@link MismatchedInputProblemMapper}), which name
 * the field.
 */
@Provider
public class MalformedJsonInterceptor implements ReaderInterceptor {

    // Jackson points at a second location as "[Source: REDACTED ...; line: 1, column: 2]"; keep only the position.
    private static final Pattern SOURCE_REFERENCE = Pattern.compile("\\[Source: [^;\\]]*; (line: \\d+, column: \\d+)]");

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        try {
            return context.proceed();
        } catch (RuntimeException | IOException e) {
            Optional<JsonProcessingException> syntax = syntaxError(e);
            if (syntax.isPresent()) {
                throw malformed(syntax.get());
            }
            throw e;
        }
    }

    /** The JSON syntax error that caused {@code failure}, if one did (not a mapping error of well-formed JSON). */
    static Optional<JsonProcessingException> syntaxError(Throwable failure) {
        for (Throwable cause = failure; cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException json && !(json instanceof DatabindException)) {
                return Optional.of(json);
            }
        }
        return Optional.empty();
    }

    static HttpProblem malformed(JsonProcessingException e) {
        String reason = SOURCE_REFERENCE.matcher(String.valueOf(e.getOriginalMessage())).replaceAll("$1");
        JsonLocation at = e.getLocation();
        HttpProblem.Builder problem = HttpProblem.builder()
                .withStatus(Response.Status.BAD_REQUEST)
                .withTitle("Malformed JSON");
        if (at == null || at.getLineNr() < 1) {
            return problem.withDetail("The body is not valid JSON: " + reason).build();
        }
        return problem
                .withDetail("The body is not valid JSON at line " + at.getLineNr() + ", column " + at.getColumnNr()
                        + ": " + reason)
                .with("line", at.getLineNr())
                .with("column", at.getColumnNr())
                .build();
    }
}
