package dev.paperdigest.ingest.security;

import java.util.Optional;

/** Reads the credentials of {@code Authorization: Bearer <token>}. */
final class BearerToken {

    private static final String BEARER = "Bearer ";

    private BearerToken() {
    }

    /**
     * The token of a bearer {@code Authorization} header (scheme case-insensitive, token without surrounding white
     * space, possibly empty); empty for no header or another scheme such as Basic.
     */
    static Optional<String> of(String authorizationHeader) {
        if (authorizationHeader == null
                || !authorizationHeader.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        return Optional.of(authorizationHeader.substring(BEARER.length()).strip());
    }
}
