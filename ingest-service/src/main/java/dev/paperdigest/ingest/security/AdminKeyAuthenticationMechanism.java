package dev.paperdigest.ingest.security;

import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;

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

/**
 * Authenticates {@code Authorization: Bearer <admin api key>}: the token goes to {@link AdminKeyIdentityProvider},
 * which grants {@link Roles#ADMIN}. No bearer header means anonymous, so a {@code @RolesAllowed} endpoint answers with
 * {@link #getChallenge}: 401 with {@code WWW-Authenticate: Bearer realm="paper-digest admin"}, or 403 when no key is
 * configured. Quarkus REST runs this lazily ({@code quarkus.http.auth.proactive=false}), before the request body is
 * read, and {@link SecurityProblemMapper} turns a refusal into problem+json.
 */
@ApplicationScoped
public class AdminKeyAuthenticationMechanism implements HttpAuthenticationMechanism {

    /** Authentication scheme, as named by {@code @HttpAuthenticationMechanism} on admin resources. */
    public static final String SCHEME = "admin-key";
    public static final String CHALLENGE = "Bearer realm=\"paper-digest admin\"";

    private final AdminKey adminKey;

    public AdminKeyAuthenticationMechanism(AdminKey adminKey) {
        this.adminKey = adminKey;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        Optional<String> token = BearerToken.of(context.request().getHeader(HttpHeaders.AUTHORIZATION));
        if (token.isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        TokenAuthenticationRequest request = new TokenAuthenticationRequest(new TokenCredential(token.get(), "bearer"));
        return identityProviderManager.authenticate(HttpSecurityUtils.setRoutingContextAttribute(request, context));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        if (!adminKey.isConfigured()) {
            return Uni.createFrom().item(new ChallengeData(HttpResponseStatus.FORBIDDEN.code()));
        }
        return Uni.createFrom().item(new ChallengeData(HttpResponseStatus.UNAUTHORIZED.code(),
                HttpHeaders.WWW_AUTHENTICATE, CHALLENGE));
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
