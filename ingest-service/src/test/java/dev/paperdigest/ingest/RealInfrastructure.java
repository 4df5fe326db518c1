package dev.paperdigest.ingest;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.util.HashMap;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;

import dev.paperdigest.localinfra.LocalInfrastructure;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Real Kafka and PostgreSQL (and SMTP, unused here) for every {@code @QuarkusTest} of this module, plus one WireMock
 * server that stands in for all three paper feeds: every source's base URL points at it. Every test class names
 * this one resource with global scope, so Quarkus boots once for all of them. Tests stub the feeds through
 * WireMock's HTTP admin API ({@link FeedServer}), which needs nothing shared with this class.
 */
public class RealInfrastructure implements QuarkusTestResourceLifecycleManager {

    private WireMockServer feeds;

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(LocalInfrastructure.shared().quarkusConfig());
        // ingest-service sends no mail; unused mailer keys would only be logged as unrecognized.
        config.keySet().removeIf(key -> key.startsWith("quarkus.mailer."));

        feeds = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        feeds.start();
        String base = "http://127.0.0.1:" + feeds.port();
        config.put("ingest.huggingface.base-url", base);
        config.put("ingest.arxiv.rss-base-url", base);
        config.put("ingest.arxiv.api-base-url", base);
        return config;
    }

    @Override
    public void stop() {
        if (feeds != null) {
            feeds.stop();
        }
        // LocalInfrastructure.shared() stops its servers in a JVM shutdown hook.
    }
}
