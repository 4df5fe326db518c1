package dev.paperdigest.notify.subscription;

import dev.paperdigest.notify.NotifyConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sign-up abuse limits: at most {@code rate-limit.per-client} sign-ups per client address and
 * {@code rate-limit.per-address} per email address (whoever asks, so it says nothing about the address) in each
 * {@code rate-limit.window}. Fixed windows counted in memory, per instance: enough to stop one client from using
 * the service to flood an inbox, without a round trip to the database.
 */
@ApplicationScoped
public class SignupRateLimiter {

    private record Window(long startMillis, int count) {
    }

    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final NotifyConfig config;
    private final Clock clock;

    public SignupRateLimiter(NotifyConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /**
     * Counts a sign-up of {@code email} from {@code client}, unless a limit is reached.
     *
     * @return empty when allowed; else the seconds until it would be allowed
     */
    public synchronized OptionalLong acquire(String client, String email) {
        long now = clock.millis();
        String clientKey = "client:" + client;
        String addressKey = "address:" + email.toLowerCase(Locale.ROOT);
        long wait = Math.max(waitMillis(clientKey, config.subscription().rateLimit().perClient(), now),
                waitMillis(addressKey, config.subscription().rateLimit().perAddress(), now));
        if (wait > 0) {
            return OptionalLong.of((wait + 999) / 1000);
        }
        count(clientKey, now);
        count(addressKey, now);
        return OptionalLong.empty();
    }

    private long waitMillis(String key, int limit, long now) {
        Window window = windows.get(key);
        long length = config.subscription().rateLimit().window().toMillis();
        if (window == null || now - window.startMillis() >= length || window.count() < limit) {
            return 0;
        }
        return window.startMillis() + length - now;
    }

    private void count(String key, long now) {
        long length = config.subscription().rateLimit().window().toMillis();
        windows.compute(key, (k, window) -> window == null || now - window.startMillis() >= length
                ? new Window(now, 1) : new Window(window.startMillis(), window.count() + 1));
    }

    /** Forgets windows that ended, so the map holds only the clients and addresses of the current window. */
    @Scheduled(every = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    synchronized void forgetEnded() {
        long now = clock.millis();
        long length = config.subscription().rateLimit().window().toMillis();
        windows.values().removeIf(window -> now - window.startMillis() >= length);
    }
}
