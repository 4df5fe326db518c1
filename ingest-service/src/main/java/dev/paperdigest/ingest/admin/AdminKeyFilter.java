package dev.paperdigest.ingest.admin;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import dev.paperdigest.ingest.IngestConfig;
import io.quarkiverse.resteasy.problem.HttpProblem;

/**
 * Guards {@link AdminOnly} endpoints. Runs before the body is read, so an unauthenticated caller learns nothing
 * about its payload. Refusals are problem+json like every other error.
 */
@Provider
@AdminOnly
@Priority(Priorities.AUTHENTICATION)
public class AdminKeyFilter implements ContainerRequestFilter {

    // Filters are built at static init, before runtime configuration exists: look the key up per request.
    private final Instance<IngestConfig> config;

    public AdminKeyFilter(Instance<IngestConfig> config) {
        this.config = config;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        switch (AdminKeyCheck.check(config.get().admin().apiKey(), request.getHeaderString(HttpHeaders.AUTHORIZATION))) {
            case GRANTED -> {
            }
            case DISABLED -> throw HttpProblem.builder()
                    .withStatus(Response.Status.FORBIDDEN)
                    .withTitle(Response.Status.FORBIDDEN.getReasonPhrase())
                    .withDetail("Admin endpoints are disabled: no admin API key is configured")
                    .build();
            case MISSING -> throw unauthorized("Admin API key required: send Authorization: Bearer <key>");
            case WRONG -> throw unauthorized("Admin API key not accepted");
        }
    }

    private static HttpProblem unauthorized(String detail) {
        return HttpProblem.builder()
                .withStatus(Response.Status.UNAUTHORIZED)
                .withTitle(Response.Status.UNAUTHORIZED.getReasonPhrase())
                .withDetail(detail)
                .withHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"paper-digest admin\"")
                .build();
    }
}
