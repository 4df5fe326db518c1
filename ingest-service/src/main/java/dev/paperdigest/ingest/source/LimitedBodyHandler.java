package dev.paperdigest.ingest.source;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Reads a body into memory up to a limit and aborts past it, so that a feed server answering without end cannot
 * fill the heap: a declared Content-Length above the limit fails before reading, anything else as the limit is passed.
 */
final class LimitedBodyHandler implements HttpResponse.BodyHandler<byte[]> {

    private final long limit;

    LimitedBodyHandler(long limit) {
        this.limit = limit;
    }

    @Override
    public HttpResponse.BodySubscriber<byte[]> apply(HttpResponse.ResponseInfo info) {
        return new LimitedBodySubscriber(limit, info.headers().firstValueAsLong("Content-Length").orElse(-1));
    }

    /** The body went past the limit; not worth another try. */
    static final class BodyTooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        BodyTooLargeException(long limit) {
            super("answer larger than " + limit + " bytes");
        }
    }

    static final class LimitedBodySubscriber implements HttpResponse.BodySubscriber<byte[]> {

        private final HttpResponse.BodySubscriber<byte[]> bytes = HttpResponse.BodySubscribers.ofByteArray();
        private final long limit;
        private final long declaredLength;
        private Flow.Subscription subscription;
        private long received;
        private boolean aborted;

        LimitedBodySubscriber(long limit, long declaredLength) {
            this.limit = limit;
            this.declaredLength = declaredLength;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            bytes.onSubscribe(subscription);
            if (declaredLength > limit) {
                abort();
            }
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (aborted) {
                return;
            }
            for (ByteBuffer buffer : buffers) {
                received += buffer.remaining();
            }
            if (received > limit) {
                abort();
                return;
            }
            bytes.onNext(buffers);
        }

        @Override
        public void onError(Throwable throwable) {
            if (!aborted) {
                bytes.onError(throwable);
            }
        }

        @Override
        public void onComplete() {
            if (!aborted) {
                bytes.onComplete();
            }
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return bytes.getBody();
        }

        private void abort() {
            aborted = true;
            subscription.cancel();
            bytes.onError(new BodyTooLargeException(limit));
        }
    }
}
