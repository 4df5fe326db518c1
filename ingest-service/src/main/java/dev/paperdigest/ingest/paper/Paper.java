package dev.paperdigest.ingest.paper;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A paper as stored in {@code ingest.paper}, one row per canonical arXiv id. */
@Entity
@Table(name = "paper")
public class Paper extends PanacheEntityBase {

    /** Canonical arXiv id, without version. */
    @Id
    public String id;

    /** Latest version seen, when any source told it. */
    public Integer version;

    public String title;

    @Column(name = "abstract")
    public String abstractText;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] authors;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] categories;

    @Column(name = "primary_category")
    public String primaryCategory;

    @Column(name = "published_at")
    public Instant publishedAt;

    @JdbcTypeCode(SqlTypes.JSON)
    public PaperLinks links;

    public Integer upvotes;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] sources;

    @Column(name = "first_seen_at")
    public Instant firstSeenAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    static Paper from(NormalizedPaper p, Instant now) {
        Paper paper = new Paper();
        paper.id = p.id();
        paper.version = p.version();
        paper.title = p.title();
        paper.abstractText = p.abstractText();
        paper.authors = p.authors().toArray(String[]::new);
        paper.categories = p.categories().toArray(String[]::new);
        paper.primaryCategory = p.primaryCategory();
        paper.publishedAt = p.publishedAt();
        paper.links = p.links();
        paper.upvotes = p.upvotes();
        paper.sources = p.sources().toArray(String[]::new);
        paper.firstSeenAt = now;
        paper.updatedAt = now;
        return paper;
    }
}
