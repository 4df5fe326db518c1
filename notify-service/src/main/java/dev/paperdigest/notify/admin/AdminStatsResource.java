package dev.paperdigest.notify.admin;

import dev.paperdigest.notify.matching.Matcher;
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

@Path("/api/admin/stats")
@RolesAllowed(Roles.ADMIN)
@HttpAuthenticationMechanism(AdminKeyAuthenticationMechanism.SCHEME)
public class AdminStatsResource {

    private final EntityManager entityManager;
    private final Matcher matcher;

    public AdminStatsResource(EntityManager entityManager, Matcher matcher) {
        this.entityManager = entityManager;
        this.matcher = matcher;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Subscribers by status, topics and distinct queries, papers, digests sent, pending and failed, the last send errors (admin)")
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
