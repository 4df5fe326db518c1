package dev.paperdigest.notify.mail;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The retry window documented at paperdigest.mail.max-attempts. */
class MatchMailerBackoffTest {

    @Test
    void backoffDoublesFromTwoSecondsUpToAnHour() {
        assertEquals(Duration.ofSeconds(2), MatchMailer.backoff(1));
        assertEquals(Duration.ofSeconds(4), MatchMailer.backoff(2));
        assertEquals(Duration.ofSeconds(2048), MatchMailer.backoff(11));
        assertEquals(Duration.ofHours(1), MatchMailer.backoff(12));
        assertEquals(Duration.ofHours(1), MatchMailer.backoff(100));
    }

    @Test
    void twentyAttemptsRideOutAnOutageOfNineHours() {
        Duration window = Duration.ZERO;
        for (int failed = 1; failed < 20; failed++) { // the 20th failure gives up
            window = window.plus(MatchMailer.backoff(failed));
        }
        assertTrue(window.compareTo(Duration.ofHours(9)) > 0 && window.compareTo(Duration.ofHours(10)) < 0,
                window.toString());
    }
}
