package dev.paperdigest.notify.problem;

import dev.paperdigest.notify.event.DependencyUnavailable;
import io.quarkiverse.resteasy.problem.ExceptionMapperBase;
import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkiverse.resteasy.problem.postprocessing.ProblemContext;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Optional;

/**
 * A request that needs the database while it is unavailable (see {@link DependencyUnavailable}: no connection, pool
 * exhausted, shutdown, failover to a read-only standby, timeouts) answers 503 problem+json with
 * {@code Retry-After}, never 500: the request was fine and will succeed once the database is back. Registered for
 * {@link RuntimeException} (the failure arrives wrapped by Hibernate, the transaction or CDI, and mappers are chosen by
 * the thrown type), so that any failure without a mapper of its own is looked at; one that is no outage gets exactly
 * what resteasy-problem's default mapper gives it, a 500.
 */
public class DatabaseUnavailableProblemMapper {

    /** Seconds a client should wait before trying again. */
    static final String RETRY_AFTER_SECONDS = "10";
    static final String DETAIL = "The database is unavailable for a moment; nothing was changed. Try again later.";

    /** Ahead of resteasy-problem's default mapper: lower wins. */
    @ServerExceptionMapper(priority = 900)
    public Response databaseUnavailable(RuntimeException failure, RoutingContext context) {
        return ifUnavailable(failure, context).orElseGet(() -> ExceptionMapperBase.postProcessorsRegistry
                .applyPostProcessing(HttpProblem.valueOf(Response.Status.INTERNAL_SERVER_ERROR),
                        ProblemContext.of(failure, context.normalizedPath()))
                .toResponse());
    }

    /**
     * The 503 answer when the failure is the database being unavailable, also for failures other mappers see first
     * (a manage token that could not be looked up is no refused credential).
     */
    public static Optional<Response> ifUnavailable(Throwable failure, RoutingContext context) {
        if (DependencyUnavailable.reason(failure).isEmpty()) {
            return Optional.empty();
        }
        HttpProblem problem = HttpProblem.builder()
                .withStatus(Response.Status.SERVICE_UNAVAILABLE)
                .withTitle(Response.Status.SERVICE_UNAVAILABLE.getReasonPhrase())
                .withDetail(DETAIL)
                .withHeader("Retry-After", RETRY_AFTER_SECONDS)
                .build();
        return Optional.of(ExceptionMapperBase.postProcessorsRegistry
                .applyPostProcessing(problem, ProblemContext.of(failure, context.normalizedPath()))
                .toResponse());
    }
}
