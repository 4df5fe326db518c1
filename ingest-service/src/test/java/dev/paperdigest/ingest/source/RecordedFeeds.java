package dev.paperdigest.ingest.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads the recorded feed responses copied unmodified from shared/fixtures/feeds into src/test/resources/feeds. */
public final class RecordedFeeds {

    /** A {@code {url, status_code, body}} wrapper as recorded by arxiv.py's test suite. */
    public record RecordedResponse(String url, int statusCode, String body) {
    }

    private RecordedFeeds() {
    }

    /** The raw bytes of {@code feeds/<path>}, as a feed server would send them. */
    public static byte[] bytes(String path) {
        String resource = "/feeds/" + path;
        try (InputStream in = RecordedFeeds.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Unwraps a recorded HTTP exchange. */
    public static RecordedResponse response(String path) {
        try {
            JsonNode wrapper = new ObjectMapper().readTree(bytes(path));
            return new RecordedResponse(wrapper.path("url").asText(), wrapper.path("status_code").asInt(),
                    wrapper.path("body").asText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
