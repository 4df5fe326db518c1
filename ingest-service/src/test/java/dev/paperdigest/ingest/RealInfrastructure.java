package dev.paperdigest.ingest;

import java.util.HashMap;
import java.util.Map;

import dev.paperdigest.localinfra.LocalInfrastructure;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Real Kafka and PostgreSQL (and SMTP, unused here) for every {@code @QuarkusTest} of this module. Every test class
 * names this one resource with global scope, so Quarkus boots once for all of them.
 */
public class RealInfrastructure implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(LocalInfrastructure.shared().quarkusConfig());
        // ingest-service sends no mail; unused mailer keys would only be logged as unrecognized.
        config.keySet().removeIf(key -> key.startsWith("quarkus.mailer."));
        return config;
    }

    @Override
    public void stop() {
        // LocalInfrastructure.shared() stops its servers in a JVM shutdown hook.
    }
}
