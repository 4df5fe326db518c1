package dev.paperdigest.notify.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Looks a manage token up with {@link ManageTokenVerifier} (blocking, so on a worker thread): the identity of its
 * subscriber, role {@link Roles#SUBSCRIBER}, principal name = subscriber id; a token of nobody is refused.
 */
@ApplicationScoped
public class ManageTokenIdentityProvider implements IdentityProvider<ManageTokenAuthenticationRequest> {

    private final ManageTokenVerifier verifier;

    public ManageTokenIdentityProvider(ManageTokenVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public Class<ManageTokenAuthenticationRequest> getRequestType() {
        return ManageTokenAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ManageTokenAuthenticationRequest request,
            AuthenticationRequestContext context) {
        String token = request.getToken().getToken();
        return context.runBlocking(() -> {
            var subscriberId = verifier.subscriberId(token);
            if (subscriberId.isEmpty()) {
                throw RefusedCredentials.because(BearerRealm.SUBSCRIPTION.refused);
            }
            return QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal(Long.toString(subscriberId.getAsLong())))
                    .addRole(Roles.SUBSCRIBER)
                    .build();
        });
    }
}
