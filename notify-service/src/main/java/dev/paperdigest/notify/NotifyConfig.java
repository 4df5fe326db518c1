package dev.paperdigest.notify;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** Application settings of notify-service (infrastructure addresses live in the standard Quarkus keys). */
@ConfigMapping(prefix = "paperdigest")
public interface NotifyConfig {

    /** Base of every link in a mail, e.g. {@code https://digest.example.org}. */
    @WithDefault("http://localhost:8082")
    String publicUrl();

    Admin admin();

    Mail mail();

    Subscription subscription();

    interface Admin {
        /** Bearer key of the admin endpoints; when absent, admin endpoints are refused. */
        Optional<String> apiKey();
    }

    interface Mail {
        /** How often MatchMailer looks for unsent matches (it is also woken after each consumer commit). */
        @WithDefault("1s")
        Duration pollInterval();

        /**
         * Failed sends per mail before it is given up. The back-off doubles from 2 s to a cap of 1 h, so 20 attempts
         * span about 9 h: an SMTP outage shorter than that loses no mail.
         */
        @WithDefault("20")
        int maxAttempts();

        /** Longest wait for the SMTP server to take one mail; must be shorter than {@link #lease()}. */
        @WithDefault("30s")
        Duration sendTimeout();

        /**
         * How long a claimed match stays reserved for the instance sending it. A mail whose instance died between
         * the send and marking it sent goes out once more after this.
         */
        @WithDefault("5m")
        Duration lease();
    }

    interface Subscription {
        /** A PENDING subscriber (address never confirmed) is deleted this long after its last sign-up. */
        @WithDefault("7d")
        Duration pendingExpiry();

        /** Signing up again re-sends the confirmation (or the "subscribed already" mail) at most this often. */
        @WithDefault("1h")
        Duration signupMailInterval();

        /** How long the manage link of a mail (or of the confirmation page) works. */
        @WithDefault("60d")
        Duration manageLinkValidity();

        /** How long the unsubscribe link of a mail works. */
        @WithDefault("365d")
        Duration unsubscribeLinkValidity();

        RateLimit rateLimit();
    }

    /** Abuse limits of sign-ups (POST /api/subscriptions and the subscribe page), counted per instance. */
    interface RateLimit {
        /** Sign-ups one client address may make per window. */
        @WithDefault("20")
        int perClient();

        /** Sign-ups for one email address per window, whoever sends them. */
        @WithDefault("5")
        int perAddress();

        @WithDefault("1h")
        Duration window();
    }
}
