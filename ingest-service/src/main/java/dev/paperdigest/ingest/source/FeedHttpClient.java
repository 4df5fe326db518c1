package dev.paperdigest.ingest.source;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

/**
 * GETs feed documents with the JDK's HttpClient: connect and request timeouts, a User-Agent naming paper-digest,
 * and another try with exponential backoff after a transient failure (I/O error, timeout, 5xx, 429; a
 * {@code Retry-After} in seconds is honoured when longer). An answer past {@code ingest.http.max-body-size} fails at
 * once. Any other answer is returned for the source to judge:
 * arXiv's API, for one, explains a bad query in the body of a 400.
 */
@ApplicationScoped
public class FeedHttpClient {

    private static final Logger LOG = Logger.getLogger(FeedHttpClient.class);
    /** The longest wait a server's Retry-After may ask for. */
    private static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(2);

    private final SourcesConfig.Http config;
    private final HttpClient client;

    public FeedHttpClient(SourcesConfig config) {
        this.config = config.http();
        this.client = HttpClient.newBuilder()
                .connectTimeout(this.config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                // Plain HTTP/1.1: no h2c upgrade dance with simple feed servers.
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /**
     * @throws FeedException when every try failed transiently (the reason names the last failure) or the thread was
     *                       interrupted
     */
    public FeedResponse get(String source, URI uri) {
        return get(source, uri, Duration.ZERO);
    }

    /**
     * Like {@link #get(String, URI)}, but waits at least {@code minRetryDelay} before another try: a server that
     * asks for an interval between calls (arXiv's API) asks for it between retries too.
     */
    public FeedResponse get(String source, URI uri, Duration minRetryDelay) {
        String lastFailure = null;
        for (int attempt = 1; attempt <= config.attempts(); attempt++) {
            Duration retryAfter = Duration.ZERO;
            try {
                HttpResponse<byte[]> response = send(source, uri);
                if (!isTransient(response.statusCode())) {
                    return new FeedResponse(uri, response.statusCode(), response.body());
                }
                lastFailure = "HTTP " + response.statusCode() + " from " + uri;
                retryAfter = retryAfter(response);
            } catch (TimeoutException e) {
                lastFailure = "no answer from " + uri + " within " + config.requestTimeout().toMillis() + " ms";
            } catch (LimitedBodyHandler.BodyTooLargeException e) {
                throw new FeedException(source, e.getMessage() + " from " + uri, e);
            } catch (IOException e) {
                lastFailure = "I/O error reading " + uri + ": " + e;
            }
            if (attempt < config.attempts()) {
                Duration backoff = config.retryBaseDelay().multipliedBy(1L << (attempt - 1));
                Duration wait = longest(longest(retryAfter, backoff), minRetryDelay);
                LOG.warnf("%s: %s; try %d of %d in %d ms", source, lastFailure, attempt + 1, config.attempts(),
                        wait.toMillis());
                sleep(source, wait);
            }
        }
        throw new FeedException(source, lastFailure + " (gave up after " + config.attempts()
                + (config.attempts() == 1 ? " try)" : " tries)"));
    }

    private HttpResponse<byte[]> send(String source, URI uri) throws IOException, TimeoutException {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .GET()
                .timeout(config.requestTimeout())
                .header("User-Agent", config.userAgent())
                .build();
        // The request timeout only covers the headers; waiting on the future bounds reading the body too.
        CompletableFuture<HttpResponse<byte[]>> response = client.sendAsync(request,
                new LimitedBodyHandler(config.maxBodySize().asLongValue()));
        try {
            return response.get(config.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            response.cancel(true);
            throw e;
        } catch (InterruptedException e) {
            response.cancel(true);
            Thread.currentThread().interrupt();
            throw new FeedException(source, "interrupted while reading " + uri, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof java.net.http.HttpTimeoutException timeout) {
                throw (TimeoutException) new TimeoutException(timeout.getMessage()).initCause(timeout);
            }
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof LimitedBodyHandler.BodyTooLargeException tooLarge) {
                    throw tooLarge;
                }
            }
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause());
        }
    }

    private static Duration longest(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    static boolean isTransient(int status) {
        return status >= 500 || status == 429;
    }

    private static Duration retryAfter(HttpResponse<?> response) {
        Optional<String> header = response.headers().firstValue("Retry-After");
        try {
            long seconds = Long.parseLong(header.orElse("0").strip());
            Duration asked = Duration.ofSeconds(Math.max(0, seconds));
            return asked.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : asked;
        } catch (NumberFormatException e) {
            return Duration.ZERO; // an HTTP date: the backoff will do
        }
    }

    private static void sleep(String source, Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FeedException(source, "interrupted while waiting to try again", e);
        }
    }
}
