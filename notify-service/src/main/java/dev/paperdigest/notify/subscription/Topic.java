package dev.paperdigest.notify.subscription;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.time.Instant;

/** One keyword query of a subscriber. Never changed in place: ids only grow (see TopicSync). */
@Entity
@Table(name = "topic")
public class Topic {

    @Id
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "subscriber_id")
    public Subscriber subscriber;

    public String query;

    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;
}
