package dev.paperdigest.ingest.paper;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

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

    /** The stored paper, locked until the transaction ends so that concurrent merges into it do not overwrite each other. */
    public Paper lockedById(String id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }
}
