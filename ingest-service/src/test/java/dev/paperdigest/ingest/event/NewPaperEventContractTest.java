package dev.paperdigest.ingest.event;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.paperdigest.ingest.RealInfrastructure;
import dev.paperdigest.ingest.paper.TestPapers;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The producer side of the papers.new contract: posting the golden paper yields exactly the golden record (key,
 * headers, value); only ce_time differs, being the time this run stored the paper.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL)
class NewPaperEventContractTest {

    static final Path GOLDEN = Path.of("../deploy/contracts/papers.new.v1.json");

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    final ObjectMapper mapper = new ObjectMapper();

    @Test
    void producesTheGoldenRecord() throws IOException {
        JsonNode golden = mapper.readTree(GOLDEN.toFile());
        String key = golden.get("key").asText();
        // Other tests store this paper too (it is in the recorded Hugging Face day): new here whatever ran before.
        TestPapers.forget(List.of(key));

        try (PapersTopicProbe topic = PapersTopicProbe.fromNow(bootstrapServers)) {
            given().contentType(ContentType.JSON).header("Authorization", TestPapers.ADMIN)
                    .body(mapper.writeValueAsString(golden.get("value")))
                    .post("/api/papers")
                    .then().statusCode(202).body("new", equalTo(1));

            ConsumerRecord<String, String> record = topic.awaitRecord(key);

            assertEquals(golden.get("topic").asText(), record.topic());
            assertEquals(key, record.key());
            Map<String, String> headers = PapersTopicProbe.headers(record);
            String time = headers.get("ce_time");
            assertDoesNotThrow(() -> OffsetDateTime.parse(time), "ce_time is RFC 3339: " + time);
            Map<String, String> expected = new LinkedHashMap<>();
            golden.get("headers").fields().forEachRemaining(h -> expected.put(h.getKey(), h.getValue().asText()));
            expected.put("ce_time", time);
            assertEquals(expected, headers);
            assertEquals(golden.get("value"), mapper.readTree(record.value()));
        }
    }
}
