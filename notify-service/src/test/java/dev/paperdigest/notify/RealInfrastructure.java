package dev.paperdigest.notify;

import dev.paperdigest.localinfra.LocalInfrastructure;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

import java.util.Map;

/**
 * Real Kafka, PostgreSQL and SMTP (GreenMail) for every @QuarkusTest of this module. Global scope: all test
 * classes share one set of servers and one Quarkus boot. The servers stop with the JVM (shutdown hook of
 * {@link LocalInfrastructure#shared()}).
 */
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL)
public class RealInfrastructure implements QuarkusTestResourceLifecycleManager {

    public static LocalInfrastructure infra() {
        return LocalInfrastructure.shared();
    }

    @Override
    public Map<String, String> start() {
        return infra().quarkusConfig();
    }

    @Override
    public void stop() {
        // Stopped by LocalInfrastructure's shutdown hook, after the last test class.
    }
}
