package dev.paperdigest.ingest.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import dev.paperdigest.ingest.IngestConfig;

/**
 * The configured admin API key ({@code paperdigest.admin.api-key}, env {@code PAPERDIGEST_ADMIN_API_KEY}). Used without
 * surrounding white space (a key read from a secret file may end in a newline); a blank or absent key means admin
 * endpoints are disabled.
 */
@Singleton
public class AdminKey {

    private final Optional<byte[]> digest;

    @Inject
    AdminKey(IngestConfig config) {
        this(config.admin().apiKey());
    }

    AdminKey(Optional<String> configured) {
        this.digest = configured.map(String::strip).filter(key -> !key.isEmpty()).map(AdminKey::sha256);
    }

    /** For tests: the key as it would come from configuration. */
    static AdminKey of(Optional<String> configured) {
        return new AdminKey(configured);
    }

    /** Whether a key is configured at all; without one every admin request is refused with 403. */
    public boolean isConfigured() {
        return digest.isPresent();
    }

    /**
     * Whether {@code presented} is the key. Compares SHA-256 digests with {@link MessageDigest#isEqual}, so the time
     * taken depends neither on where the keys first differ nor on the length of the configured key.
     */
    public boolean matches(String presented) {
        return digest.isPresent() && presented != null && MessageDigest.isEqual(sha256(presented), digest.get());
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
