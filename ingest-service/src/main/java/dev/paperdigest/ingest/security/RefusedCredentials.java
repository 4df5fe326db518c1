package dev.paperdigest.ingest.security;

import java.util.Map;
import java.util.Optional;

import io.quarkus.security.AuthenticationFailedException;

/**
 * Credentials that were presented and refused. The reason is meant for the caller: it becomes the {@code detail} of
 * the 401/403 problem (see {@link SecurityProblemMapper}); other authentication failures keep their internals to
 * themselves.
 */
public final class RefusedCredentials {

    private static final String DETAIL = RefusedCredentials.class.getName() + ".detail";

    private RefusedCredentials() {
    }

    public static AuthenticationFailedException because(String detail) {
        return new AuthenticationFailedException(detail, Map.of(DETAIL, detail));
    }

    /** The reason given to {@link #because}; empty for a failure raised elsewhere. */
    public static Optional<String> detail(AuthenticationFailedException failure) {
        return Optional.ofNullable(failure.getAttribute(DETAIL));
    }
}
