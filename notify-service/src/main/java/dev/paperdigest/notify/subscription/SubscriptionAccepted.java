package dev.paperdigest.notify.subscription;

/** The answer to every valid subscription, whether the address was known or not (no account enumeration). */
public record SubscriptionAccepted(String status, String message) {

    static final SubscriptionAccepted INSTANCE = new SubscriptionAccepted("accepted",
            "Thank you. New papers that match your topics will be mailed to this address.");
}
