package dev.paperdigest.notify.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/** The golden papers.new record of the event contract (deploy/contracts/papers.new.v1.json), as tests use it. */
public final class GoldenRecord {

    public static final Path FILE = Path.of("../deploy/contracts/papers.new.v1.json");
    public static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules().build();

    private final JsonNode root;

    private GoldenRecord(JsonNode root) {
        this.root = root;
    }

    public static GoldenRecord load() {
        try {
            return new GoldenRecord(JSON.readTree(Files.readString(FILE)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String topic() {
        return root.get("topic").asText();
    }

    public String key() {
        return root.get("key").asText();
    }

    public JsonNode headersJson() {
        return root.get("headers");
    }

    public JsonNode valueJson() {
        return root.get("value");
    }

    /** The value exactly as the file holds it, as the JSON string a producer writes. */
    public String value() {
        return root.get("value").toString();
    }

    public RecordHeaders headers() {
        RecordHeaders headers = new RecordHeaders();
        for (Map.Entry<String, JsonNode> header : root.get("headers").properties()) {
            headers.add(header.getKey(), header.getValue().asText().getBytes(StandardCharsets.UTF_8));
        }
        return headers;
    }

    public ProducerRecord<String, String> producerRecord() {
        return new ProducerRecord<>(topic(), null, key(), value(), headers());
    }

    /**
     * The golden record turned into another paper: a new id (so a new ce_id, computed as the contract says) and
     * payload members changed by {@code edit}.
     */
    public ProducerRecord<String, String> variant(String paperId, Consumer<ObjectNode> edit) {
        ObjectNode value = ((ObjectNode) valueJson()).deepCopy();
        value.put("id", paperId);
        edit.accept(value);
        RecordHeaders headers = new RecordHeaders();
        headers().forEach(header -> {
            if (!header.key().equals("ce_id")) {
                headers.add(header);
            }
        });
        headers.add("ce_id", eventId(paperId).getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(topic(), null, paperId, value.toString(), headers);
    }

    /** A new-style arXiv id nobody used yet in this run. */
    public static String unusedPaperId() {
        return "2999." + Math.abs(UUID.randomUUID().getMostSignificantBits() % 100_000_000L);
    }

    /** The contract's ce_id: the name-based UUID of "papers.new:" + canonical id. */
    public static String eventId(String paperId) {
        return UUID.nameUUIDFromBytes(("papers.new:" + paperId).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
