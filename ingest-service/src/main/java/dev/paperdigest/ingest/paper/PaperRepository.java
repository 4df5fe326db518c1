package dev.paperdigest.ingest.paper;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class PaperRepository implements PanacheRepositoryBase<Paper, String> {

    /**
     * Stores the paper unless its id is already known, in one statement ({@code insert ... on conflict do nothing}):
     * of two transactions inserting the same id at once, the second waits on the primary key and then inserts
     * nothing, so a paper is announced once however many requests race.
     *
     * @return true when this call stored the paper
     */
    public boolean insertIfAbsent(Paper paper) {
        return getSession().createMutationQuery("""
                insert into Paper (id, version, title, abstractText, authors, categories, primaryCategory,
                                   publishedAt, links, upvotes, sources, firstSeenAt, updatedAt)
                values (:id, :version, :title, :abstractText, :authors, :categories, :primaryCategory,
                        :publishedAt, :links, :upvotes, :sources, :firstSeenAt, :updatedAt)
                on conflict (id) do nothing
                """)
                .setParameter("id", paper.id)
                .setParameter("version", paper.version)
                .setParameter("title", paper.title)
                .setParameter("abstractText", paper.abstractText)
                .setParameter("authors", paper.authors)
                .setParameter("categories", paper.categories)
                .setParameter("primaryCategory", paper.primaryCategory)
                .setParameter("publishedAt", paper.publishedAt)
                .setParameter("links", paper.links)
                .setParameter("upvotes", paper.upvotes)
                .setParameter("sources", paper.sources)
                .setParameter("firstSeenAt", paper.firstSeenAt)
                .setParameter("updatedAt", paper.updatedAt)
                .executeUpdate() == 1;
    }

    /**
     * Records a newer version of a known paper, whose title and abstract may have changed with it. Never announces
     * anything: subscribers hear of a paper once.
     *
     * @return true when the stored version was older
     */
    public boolean updateIfNewerVersion(NormalizedPaper paper, Instant now) {
        if (paper.version() == null) {
            return false;
        }
        return update("version = ?1, title = ?2, abstractText = ?3, updatedAt = ?4"
                + " where id = ?5 and (version is null or version < ?1)",
                paper.version(), paper.title(), paper.abstractText(), now, paper.id()) == 1;
    }
}
