package dev.paperdigest.notify.security;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AdminKeyTest {

    private static final AdminKey KEY = AdminKey.of(Optional.of("dev-admin-key"));

    @Test
    void matchesTheWholeKeyOnly() {
        assertTrue(KEY.matches("dev-admin-key"));
        assertFalse(KEY.matches("dev-admin-ke"));
        assertFalse(KEY.matches("dev-admin-key-"));
        assertFalse(KEY.matches("dev-admin-key "));
        assertFalse(KEY.matches(""));
        assertFalse(KEY.matches(null));
    }

    @Test
    void aConfiguredKeyIsUsedWithoutSurroundingWhiteSpaceAndABlankOneDisablesAdmin() {
        AdminKey fromSecretFile = AdminKey.of(Optional.of(" dev-admin-key\n"));
        assertTrue(fromSecretFile.isConfigured());
        assertTrue(fromSecretFile.matches("dev-admin-key"));

        for (Optional<String> blank : List.of(Optional.<String>empty(), Optional.of(" \n"), Optional.of(""))) {
            AdminKey disabled = AdminKey.of(blank);
            assertFalse(disabled.isConfigured());
            assertFalse(disabled.matches(""));
            assertFalse(disabled.matches(" "));
        }
    }

    @Test
    void readsBearerCredentialsOnly() {
        assertEquals(Optional.of("dev-admin-key"), BearerToken.of("Bearer dev-admin-key"));
        assertEquals(Optional.of("dev-admin-key"), BearerToken.of("bearer  dev-admin-key "));
        assertEquals(Optional.of(""), BearerToken.of("Bearer "));
        assertEquals(Optional.empty(), BearerToken.of((String) null));
        assertEquals(Optional.empty(), BearerToken.of("dev-admin-key"));
        assertEquals(Optional.empty(), BearerToken.of("Basic ZGV2LWFkbWluLWtleQ=="));
    }
}
