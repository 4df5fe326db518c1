package dev.paperdigest.ingest.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/** Decides whether an {@code Authorization} header carries the admin key. */
public final class AdminKeyCheck {

    public enum Outcome {
        GRANTED,
        /** No key configured: admin endpoints are off. */
        DISABLED,
        /** No bearer credentials at all. */
        MISSING,
        WRONG
    }

    private static final String BEARER = "Bearer ";

    private AdminKeyCheck() {
    }

    public static Outcome check(Optional<String> configuredKey, String authorizationHeader) {
        if (configuredKey.isEmpty() || configuredKey.get().isBlank()) {
            return Outcome.DISABLED;
        }
        if (authorizationHeader == null
                || !authorizationHeader.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Outcome.MISSING;
        }
        String presented = authorizationHeader.substring(BEARER.length()).strip();
        // A key read from a secret file may end in a newline.
        return sameSecret(presented, configuredKey.get().strip()) ? Outcome.GRANTED : Outcome.WRONG;
    }

    /**
     * Compares digests rather than the keys, so the time taken depends neither on where the keys first differ nor
     * on the length of the configured key.
     */
    private static boolean sameSecret(String presented, String expected) {
        return MessageDigest.isEqual(sha256(presented), sha256(expected));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
