package dev.paperdigest.notify.admin;

import dev.paperdigest.notify.NotifyApi;
import dev.paperdigest.notify.matching.Matcher;
import dev.paperdigest.notify.problem.ProblemJson;
import dev.paperdigest.notify.security.AdminKeyAuthenticationMechanism;
import dev.paperdigest.notify.security.Roles;
import io.quarkus.vertx.http.runtime.security.annotation.HttpAuthenticationMechanism;
import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/admin/stats")
@RolesAllowed(Roles.ADMIN)
@HttpAuthenticationMechanism(AdminKeyAuthenticationMechanism.SCHEME)
@Tag(name = AdminStatsResource.TAG, description = "Send due digests now, and counts of what is stored (admin key)")
public class AdminStatsResource {

    static final String TAG = "Operators";

    private final EntityManager entityManager;
    private final Matcher matcher;

    public AdminStatsResource(EntityManager entityManager, Matcher matcher) {
        this.entityManager = entityManager;
        this.matcher = matcher;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Counts of what is stored, for operators (admin)",
            description = "Subscribers by status (and suppressed), topics and distinct queries (stored, and registered "
                    + "in this instance's matcher), papers and matched papers, digests sent, pending and failed, "
                    + "sign-ups and account mails waiting, and the last SMTP errors of digests not sent.")
    @APIResponse(responseCode = "200", description = "The counts",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AdminStats.class)))
    @SecurityRequirement(name = NotifyApi.ADMIN_KEY_SCHEME)
    @APIResponse(responseCode = "401", description = "Missing or wrong admin key",
            content = @Content(mediaType = ProblemJson.MEDIA_TYPE, schema = @Schema(ref = "HttpProblem")))
    @APIResponse(responseCode = "403", description = "Admin endpoints disabled (no key configured)",
            content = @Content(mediaType = ProblemJson.MEDIA_TYPE, schema = @Schema(ref = "HttpProblem")))
    public AdminStats stats() {
        Object[] row = (Object[]) entityManager.createNativeQuery("""
                select (select count(*) from subscriber),
                       (select count(*) from subscriber where status = 'PENDING'),
                       (select count(*) from subscriber where status = 'ACTIVE'),
                       (select count(*) from subscriber where status = 'UNSUBSCRIBED'),
                       (select count(*) from subscriber where status = 'ACTIVE' and suppressed_at is not null),
                       (select count(*) from topic),
                       (select count(*) from topic_query),
                       (select count(*) from paper),
                       (select count(*) from paper_queries),
                       (select count(*) from digest where sent_at is not null),
                       (select count(*) from digest where sent_at is null and failed_at is null),
                       (select count(*) from digest where failed_at is not null),
                       (select count(*) from signup_request),
                       (select count(*) from account_mail where sent_at is null and failed_at is null)
                """).getSingleResult();
        @SuppressWarnings("unchecked")
        List<String> errors = entityManager.createNativeQuery("""
                select 'digest ' || id || ': ' || last_error from digest
                where last_error is not null and sent_at is null
                order by next_attempt_at desc limit 10
                """).getResultList();
        return new AdminStats(count(row[0]), count(row[1]), count(row[2]), count(row[3]), count(row[4]),
                count(row[5]), count(row[6]), matcher.size(), count(row[7]), count(row[8]), count(row[9]),
                count(row[10]), count(row[11]), count(row[12]), count(row[13]), errors);
    }

    private static long count(Object value) {
        return ((Number) value).longValue();
    }
}
