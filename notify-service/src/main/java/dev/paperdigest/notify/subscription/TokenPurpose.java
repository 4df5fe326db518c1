package dev.paperdigest.notify.subscription;

/** What a token lets its holder do; a token of one purpose is never accepted for another. */
public enum TokenPurpose {
    /** Confirms a PENDING address (double opt-in). */
    CONFIRM,
    /** Views, changes and deletes the subscription (manage page, {@code /api/subscriptions/me}). */
    MANAGE,
    /** Unsubscribes with one click, and undoes that. */
    UNSUBSCRIBE
}
