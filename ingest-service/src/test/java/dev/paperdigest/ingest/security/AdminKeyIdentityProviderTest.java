package dev.paperdigest.ingest.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;

/** The provider alone, without Quarkus: which tokens become which identity. */
class AdminKeyIdentityProviderTest {

    @Test
    void theKeyBecomesTheAdminRole() {
        SecurityIdentity identity = authenticate(Optional.of("s3cret-key"), "s3cret-key");
        assertEquals(Set.of(Roles.ADMIN), identity.getRoles());
        assertEquals("admin", identity.getPrincipal().getName());
    }

    @Test
    void anyOtherTokenIsRefusedWithAReason() {
        AuthenticationFailedException refused = assertThrows(AuthenticationFailedException.class,
                () -> authenticate(Optional.of("s3cret-key"), "s3cret-kez"));
        assertEquals(Optional.of("Admin API key not accepted"), RefusedCredentials.detail(refused));
        assertThrows(AuthenticationFailedException.class, () -> authenticate(Optional.of("s3cret-key"), ""));
    }

    @Test
    void withoutAConfiguredKeyEveryTokenIsRefused() {
        AuthenticationFailedException refused = assertThrows(AuthenticationFailedException.class,
                () -> authenticate(Optional.of("  "), ""));
        assertTrue(RefusedCredentials.detail(refused).orElseThrow().contains("disabled"));
    }

    private static SecurityIdentity authenticate(Optional<String> configured, String token) {
        AdminKeyIdentityProvider provider = new AdminKeyIdentityProvider(AdminKey.of(configured));
        return provider.authenticate(new TokenAuthenticationRequest(new TokenCredential(token, "bearer")), null)
                .await().atMost(Duration.ofSeconds(5));
    }
}
