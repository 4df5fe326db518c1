package dev.paperdigest.ingest.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.paperdigest.ingest.paper.Paper;
import dev.paperdigest.ingest.paper.PaperLinks;

class NewPaperEventMapperTest {

    static final Path GOLDEN = Path.of("../deploy/contracts/papers.new.v1.json");

    // Configured like Quarkus' ObjectMapper (java.time module, ISO dates).
    private final ObjectMapper mapper = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void mapsTheGoldenPaperToTheGoldenPayload() throws IOException {
        JsonNode golden = mapper.readTree(GOLDEN.toFile());
        Paper paper = new Paper();
        paper.id = "2505.24864";
        paper.version = 1;
        paper.title = "ProRL: Prolonged Reinforcement Learning Expands Reasoning Boundaries in Large Language Models";
        paper.abstractText = golden.at("/value/abstract").asText();
        paper.authors = new String[] { "Mingjie Liu", "Shizhe Diao", "Ximing Lu", "Jian Hu", "Xin Dong", "Yejin Choi",
                "Jan Kautz", "Yi Dong" };
        paper.categories = new String[] { "cs.CL", "cs.AI", "cs.LG" };
        paper.primaryCategory = "cs.CL";
        paper.publishedAt = Instant.parse("2025-05-30T17:59:01Z");
        paper.links = new PaperLinks("https://arxiv.org/abs/2505.24864", "https://arxiv.org/pdf/2505.24864",
                "https://huggingface.co/papers/2505.24864");
        paper.upvotes = 35;
        paper.sources = new String[] { "huggingface" };
        paper.firstSeenAt = Instant.parse("2025-06-02T03:18:21.654Z");

        JsonNode payload = mapper.valueToTree(NewPaperEventMapper.toEvent(paper));

        assertEquals(golden.get("value"), payload);
    }

    @Test
    void leavesUnknownValuesOutInsteadOfSendingNull() {
        Paper paper = new Paper();
        paper.id = "cond-mat/0603029";
        paper.title = "A title";
        paper.abstractText = "An abstract";
        paper.links = new PaperLinks("https://arxiv.org/abs/cond-mat/0603029", "https://arxiv.org/pdf/cond-mat/0603029",
                null);

        JsonNode payload = mapper.valueToTree(NewPaperEventMapper.toEvent(paper));

        for (String absent : List.of("version", "primaryCategory", "publishedAt", "upvotes")) {
            assertFalse(payload.has(absent), absent + " must be omitted");
        }
        assertFalse(payload.get("links").has("huggingface"));
        assertEquals(mapper.createArrayNode(), payload.get("authors"));
        assertEquals(mapper.createArrayNode(), payload.get("sources"));
    }

    @Test
    void eventIdIsTheContractsNameBasedUuid() throws IOException {
        JsonNode golden = mapper.readTree(GOLDEN.toFile());

        assertEquals(UUID.fromString(golden.at("/headers/ce_id").asText()), NewPaperEvent.eventId("2505.24864"));
        assertEquals(golden.at("/headers/ce_type").asText(), NewPaperEvent.TYPE);
        assertEquals(golden.at("/headers/ce_source").asText(), NewPaperEvent.SOURCE.toString());
    }
}
