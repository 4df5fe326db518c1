package dev.paperdigest.notify.admin;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AdminKeyFilterTest {

    @Test
    void comparesTheWholeKey() {
        assertTrue(AdminKeyFilter.sameSecret("dev-admin-key", "dev-admin-key"));
        assertFalse(AdminKeyFilter.sameSecret("dev-admin-ke", "dev-admin-key"));
        assertFalse(AdminKeyFilter.sameSecret("dev-admin-key ", "dev-admin-key"));
        assertFalse(AdminKeyFilter.sameSecret("", "dev-admin-key"));
    }

    @Test
    void aConfiguredKeyIsUsedWithoutSurroundingWhiteSpaceAndABlankOneDisablesAdmin() {
        Optional<String> fromSecretFile = AdminKeyFilter.configuredKey(Optional.of(" dev-admin-key\n"));
        assertEquals(Optional.of("dev-admin-key"), fromSecretFile);
        assertTrue(AdminKeyFilter.sameSecret("dev-admin-key", fromSecretFile.orElseThrow()));

        assertEquals(Optional.empty(), AdminKeyFilter.configuredKey(Optional.of(" \n")));
        assertEquals(Optional.empty(), AdminKeyFilter.configuredKey(Optional.empty()));
    }
}
