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

    interface Admin {
        /** Bearer key of the admin endpoints; when absent, admin endpoints are refused. */
        Optional<String> apiKey();
    }

    interface Mail {
        /** How often MatchMailer looks for unsent matches (it is also woken after each consumer commit). */
        @WithDefault("1s")
        Duration pollInterval();

        /** Attempts per mail before it is given up. */
        @WithDefault("8")
        int maxAttempts();
    }
}
