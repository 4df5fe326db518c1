package dev.paperdigest.ingest.paper;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

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

    /**
     * Takes in what a later report of this paper adds: a newer version (with its title, abstract, authors and
     * categories), what the first reporter did not know (categories and primary category for a Hugging Face-first
     * paper, upvotes and the Hugging Face page for an arXiv-first one, a publication date) and the reporter among
     * the sources. arXiv's author list replaces Hugging Face's, which sometimes splits a name in two. Fields are
     * only assigned when they change, so a report that adds nothing writes nothing.
     *
     * @return {@link StoreOutcome#REVISED} when the report recorded a newer version of a paper whose version was
     *         known (or arXiv announced it as a replacement), else {@link StoreOutcome#ALREADY_KNOWN}
     */
    StoreOutcome absorb(NormalizedPaper report, Instant now) {
        boolean changed = false;
        boolean newerVersion = report.version() != null && (version == null || report.version() > version);
        boolean revised = newerVersion && (version != null || report.isRevision());
        boolean firstFromArxiv = fromArxiv(report.sources()) && !fromArxiv(List.of(sources));
        if (newerVersion) {
            version = report.version();
            title = report.title();
            if (report.abstractText() != null) {
                abstractText = report.abstractText();
            }
            changed = true;
        }
        if (!report.authors().isEmpty() && (authors.length == 0 || firstFromArxiv || newerVersion)) {
            changed |= assignAuthors(report.authors());
        }
        if (!report.categories().isEmpty() && (categories.length == 0 || newerVersion)) {
            changed |= !List.of(categories).equals(report.categories())
                    || !Objects.equals(primaryCategory, report.primaryCategory());
            categories = report.categories().toArray(String[]::new);
            primaryCategory = report.primaryCategory();
        }
        if (publishedAt == null && report.publishedAt() != null) {
            publishedAt = report.publishedAt();
            changed = true;
        }
        if (report.upvotes() != null && !report.upvotes().equals(upvotes)) {
            upvotes = report.upvotes();
            changed = true;
        }
        PaperLinks mergedLinks = links.fillFrom(report.links());
        if (!mergedLinks.equals(links)) {
            links = mergedLinks;
            changed = true;
        }
        Set<String> mergedSources = new LinkedHashSet<>(List.of(sources));
        if (mergedSources.addAll(report.sources())) {
            sources = mergedSources.toArray(String[]::new);
            changed = true;
        }
        if (changed) {
            updatedAt = now;
        }
        return revised ? StoreOutcome.REVISED : StoreOutcome.ALREADY_KNOWN;
    }

    private boolean assignAuthors(List<String> names) {
        String[] reported = names.toArray(String[]::new);
        if (Arrays.equals(authors, reported)) {
            return false;
        }
        authors = reported;
        return true;
    }

    private static boolean fromArxiv(List<String> sources) {
        return sources.stream().anyMatch(source -> source.startsWith("arxiv"));
    }
}
