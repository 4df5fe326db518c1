package dev.paperdigest.notify.problem;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A request announcing a body over {@code quarkus.http.limits.max-body-size} (its Content-Length) answers 413
 * problem+json like every other error, before the body is read; left to Vert.x it would get 413 with an empty body.
 */
@ApplicationScoped
public class BodySizeLimit {

    private final long maxBytes;

    public BodySizeLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        this.maxBytes = maxBodySize.asLongValue();
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::check);
    }

    private void check(RoutingContext context) {
        long length = contentLength(context.request().getHeader(HttpHeaders.CONTENT_LENGTH));
        if (length <= maxBytes) {
            context.next();
            return;
        }
        JsonObject problem = new JsonObject()
                .put("status", 413)
                .put("title", "Request Entity Too Large")
                .put("detail", "The request body has " + length + " bytes; at most " + maxBytes + " are accepted.")
                .put("instance", context.normalizedPath());
        context.response().setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, ProblemJson.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close") // the body that follows is not read
                .end(problem.encode());
    }

    /** The announced length; -1 when absent or not a number (then the server's own limits apply). */
    private static long contentLength(String header) {
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
