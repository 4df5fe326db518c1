package dev.paperdigest.ingest.admin;

import static dev.paperdigest.ingest.admin.AdminKeyCheck.Outcome.DISABLED;
import static dev.paperdigest.ingest.admin.AdminKeyCheck.Outcome.GRANTED;
import static dev.paperdigest.ingest.admin.AdminKeyCheck.Outcome.MISSING;
import static dev.paperdigest.ingest.admin.AdminKeyCheck.Outcome.WRONG;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class AdminKeyCheckTest {

    private static final Optional<String> KEY = Optional.of("s3cret-key");

    @Test
    void grantsTheConfiguredBearerKey() {
        assertEquals(GRANTED, AdminKeyCheck.check(KEY, "Bearer s3cret-key"));
        assertEquals(GRANTED, AdminKeyCheck.check(KEY, "bearer s3cret-key"));
    }

    @Test
    void refusesOtherKeys() {
        assertEquals(WRONG, AdminKeyCheck.check(KEY, "Bearer s3cret-kez"));
        assertEquals(WRONG, AdminKeyCheck.check(KEY, "Bearer s3cret-key-and-more"));
        assertEquals(WRONG, AdminKeyCheck.check(KEY, "Bearer "));
    }

    @Test
    void refusesMissingOrNonBearerCredentials() {
        assertEquals(MISSING, AdminKeyCheck.check(KEY, null));
        assertEquals(MISSING, AdminKeyCheck.check(KEY, "s3cret-key"));
        assertEquals(MISSING, AdminKeyCheck.check(KEY, "Basic czNjcmV0LWtleQ=="));
    }

    @Test
    void refusesEverythingWithoutAConfiguredKey() {
        assertEquals(DISABLED, AdminKeyCheck.check(Optional.empty(), "Bearer "));
        assertEquals(DISABLED, AdminKeyCheck.check(Optional.of(" "), "Bearer  "));
        assertEquals(DISABLED, AdminKeyCheck.check(Optional.empty(), null));
    }
}
