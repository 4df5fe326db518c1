package dev.paperdigest.notify.digest;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * notify-service sending to Postfix's smtp-sink ({@link BenchSmtp}) instead of the test mail catcher, which keeps
 * every mail in memory and is not built for thousands a second. {@code -Dbench.poolSize} sets
 * {@code quarkus.mailer.max-pool-size} (Quarkus' default: 10).
 */
public class SmtpSinkProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.mailer.host", "127.0.0.1",
                "quarkus.mailer.port", String.valueOf(BenchSmtp.shared().port()),
                "quarkus.mailer.max-pool-size", System.getProperty("bench.poolSize", "10"),
                "quarkus.log.category.\"dev.paperdigest\".level", "INFO");
    }
}
