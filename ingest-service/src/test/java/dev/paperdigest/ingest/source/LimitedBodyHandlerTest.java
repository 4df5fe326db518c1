package dev.paperdigest.ingest.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** A feed answer is read up to ingest.http.max-body-size and no further. */
class LimitedBodyHandlerTest {

    @Test
    void anAnswerWithinTheLimitIsReadWhole() throws Exception {
        Subscription subscription = new Subscription();
        var body = new LimitedBodyHandler.LimitedBodySubscriber(10, -1);
        body.onSubscribe(subscription);

        body.onNext(List.of(bytes("hello"), bytes("world")));
        body.onComplete();

        assertArrayEquals("helloworld".getBytes(StandardCharsets.UTF_8),
                body.getBody().toCompletableFuture().get(1, TimeUnit.SECONDS));
        assertTrue(!subscription.cancelled);
    }

    @Test
    void anAnswerPastTheLimitIsAbortedWhileReading() {
        Subscription subscription = new Subscription();
        var body = new LimitedBodyHandler.LimitedBodySubscriber(10, -1);
        body.onSubscribe(subscription);

        body.onNext(List.of(bytes("hello")));
        body.onNext(List.of(bytes("world!")));
        body.onNext(List.of(bytes("more that must be ignored")));
        body.onComplete();

        assertTrue(subscription.cancelled, "the connection is not read further");
        ExecutionException failed = assertThrows(ExecutionException.class,
                () -> body.getBody().toCompletableFuture().get(1, TimeUnit.SECONDS));
        assertInstanceOf(LimitedBodyHandler.BodyTooLargeException.class, failed.getCause());
        assertEquals("answer larger than 10 bytes", failed.getCause().getMessage());
    }

    @Test
    void aDeclaredLengthPastTheLimitFailsBeforeReading() {
        Subscription subscription = new Subscription();
        var body = new LimitedBodyHandler.LimitedBodySubscriber(10, 11);

        body.onSubscribe(subscription);

        assertTrue(subscription.cancelled);
        ExecutionException failed = assertThrows(ExecutionException.class,
                () -> body.getBody().toCompletableFuture().get(1, TimeUnit.SECONDS));
        assertInstanceOf(LimitedBodyHandler.BodyTooLargeException.class, failed.getCause());
    }

    private static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    private static final class Subscription implements Flow.Subscription {
        boolean cancelled;

        @Override
        public void request(long n) {
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }
}
