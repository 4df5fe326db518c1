package dev.paperdigest.notify.admin;

import jakarta.persistence.EntityManager;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/api/admin/stats")
@AdminOnly
public class AdminStatsResource {

    private final EntityManager entityManager;

    public AdminStatsResource(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Counts of subscribers, topics, papers, matches and mails (admin)")
    public AdminStats stats() {
        Object[] row = (Object[]) entityManager.createNativeQuery("""
                select (select count(*) from subscriber),
                       (select count(*) from topic),
                       (select count(*) from paper),
                       (select count(*) from paper_match),
                       (select count(*) from paper_match where sent_at is not null),
                       (select count(*) from paper_match where sent_at is null and failed_at is null),
                       (select count(*) from paper_match where failed_at is not null)
                """).getSingleResult();
        return new AdminStats(count(row[0]), count(row[1]), count(row[2]), count(row[3]), count(row[4]),
                count(row[5]), count(row[6]));
    }

    private static long count(Object value) {
        return ((Number) value).longValue();
    }
}
