package dev.paperdigest.notify.preview;

import dev.paperdigest.notify.event.GoldenRecord;
import dev.paperdigest.notify.event.PapersTopicClient;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** GET /api/topics/preview over papers consumed from Kafka, matched as subscriptions would be. */
@QuarkusTest
class TopicPreviewTest {

    @Test
    void listsTheRecentPapersAQueryWouldHaveMatched() {
        String word = "pyrochlore" + UUID.randomUUID().toString().replaceAll("[^a-f]", "");
        GoldenRecord golden = GoldenRecord.load();
        String magnets = "Frustrated " + word + " magnets";
        String ice = "Spin ice in " + word + " oxides";
        PapersTopicClient.send(golden.variant(GoldenRecord.unusedPaperId(), value -> value.put("title", magnets)));
        PapersTopicClient.send(golden.variant(GoldenRecord.unusedPaperId(), value -> value.put("title", ice)));

        // Consumed and indexed: the preview finds both.
        await().atMost(Duration.ofSeconds(60)).until(() -> given().queryParam("q", word)
                .when().get("/api/topics/preview").then().statusCode(200).extract().<Integer>path("count") == 2);

        given().queryParam("q", word + " magnet").queryParam("days", "1")
                .when().get("/api/topics/preview")
                .then().statusCode(200)
                .body("query", equalTo(word + " magnet"))
                .body("days", equalTo(1))
                .body("count", equalTo(1))
                .body("papers.title", equalTo(List.of(magnets)))
                .body("papers[0].links.abs", containsString("arxiv.org/abs/"));
        given().queryParam("q", "title:" + word + " -\"spin ice\"")
                .when().get("/api/topics/preview")
                .then().statusCode(200).body("count", equalTo(1)).body("papers.title", equalTo(List.of(magnets)));
    }

    @Test
    void aBadQueryGetsTheSame400AsOnSubscribeWithThePosition() {
        given().queryParam("q", "graph *former").when().get("/api/topics/preview")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem("q"))
                .body("violations.message", hasItem(containsString("at position 7")));
        given().when().get("/api/topics/preview")
                .then().statusCode(400).contentType("application/problem+json").body("violations.field", hasItem("q"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "31", "abc", "-1", "7.5"})
    void daysOutsideOneToThirtyAreA400NamingDays(String days) {
        given().queryParam("q", "diffusion").queryParam("days", days).when().get("/api/topics/preview")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem("days"));
    }
}
