package dev.paperdigest.ingest.source;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import io.quarkus.runtime.configuration.MemorySize;

/** How long FeedHttpClient waits before another try; every bound asserted is a lower one, the only one promised. */
class FeedHttpClientRetryTest {

    private static final Duration TINY_BASE_DELAY = Duration.ofMillis(10);

    private WireMockServer server;
    private FeedHttpClient client;

    @BeforeEach
    void start() {
        server = new WireMockServer(options().dynamicPort());
        server.start();
        client = new FeedHttpClient(config());
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void aRetryAfterLongerThanTheBackoffIsHonoured() {
        failOnceThenAnswer(aResponse().withStatus(429).withHeader("Retry-After", "1"));

        FeedResponse response = client.get("test", uri());

        assertEquals(200, response.status());
        assertTrue(gapMillis() >= 990, "tried again after " + gapMillis() + " ms, asked for 1 s");
    }

    @Test
    void aMinimumRetryDelayLongerThanTheBackoffIsKept() {
        failOnceThenAnswer(aResponse().withStatus(503));

        FeedResponse response = client.get("test", uri(), Duration.ofMillis(300));

        assertEquals(200, response.status());
        assertTrue(gapMillis() >= 290, "tried again after " + gapMillis() + " ms, the interval is 300 ms");
    }

    private void failOnceThenAnswer(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder failure) {
        server.stubFor(get(urlPathEqualTo("/feed")).inScenario("retry").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(failure).willSetStateTo("failed once"));
        server.stubFor(get(urlPathEqualTo("/feed")).inScenario("retry").whenScenarioStateIs("failed once")
                .willReturn(aResponse().withStatus(200).withBody("ok")));
    }

    /** Between the first and the second request as WireMock logged them (millisecond timestamps). */
    private long gapMillis() {
        List<ServeEvent> events = server.getAllServeEvents(); // newest first
        assertEquals(2, events.size());
        return events.get(0).getRequest().getLoggedDate().getTime()
                - events.get(1).getRequest().getLoggedDate().getTime();
    }

    private URI uri() {
        return URI.create(server.baseUrl() + "/feed");
    }

    private static SourcesConfig config() {
        SourcesConfig.Http http = settings(SourcesConfig.Http.class, Map.of("connectTimeout", Duration.ofSeconds(1),
                "requestTimeout", Duration.ofSeconds(5), "attempts", 2, "retryBaseDelay", TINY_BASE_DELAY,
                "userAgent", "paper-digest test", "maxBodySize", new MemorySize(BigInteger.valueOf(1_000_000))));
        return settings(SourcesConfig.class, Map.of("http", http));
    }

    /** A config interface answering from {@code values} (a proxy: Quarkus scans test classes for beans). */
    private static <T> T settings(Class<T> type, Map<String, Object> values) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type }, (proxy, method, args) -> {
            if (!values.containsKey(method.getName())) {
                throw new UnsupportedOperationException(type.getSimpleName() + "." + method.getName());
            }
            return values.get(method.getName());
        }));
    }
}
