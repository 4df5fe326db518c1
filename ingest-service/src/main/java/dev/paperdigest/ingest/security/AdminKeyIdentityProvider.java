package dev.paperdigest.ingest.security;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/** Turns the admin API key into an identity with role {@link Roles#ADMIN}; any other token is refused. */
@ApplicationScoped
public class AdminKeyIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    static final String DISABLED = "Admin endpoints are disabled: no admin API key is configured";
    static final String NOT_ACCEPTED = "Admin API key not accepted";

    private final AdminKey adminKey;

    public AdminKeyIdentityProvider(AdminKey adminKey) {
        this.adminKey = adminKey;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        if (!adminKey.isConfigured()) {
            return Uni.createFrom().failure(RefusedCredentials.because(DISABLED));
        }
        if (!adminKey.matches(request.getToken().getToken())) {
            return Uni.createFrom().failure(RefusedCredentials.because(NOT_ACCEPTED));
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(Roles.ADMIN))
                .addRole(Roles.ADMIN)
                .build());
    }
}
