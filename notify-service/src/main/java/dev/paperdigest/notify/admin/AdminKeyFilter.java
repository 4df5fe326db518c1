package dev.paperdigest.notify.admin;

import dev.paperdigest.notify.NotifyConfig;
import io.quarkiverse.resteasy.problem.HttpProblem;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * Lets a request to an {@link AdminOnly} endpoint through only with {@code Authorization: Bearer <admin api key>}.
 * With no key configured, admin endpoints are refused altogether. The refusals are the same problem+json (status,
 * title, detail, {@code WWW-Authenticate}) as ingest-service's.
 */
@Provider
@AdminOnly
@Priority(Priorities.AUTHENTICATION)
public class AdminKeyFilter implements ContainerRequestFilter {

    private static final String BEARER = "Bearer ";

    // Looked up per request: REST filters are created at static init, before runtime config mappings exist.
    private final Instance<NotifyConfig> config;

    public AdminKeyFilter(Instance<NotifyConfig> config) {
        this.config = config;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Optional<String> key = configuredKey(config.get().admin().apiKey());
        if (key.isEmpty()) {
            throw HttpProblem.builder().withStatus(Response.Status.FORBIDDEN)
                    .withTitle(Response.Status.FORBIDDEN.getReasonPhrase())
                    .withDetail("Admin endpoints are disabled: no admin API key is configured")
                    .build();
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw unauthorized("Admin API key required: send Authorization: Bearer <key>");
        }
        if (!sameSecret(header.substring(BEARER.length()).strip(), key.get())) {
            throw unauthorized("Admin API key not accepted");
        }
    }

    /** The configured key without surrounding white space (a key read from a secret file ends in a newline). */
    static Optional<String> configuredKey(Optional<String> configured) {
        return configured.map(String::strip).filter(k -> !k.isEmpty());
    }

    /** Compares digests in constant time, so neither the content nor the length of the key leaks through timing. */
    static boolean sameSecret(String presented, String expected) {
        return MessageDigest.isEqual(sha256(presented), sha256(expected));
    }

    private static HttpProblem unauthorized(String detail) {
        return HttpProblem.builder().withStatus(Response.Status.UNAUTHORIZED)
                .withTitle(Response.Status.UNAUTHORIZED.getReasonPhrase())
                .withDetail(detail)
                .withHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"paper-digest admin\"")
                .build();
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
