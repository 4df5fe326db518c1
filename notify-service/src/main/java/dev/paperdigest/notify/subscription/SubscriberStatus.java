package dev.paperdigest.notify.subscription;

/** PENDING until the address is confirmed; only ACTIVE subscribers are matched and mailed. */
public enum SubscriberStatus {
    PENDING, ACTIVE, UNSUBSCRIBED
}
