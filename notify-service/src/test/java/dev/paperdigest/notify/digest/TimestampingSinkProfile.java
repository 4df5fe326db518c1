package dev.paperdigest.notify.digest;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** notify-service sending to {@link TimestampingSmtpSink}, INSTANT digests with a coalescing window of 0. */
public class TimestampingSinkProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.mailer.host", "127.0.0.1",
                "quarkus.mailer.port", String.valueOf(TimestampingSmtpSink.shared().port()),
                "paperdigest.digest.instant-window", "0s",
                "quarkus.log.category.\"dev.paperdigest\".level", "INFO");
    }
}
