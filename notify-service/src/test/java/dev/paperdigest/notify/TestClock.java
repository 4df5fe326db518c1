package dev.paperdigest.notify;

import io.quarkus.test.Mock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The clock of every @QuarkusTest: system time shifted by an offset that a test may move forward (and must reset),
 * so schedules can be travelled through without waiting.
 */
@Mock
public class TestClock extends Clock {

    private static volatile Duration offset = Duration.ZERO;

    /** Moves every reading of the service's clock to {@code instant}. */
    public static void travelTo(Instant instant) {
        offset = Duration.between(Instant.now(), instant);
    }

    /** Back to the system time. */
    public static void reset() {
        offset = Duration.ZERO;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the service's clock is UTC");
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }
}
