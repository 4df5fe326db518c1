package dev.paperdigest.notify.matching;

import dev.paperdigest.notify.paper.Paper;
import dev.paperdigest.notify.subscription.Subscriber;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.List;

/**
 * A paper that matched topics of a subscriber: one row per (subscriber, paper), written by {@link MatchRecorder},
 * then mailed and marked sent by MatchMailer. Like every entity here it is mapped for queries only: rows are
 * written with SQL, and the public fields are read on instances a query loaded, never through a lazy association
 * (without Panache nothing turns such a field read into a proxy-aware getter call).
 */
@Entity
@Table(name = "paper_match")
public class PaperMatch {

    @Id
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "subscriber_id")
    public Subscriber subscriber;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "paper_id")
    public Paper paper;

    /** The queries of the subscriber that the paper matched, as they read when it matched. */
    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> topics;

    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "sent_at")
    public Instant sentAt;

    public int attempts;

    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    @Column(name = "failed_at")
    public Instant failedAt;

    @Column(name = "last_error")
    public String lastError;
}
