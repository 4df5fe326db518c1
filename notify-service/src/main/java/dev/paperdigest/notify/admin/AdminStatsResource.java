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
    @Operation(summary = "Counts of subscribers by status, topics and distinct queries, papers, matches and mails (admin)")
    public AdminStats stats() {
        Object[] row = (Object[]) entityManager.createNativeQuery("""
                select (select count(*) from subscriber),
                       (select count(*) from subscriber where status = 'PENDING'),
                       (select count(*) from subscriber where status = 'ACTIVE'),
                       (select count(*) from subscriber where status = 'UNSUBSCRIBED'),
                       (select count(*) from topic),
                       (select count(*) from topic_query),
                       (select count(*) from paper),
                       (select count(*) from paper_match),
                       (select count(*) from paper_match where sent_at is not null),
                       (select count(*) from paper_match where sent_at is null and failed_at is null),
                       (select count(*) from paper_match where failed_at is not null),
                       (select count(*) from account_mail where sent_at is null and failed_at is null)
                """).getSingleResult();
        return new AdminStats(count(row[0]), count(row[1]), count(row[2]), count(row[3]), count(row[4]),
                count(row[5]), matcher.size(), count(row[6]), count(row[7]), count(row[8]), count(row[9]),
                count(row[10]), count(row[11]));
    }

    private static long count(Object value) {
        return ((Number) value).longValue();
    }
}
