package dev.paperdigest.notify.subscription;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.DayOfWeek;
import java.time.Instant;

/** A person who subscribed; the address is unique whatever its letter case. Written with SQL, read as an entity. */
@Entity
@Table(name = "subscriber")
public class Subscriber {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String email;

    @Enumerated(EnumType.STRING)
    public SubscriberStatus status;

    @Enumerated(EnumType.STRING)
    public Frequency frequency;

    /** IANA zone id, e.g. Europe/Berlin. */
    public String timezone;

    @Column(name = "send_hour")
    public int sendHour;

    @Enumerated(EnumType.STRING)
    public DayOfWeek weekday;

    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "confirmed_at")
    public Instant confirmedAt;

    @Column(name = "unsubscribed_at")
    public Instant unsubscribedAt;

    @Column(name = "next_digest_at")
    public Instant nextDigestAt;

    @Column(name = "last_digest_at")
    public Instant lastDigestAt;

    /** Why no more mail is sent to this address (the mail server refused it for good), or null. */
    @Column(name = "suppressed_reason")
    public String suppressedReason;
}
