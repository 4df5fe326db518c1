package dev.paperdigest.ingest.run;

import jakarta.ws.rs.core.Response;

import io.quarkiverse.resteasy.problem.HttpProblem;

/** 409: the source cannot run now, because a run of it is running or it is disabled. */
public class RunConflictProblem extends HttpProblem {

    private RunConflictProblem(HttpProblem.Builder builder) {
        super(builder);
    }

    static RunConflictProblem running(String source, Long runningRunId) {
        HttpProblem.Builder problem = conflict("A " + source + " run is already running"
                + (runningRunId == null ? "" : ": " + IngestRunResource.PATH + "/" + runningRunId)
                + "; start another when it has finished");
        if (runningRunId != null) {
            problem.with("runningRunId", runningRunId);
        }
        return new RunConflictProblem(problem);
    }

    static RunConflictProblem disabled(String source) {
        return new RunConflictProblem(conflict("Source " + source + " is disabled by configuration"));
    }

    private static HttpProblem.Builder conflict(String detail) {
        return HttpProblem.builder()
                .withStatus(Response.Status.CONFLICT)
                .withTitle(Response.Status.CONFLICT.getReasonPhrase())
                .withDetail(detail);
    }
}
