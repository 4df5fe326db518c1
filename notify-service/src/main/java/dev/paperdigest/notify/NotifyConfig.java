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

    Digest digest();

    /** Digests: when and how much (see DigestScheduler and DigestMailer). */
    interface Digest {
        /**
         * INSTANT subscribers: matches are gathered this long after the first one waits, then sent as one digest
         * (0 sends at once).
         */
        @WithDefault("1m")
        Duration instantWindow();

        /** Papers listed in one digest; the rest are listed on the manage page, none is lost. */
        @WithDefault("50")
        int maxPapers();

        /**
         * Highlights kept in memory, one per (paper, query): the digests of one day list the same papers for many
         * subscribers, and finding what a query matched in a paper takes a few hundred microseconds.
         */
        @WithDefault("100000")
        long highlightCacheSize();

        /** Due subscribers assembled per transaction. */
        @WithDefault("500")
        int batchSize();

        /** Permanent SMTP refusals (5xx) in a row after which a subscriber is suppressed (no more mail). */
        @WithDefault("3")
        int hardFailuresBeforeSuppression();

        /** How often due digests are looked for (they are also assembled right after matches are recorded). */
        @WithDefault("1s")
        Duration pollInterval();
    }

    interface Admin {
        /** Bearer key of the admin endpoints; when absent, admin endpoints are refused. */
        Optional<String> apiKey();
    }

    interface Mail {
        /** List-Id of every digest (RFC 2919), e.g. {@code paper-digest <digest.example.org>}. */
        @WithDefault("paper-digest <digest.paperdigest.local>")
        String listId();

        /** Optional mailto address of List-Unsubscribe, beside the one-click URL (e.g. unsubscribe@example.org). */
        Optional<String> unsubscribeMailto();

        /** How often the mailers look for unsent mail (they are also woken right after mail is queued). */
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

        /**
         * Mails claimed together, sent in parallel (each on its own pooled SMTP connection) and marked sent in one
         * transaction.
         */
        @WithDefault("8")
        int batchSize();

        /**
         * Threads sending digests, each a batch at a time, so rendering the next batch overlaps sending the last.
         * Every mail in flight needs its own SMTP connection: (senders + 1) x batch-size (the 1 is the account
         * mails' sender) must not exceed {@code quarkus.mailer.max-pool-size}, or a send could wait for a connection
         * and time out before it started.
         */
        @WithDefault("2")
        int senders();
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
