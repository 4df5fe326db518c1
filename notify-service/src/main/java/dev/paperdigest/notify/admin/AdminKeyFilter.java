package dev.paperdigest.notify.admin;

import dev.paperdigest.notify.NotifyConfig;
import io.quarkiverse.resteasy.problem.HttpProblem;
import jakarta.enterprise.inject.Instance;
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
 * With no key configured, admin endpoints are refused altogether.
 */
@Provider
@AdminOnly
public class AdminKeyFilter implements ContainerRequestFilter {

    private static final String BEARER = "Bearer ";

    // Looked up per request: REST filters are created at static init, before runtime config mappings exist.
    private final Instance<NotifyConfig> config;

    public AdminKeyFilter(Instance<NotifyConfig> config) {
        this.config = config;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Optional<String> key = config.get().admin().apiKey().filter(k -> !k.isBlank());
        if (key.isEmpty()) {
            throw HttpProblem.builder().withStatus(Response.Status.FORBIDDEN)
                    .withTitle("Forbidden")
                    .withDetail("Admin endpoints are disabled: no paperdigest.admin.api-key is configured.")
                    .build();
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        String presented = header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? header.substring(BEARER.length()).strip() : null;
        if (presented == null || !sameSecret(presented, key.get())) {
            throw HttpProblem.builder().withStatus(Response.Status.UNAUTHORIZED)
                    .withTitle("Unauthorized")
                    .withDetail("A valid admin API key is required: Authorization: Bearer <key>.")
                    .withHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                    .build();
        }
    }

    /** Compares digests in constant time, so neither the content nor the length of the key leaks through timing. */
    static boolean sameSecret(String presented, String expected) {
        return MessageDigest.isEqual(sha256(presented), sha256(expected));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
