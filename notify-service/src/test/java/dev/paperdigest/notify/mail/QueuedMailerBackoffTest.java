package dev.paperdigest.notify.mail;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The retry window documented at paperdigest.mail.max-attempts. */
class QueuedMailerBackoffTest {

    @Test
    void backoffDoublesFromTwoSecondsUpToAnHour() {
        assertEquals(Duration.ofSeconds(2), QueuedMailer.backoff(1));
        assertEquals(Duration.ofSeconds(4), QueuedMailer.backoff(2));
        assertEquals(Duration.ofSeconds(2048), QueuedMailer.backoff(11));
        assertEquals(Duration.ofHours(1), QueuedMailer.backoff(12));
        assertEquals(Duration.ofHours(1), QueuedMailer.backoff(100));
    }

    @Test
    void twentyAttemptsRideOutAnOutageOfNineHours() {
        Duration window = Duration.ZERO;
        for (int failed = 1; failed < 20; failed++) { // the 20th failure gives up
            window = window.plus(QueuedMailer.backoff(failed));
        }
        assertTrue(window.compareTo(Duration.ofHours(9)) > 0 && window.compareTo(Duration.ofHours(10)) < 0,
                window.toString());
    }
}
