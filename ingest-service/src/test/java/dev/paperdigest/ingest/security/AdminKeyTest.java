package dev.paperdigest.ingest.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class AdminKeyTest {

    private static final AdminKey KEY = AdminKey.of(Optional.of("s3cret-key"));

    @Test
    void matchesTheWholeKeyOnly() {
        assertTrue(KEY.matches("s3cret-key"));
        assertFalse(KEY.matches("s3cret-kez"));
        assertFalse(KEY.matches("s3cret-ke"));
        assertFalse(KEY.matches("s3cret-key-and-more"));
        assertFalse(KEY.matches("s3cret-key "));
        assertFalse(KEY.matches(""));
        assertFalse(KEY.matches(null));
    }

    @Test
    void aConfiguredKeyIsUsedWithoutSurroundingWhiteSpace() {
        AdminKey fromSecretFile = AdminKey.of(Optional.of(" s3cret-key\n"));
        assertTrue(fromSecretFile.isConfigured());
        assertTrue(fromSecretFile.matches("s3cret-key"));
    }

    @Test
    void aBlankOrAbsentKeyDisablesAdminAndMatchesNothing() {
        for (Optional<String> configured : java.util.List.of(Optional.<String>empty(), Optional.of(" \n"), Optional.of(""))) {
            AdminKey key = AdminKey.of(configured);
            assertFalse(key.isConfigured());
            assertFalse(key.matches(""));
            assertFalse(key.matches(" "));
        }
    }

    @Test
    void readsBearerCredentialsOnly() {
        assertEquals(Optional.of("s3cret-key"), BearerToken.of("Bearer s3cret-key"));
        assertEquals(Optional.of("s3cret-key"), BearerToken.of("bearer  s3cret-key "));
        assertEquals(Optional.of(""), BearerToken.of("Bearer "));
        assertEquals(Optional.empty(), BearerToken.of(null));
        assertEquals(Optional.empty(), BearerToken.of("s3cret-key"));
        assertEquals(Optional.empty(), BearerToken.of("Basic czNjcmV0LWtleQ=="));
    }
}
