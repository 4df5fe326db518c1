package dev.paperdigest.notify.paper;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.List;

/** Notify's own copy of a paper announced on papers.new; written once by {@link PaperStore}, never updated. */
@Entity
@Table(name = "paper")
public class Paper {

    /** Canonical arXiv id, e.g. {@code 2505.24864}. */
    @Id
    public String id;

    public Integer version;

    public String title;

    @Column(name = "abstract")
    public String abstractText;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> authors;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> categories;

    @Column(name = "primary_category")
    public String primaryCategory;

    @Column(name = "published_at")
    public Instant publishedAt;

    @Column(name = "abs_url")
    public String absUrl;

    @Column(name = "pdf_url")
    public String pdfUrl;

    @Column(name = "huggingface_url")
    public String huggingfaceUrl;

    public Integer upvotes;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> sources;

    @Column(name = "received_at", insertable = false, updatable = false)
    public Instant receivedAt;
}
