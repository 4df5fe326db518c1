package dev.paperdigest.notify.security;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
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
 * Authenticates {@code Authorization: Bearer <manage token>}: the subscriber's own endpoints. It runs first on every
 * {@code @RolesAllowed} endpoint that does not name a mechanism, so those need no annotation beyond
 * {@code @RolesAllowed(CurrentSubscriber.ROLE)}. The admin key is not its credential: a bearer equal to it is left to
 * {@link AdminKeyAuthenticationMechanism} (whose identity lacks the subscriber role, so 403) and never looked up. Any
 * other token goes to {@link ManageTokenIdentityProvider}; one that belongs to nobody is a 401. Without bearer
 * credentials: 401 with {@code WWW-Authenticate: Bearer realm="paper-digest subscription"}.
 */
@ApplicationScoped
public class ManageTokenAuthenticationMechanism implements HttpAuthenticationMechanism {

    /** Authentication scheme, for {@code @HttpAuthenticationMechanism} where an endpoint wants to say it. */
    public static final String SCHEME = "manage-token";
    /** Ahead of {@link AdminKeyAuthenticationMechanism} (default priority) where an endpoint names no mechanism. */
    static final int PRIORITY = DEFAULT_PRIORITY + 100;

    private final AdminKey adminKey;

    public ManageTokenAuthenticationMechanism(AdminKey adminKey) {
        this.adminKey = adminKey;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        Optional<ManageTokenAuthenticationRequest> request = request(BearerToken.of(context));
        if (request.isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        return identityProviderManager.authenticate(HttpSecurityUtils.setRoutingContextAttribute(request.get(), context));
    }

    /** The lookup to do for these bearer credentials: none without any, nor for the admin key. */
    Optional<ManageTokenAuthenticationRequest> request(Optional<String> bearerToken) {
        return bearerToken.filter(token -> !adminKey.matches(token)).map(ManageTokenAuthenticationRequest::new);
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(BearerRealm.SUBSCRIPTION.challengeData());
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(ManageTokenAuthenticationRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.AUTHORIZATION, "bearer", SCHEME));
    }

    @Override
    public int getPriority() {
        return PRIORITY;
    }
}
