package dev.paperdigest.notify.security;

import dev.paperdigest.notify.problem.DatabaseUnavailableProblemMapper;
import io.quarkiverse.resteasy.problem.ExceptionMapperBase;
import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkiverse.resteasy.problem.postprocessing.ProblemContext;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticator;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Map;
import java.util.Optional;

/**
 * Answers a request refused by Quarkus Security with problem+json: status and {@code WWW-Authenticate} from the
 * challenge of the mechanism in charge ({@link AdminKeyAuthenticationMechanism}, {@link ManageTokenAuthenticationMechanism}),
 * a {@code detail} saying why, then resteasy-problem's post-processing like every other problem. Replaces
 * resteasy-problem's mappers for these exceptions (hence the priority ahead of theirs): 3.21.0 reads a field of
 * {@link ChallengeData} that Quarkus 3.33 no longer has, so they fail with a 500.
 */
public class SecurityProblemMapper {

    /** Ahead of resteasy-problem (999 for its JAX-RS mappers, 4999 for its security ones): lower wins. */
    static final int PRIORITY = 900;
    static final String NOT_ACCEPTED = "Credentials not accepted";
    static final String REQUIRED = "Authentication required: send Authorization: Bearer <token>";
    static final String NOT_ALLOWED = "The credentials sent do not grant access to this endpoint";

    private final HttpAuthenticator authenticator;

    public SecurityProblemMapper(HttpAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    /** No credentials (an anonymous request to a {@code @RolesAllowed} endpoint). */
    @ServerExceptionMapper(priority = PRIORITY)
    public Uni<Response> unauthorized(UnauthorizedException refusal, RoutingContext context) {
        return authenticator.getChallenge(context).map(challenge -> respond(challenge, missing(challenge), refusal, context));
    }

    /** Credentials presented and refused, or not checked because the database is unavailable (then 503). */
    @ServerExceptionMapper(priority = PRIORITY)
    public Uni<Response> authenticationFailed(AuthenticationFailedException refusal, RoutingContext context) {
        Optional<Response> unavailable = DatabaseUnavailableProblemMapper.ifUnavailable(refusal, context);
        if (unavailable.isPresent()) {
            return Uni.createFrom().item(unavailable.get());
        }
        String detail = RefusedCredentials.detail(refusal).orElse(NOT_ACCEPTED);
        return authenticator.getChallenge(context).map(challenge -> respond(challenge, detail, refusal, context));
    }

    /** Authenticated, but without the role the endpoint asks for (a subscriber at an admin endpoint, and back). */
    @ServerExceptionMapper(priority = PRIORITY)
    public Response forbidden(ForbiddenException refusal, RoutingContext context) {
        return respond(new ChallengeData(Response.Status.FORBIDDEN.getStatusCode()), NOT_ALLOWED, refusal, context);
    }

    /** What a request without credentials is told: which credentials to send, or that admin endpoints are off. */
    private static String missing(ChallengeData challenge) {
        if (challenge.status == Response.Status.FORBIDDEN.getStatusCode()) {
            return AdminKeyIdentityProvider.DISABLED;
        }
        return challenge.getHeaders().entrySet().stream()
                .filter(header -> HttpHeaders.WWW_AUTHENTICATE.equalsIgnoreCase(header.getKey().toString()))
                .flatMap(header -> BearerRealm.ofChallenge(header.getValue()).stream())
                .map(realm -> realm.missing)
                .findFirst().orElse(REQUIRED);
    }

    private static Response respond(ChallengeData challenge, String detail, RuntimeException refusal,
            RoutingContext context) {
        Response.Status status = Response.Status.fromStatusCode(challenge.status);
        HttpProblem.Builder problem = HttpProblem.builder()
                .withStatus(status)
                .withTitle(status.getReasonPhrase())
                .withDetail(detail);
        for (Map.Entry<CharSequence, String> header : challenge.getHeaders().entrySet()) {
            problem.withHeader(header.getKey().toString(), header.getValue());
        }
        return ExceptionMapperBase.postProcessorsRegistry
                .applyPostProcessing(problem.build(), ProblemContext.of(refusal, context.normalizedPath()))
                .toResponse();
    }
}
