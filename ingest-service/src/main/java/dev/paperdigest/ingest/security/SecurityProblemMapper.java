package dev.paperdigest.ingest.security;

import java.util.Map;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

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

/**
 * Answers a request refused by Quarkus Security with problem+json: status and {@code WWW-Authenticate} from the
 * mechanism's challenge ({@link AdminKeyAuthenticationMechanism#getChallenge}), a {@code detail} saying why, then
 * resteasy-problem's post-processing like every other problem. Replaces resteasy-problem's mappers for these
 * exceptions (hence the priority ahead of theirs): 3.21.0 reads a field of {@link ChallengeData} that Quarkus 3.33 no
 * longer has, so they fail with a 500.
 */
public class SecurityProblemMapper {

    /** Ahead of resteasy-problem (999 for its JAX-RS mappers, 4999 for its security ones): lower wins. */
    static final int PRIORITY = 900;
    static final String KEY_REQUIRED = "Admin API key required: send Authorization: Bearer <key>";
    static final String NOT_ALLOWED = "The credentials sent do not grant access to this endpoint";

    private final HttpAuthenticator authenticator;

    public SecurityProblemMapper(HttpAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    /** No credentials (an anonymous request to a {@code @RolesAllowed} endpoint). */
    @ServerExceptionMapper(priority = PRIORITY)
    public Uni<Response> unauthorized(UnauthorizedException refusal, RoutingContext context) {
        return authenticator.getChallenge(context).map(challenge -> respond(challenge,
                challenge.status == 403 ? AdminKeyIdentityProvider.DISABLED : KEY_REQUIRED, refusal, context));
    }

    /** Credentials presented and refused. */
    @ServerExceptionMapper(priority = PRIORITY)
    public Uni<Response> authenticationFailed(AuthenticationFailedException refusal, RoutingContext context) {
        String detail = RefusedCredentials.detail(refusal).orElse(AdminKeyIdentityProvider.NOT_ACCEPTED);
        return authenticator.getChallenge(context).map(challenge -> respond(challenge, detail, refusal, context));
    }

    /** Authenticated, but without the role the endpoint asks for. */
    @ServerExceptionMapper(priority = PRIORITY)
    public Response forbidden(ForbiddenException refusal, RoutingContext context) {
        return respond(new ChallengeData(Response.Status.FORBIDDEN.getStatusCode()), NOT_ALLOWED, refusal, context);
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
