package dev.paperdigest.notify.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which bearer token becomes which identity, without Quarkus: the mechanisms' choice of lookup and the identity
 * providers, with a stand-in {@link ManageTokenVerifier} that knows one token.
 */
class IdentitiesTest {

    private static final String ADMIN_KEY = "dev-admin-key";
    private static final String MANAGE_TOKEN = "a-manage-token-of-subscriber-42";

    private final AdminKey adminKey = AdminKey.of(Optional.of(ADMIN_KEY));
    private final List<String> lookedUp = new ArrayList<>();
    private final ManageTokenVerifier verifier = token -> {
        lookedUp.add(token);
        return MANAGE_TOKEN.equals(token) ? OptionalLong.of(42) : OptionalLong.empty();
    };
    private final BlockingContext blocking = new BlockingContext();

    @Test
    void aManageTokenBecomesTheSubscriberWhoseIdIsThePrincipalName() {
        SecurityIdentity identity = manageToken(MANAGE_TOKEN);

        assertEquals(Set.of(CurrentSubscriber.ROLE), identity.getRoles());
        assertEquals("42", identity.getPrincipal().getName());
        assertEquals(42, CurrentSubscriber.id(identity));
        assertFalse(identity.hasRole(Roles.ADMIN));
        // The lookup asks the database: it ran through runBlocking, i.e. off the event loop.
        assertEquals(1, blocking.calls);
    }

    @Test
    void aTokenOfNobodyIsRefused() {
        for (String token : List.of("unknown-token", "", MANAGE_TOKEN + "x")) {
            AuthenticationFailedException refused = assertThrows(AuthenticationFailedException.class,
                    () -> manageToken(token));
            assertEquals(Optional.of(BearerRealm.SUBSCRIPTION.refused), RefusedCredentials.detail(refused));
        }
    }

    @Test
    void theAdminKeyIsNeverLookedUpAsAManageToken() {
        ManageTokenAuthenticationMechanism mechanism = new ManageTokenAuthenticationMechanism(adminKey);

        assertTrue(mechanism.request(Optional.of(ADMIN_KEY)).isEmpty());
        assertTrue(mechanism.request(Optional.empty()).isEmpty());
        assertEquals("unknown-token", mechanism.request(Optional.of("unknown-token")).orElseThrow().getToken().getToken());
        // With no admin key configured, nothing is held back.
        ManageTokenAuthenticationMechanism withoutAdmin = new ManageTokenAuthenticationMechanism(AdminKey.of(Optional.empty()));
        assertEquals(ADMIN_KEY, withoutAdmin.request(Optional.of(ADMIN_KEY)).orElseThrow().getToken().getToken());
    }

    @Test
    void theAdminKeyBecomesTheAdminRoleAndAManageTokenIsNoAdminKey() {
        SecurityIdentity admin = adminKey(adminKey, ADMIN_KEY);
        assertEquals(Set.of(Roles.ADMIN), admin.getRoles());
        assertThrows(IllegalStateException.class, () -> CurrentSubscriber.id(admin));

        AuthenticationFailedException refused = assertThrows(AuthenticationFailedException.class,
                () -> adminKey(adminKey, MANAGE_TOKEN));
        assertEquals(Optional.of("Admin API key not accepted"), RefusedCredentials.detail(refused));
        assertTrue(lookedUp.isEmpty());
    }

    @Test
    void withoutAConfiguredAdminKeyNoTokenIsAdmin() {
        AuthenticationFailedException refused = assertThrows(AuthenticationFailedException.class,
                () -> adminKey(AdminKey.of(Optional.of("  ")), ""));
        assertEquals(Optional.of(AdminKeyIdentityProvider.DISABLED), RefusedCredentials.detail(refused));
    }

    @Test
    void anAnonymousRequestHasNoSubscriber() {
        SecurityIdentity anonymous = QuarkusSecurityIdentity.builder().setAnonymous(true).build();
        assertThrows(IllegalStateException.class, () -> CurrentSubscriber.id(anonymous));
    }

    private SecurityIdentity manageToken(String token) {
        return new ManageTokenIdentityProvider(verifier)
                .authenticate(new ManageTokenAuthenticationRequest(token), blocking)
                .await().atMost(Duration.ofSeconds(5));
    }

    private static SecurityIdentity adminKey(AdminKey key, String token) {
        return new AdminKeyIdentityProvider(key)
                .authenticate(new TokenAuthenticationRequest(new TokenCredential(token, "bearer")), new BlockingContext())
                .await().atMost(Duration.ofSeconds(5));
    }

    /** Runs "blocking" work at once, counting the calls. */
    private static final class BlockingContext implements AuthenticationRequestContext {
        int calls;

        @Override
        public Uni<SecurityIdentity> runBlocking(Supplier<SecurityIdentity> function) {
            calls++;
            return Uni.createFrom().item(function);
        }
    }
}
