package dev.paperdigest.notify.admin;

import org.junit.jupiter.api.Test;

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
}
