package dev.paperdigest.notify.digest;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.HashMap;
import java.util.Map;

/**
 * notify-service sending to Postfix's smtp-sink ({@link BenchSmtp}) instead of the test mail catcher, which keeps
 * every mail in memory and is not built for thousands a second. {@code -Dbench.senders}, {@code -Dbench.batchSize}
 * and {@code -Dbench.poolSize} override {@code paperdigest.mail.senders}, {@code paperdigest.mail.batch-size} and
 * {@code quarkus.mailer.max-pool-size} (defaults: the service's).
 */
public class SmtpSinkProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> overrides = new HashMap<>(Map.of(
                "quarkus.mailer.host", "127.0.0.1",
                "quarkus.mailer.port", String.valueOf(BenchSmtp.shared().port()),
                "quarkus.log.category.\"dev.paperdigest\".level", "INFO"));
        override(overrides, "bench.senders", "paperdigest.mail.senders");
        override(overrides, "bench.batchSize", "paperdigest.mail.batch-size");
        override(overrides, "bench.poolSize", "quarkus.mailer.max-pool-size");
        return overrides;
    }

    private static void override(Map<String, String> overrides, String property, String key) {
        String value = System.getProperty(property);
        if (value != null) {
            overrides.put(key, value);
        }
    }
}
