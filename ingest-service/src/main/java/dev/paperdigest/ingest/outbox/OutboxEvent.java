package dev.paperdigest.ingest.outbox;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * An event waiting in {@code ingest.outbox_event} to be published, written in the same transaction as the data it
 * announces. The table's {@code seq} column (not mapped) gives the publication order.
 */
@Entity
@Table(name = "outbox_event")
public class OutboxEvent extends PanacheEntityBase {

    /** Also the CloudEvents id. */
    @Id
    public UUID id;

    /** The Kafka key: the id of what the event is about (a canonical arXiv id). */
    @Column(name = "aggregate_id")
    public String aggregateId;

    /** The CloudEvents type. */
    public String type;

    /** The record value: JSON, exactly as it goes on the topic. */
    public String payload;

    /** The CloudEvents time. */
    @Column(name = "created_at")
    public Instant createdAt;

    /** Null until the broker acknowledged the record. */
    @Column(name = "published_at")
    public Instant publishedAt;

    /** Announced with CloudEvent extension {@code backfill}: consumers store the paper but notify nobody. */
    public boolean backfill;

    public static OutboxEvent of(UUID id, String aggregateId, String type, String payload, Instant createdAt,
            boolean backfill) {
        OutboxEvent event = new OutboxEvent();
        event.backfill = backfill;
        event.id = id;
        event.aggregateId = aggregateId;
        event.type = type;
        event.payload = payload;
        event.createdAt = createdAt;
        return event;
    }
}
