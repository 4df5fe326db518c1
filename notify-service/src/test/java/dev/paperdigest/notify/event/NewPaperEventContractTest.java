package dev.paperdigest.notify.event;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The consumer side of the papers.new contract: the golden record reads into the consumer's event type with every
 * member as the file says. (NotificationFlowTest consumes the same record from a real broker.)
 */
class NewPaperEventContractTest {

    private final GoldenRecord golden = GoldenRecord.load();
    private final NewPaperEventReader reader = new NewPaperEventReader(GoldenRecord.JSON);

    @Test
    void goldenRecordIsOnTheTopicTheConsumerReads() {
        assertEquals(PapersTopic.NAME, golden.topic());
        assertEquals(PapersTopic.EVENT_TYPE_V1, golden.headersJson().get("ce_type").asText());
        assertEquals("1.0", golden.headersJson().get("ce_specversion").asText());
        assertEquals("application/json", golden.headersJson().get("content-type").asText());
    }

    @Test
    void goldenRecordReadsIntoTheEventWithEveryMember() {
        ReceivedPaperEvent received = reader.read(golden.headers(), golden.value());

        assertEquals("b4e053bd-d65e-3721-9578-f63a69059622", received.eventId());
        assertEquals(GoldenRecord.eventId(golden.key()), received.eventId(), "ce_id is derived from the paper id");

        NewPaperEvent paper = received.paper();
        assertEquals(golden.key(), paper.id(), "record key = paper id");
        assertEquals("2505.24864", paper.id());
        assertEquals(1, paper.version());
        assertEquals("ProRL: Prolonged Reinforcement Learning Expands Reasoning Boundaries in Large Language Models",
                paper.title());
        assertEquals("Recent advances in reasoning-centric language models have highlighted reinforcement learning "
                + "(RL) as a promising method for aligning models with verifiable rewards.", paper.abstractText());
        assertEquals(List.of("Mingjie Liu", "Shizhe Diao", "Ximing Lu", "Jian Hu", "Xin Dong", "Yejin Choi",
                "Jan Kautz", "Yi Dong"), paper.authors());
        assertEquals(List.of("cs.CL", "cs.AI", "cs.LG"), paper.categories());
        assertEquals("cs.CL", paper.primaryCategory());
        assertEquals(Instant.parse("2025-05-30T17:59:01Z"), paper.publishedAt());
        assertEquals(new NewPaperEvent.Links("https://arxiv.org/abs/2505.24864", "https://arxiv.org/pdf/2505.24864",
                "https://huggingface.co/papers/2505.24864"), paper.links());
        assertEquals(35, paper.upvotes());
        assertEquals(List.of("huggingface"), paper.sources());
    }

    @Test
    void optionalMembersMayBeLeftOutAndUnknownOnesAreIgnored() {
        NewPaperEvent paper = reader.parse("""
                {"id": "cond-mat/0603029", "title": "Old style", "futureMember": {"x": 1}}
                """);

        assertEquals("cond-mat/0603029", paper.id());
        assertEquals(null, paper.upvotes());
        assertEquals(null, paper.links());
    }
}
