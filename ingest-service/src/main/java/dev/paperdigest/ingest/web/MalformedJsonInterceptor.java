package dev.paperdigest.ingest.web;

import java.io.IOException;
import java.util.regex.Pattern;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DatabindException;

import io.quarkiverse.resteasy.problem.HttpProblem;

/**
 * Says where a request body stops being JSON. Quarkus REST wraps Jackson's syntax errors in a bare
 * "HTTP 400 Bad Request", which quarkus-resteasy-problem passes on without the position; this turns them into a
 * problem with {@code line} and {@code column}. Type mismatches in well-formed JSON are not touched: they reach
 * their own mappers, which name the field.
 */
@Provider
public class MalformedJsonInterceptor implements ReaderInterceptor {

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        try {
            return context.proceed();
        } catch (WebApplicationException e) {
            if (e.getCause() instanceof JsonProcessingException syntax && !(syntax instanceof DatabindException)) {
                throw malformed(syntax);
            }
            throw e;
        } catch (JsonProcessingException e) {
            if (e instanceof DatabindException) {
                throw e;
            }
            throw malformed(e);
        }
    }

    // Jackson points at a second location as "[Source: REDACTED ...; line: 1, column: 2]"; keep only the position.
    private static final Pattern SOURCE_REFERENCE = Pattern.compile("\\[Source: [^;\\]]*; (line: \\d+, column: \\d+)]");

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
