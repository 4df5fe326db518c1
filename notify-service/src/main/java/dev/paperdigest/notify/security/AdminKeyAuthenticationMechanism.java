package dev.paperdigest.notify.security;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;
import java.util.Set;

/**
 * Authenticates {@code Authorization: Bearer <admin api key>} on the endpoints that name it: admin resources carry
 * {@code @HttpAuthenticationMechanism(AdminKeyAuthenticationMechanism.SCHEME)} with {@code @RolesAllowed(Roles.ADMIN)},
 * so there no other mechanism runs and a bearer token is never looked up as a manage token. The token goes to
 * {@link AdminKeyIdentityProvider}. Without bearer credentials the request stays anonymous and is answered with
 * {@link #getChallenge}: 401 with {@code WWW-Authenticate: Bearer realm="paper-digest admin"}, or 403 when no key is
 * configured.
 */
@ApplicationScoped
public class AdminKeyAuthenticationMechanism implements HttpAuthenticationMechanism {

    /** Authentication scheme, as named by {@code @HttpAuthenticationMechanism} on admin resources. */
    public static final String SCHEME = "admin-key";

    private final AdminKey adminKey;

    public AdminKeyAuthenticationMechanism(AdminKey adminKey) {
        this.adminKey = adminKey;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        Optional<String> token = BearerToken.of(context);
        if (token.isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        TokenAuthenticationRequest request = new TokenAuthenticationRequest(new TokenCredential(token.get(), "bearer"));
        return identityProviderManager.authenticate(HttpSecurityUtils.setRoutingContextAttribute(request, context));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(adminKey.isConfigured()
                ? BearerRealm.ADMIN.challengeData()
                : new ChallengeData(HttpResponseStatus.FORBIDDEN.code()));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(TokenAuthenticationRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.AUTHORIZATION, "bearer", SCHEME));
    }
}
