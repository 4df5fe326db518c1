package dev.paperdigest.notify.subscription;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static dev.paperdigest.notify.admin.AdminStatsClient.stat;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class SubscriptionResourceTest {

    @Test
    void answersTheSameForANewAndAKnownAddressAndAddsOnlyNewTopics() {
        String email = "same-" + System.nanoTime() + "@example.org";
        long topicsBefore = stat("topics");
        long subscribersBefore = stat("subscribers");

        String first = subscribe("{\"email\": \"" + email + "\", \"topics\": [\"diffusion\", \"LLM agents\"],"
                + " \"frequency\": \"DAILY\", \"timezone\": \"Europe/Berlin\"}").statusCode(202)
                .contentType(ContentType.JSON).extract().asString();
        String again = subscribe("{\"email\": \"" + email.toUpperCase() + "\","
                + " \"topics\": [\"Diffusion\", \"llm   agents\", \"robotics\"]}").statusCode(202)
                .extract().asString();

        assertEquals(first, again, "no account enumeration");
        assertEquals(subscribersBefore + 1, stat("subscribers"), "one subscriber, whatever the letter case");
        assertEquals(topicsBefore + 3, stat("topics"), "diffusion, LLM agents, robotics");
    }

    static Stream<Arguments> badInput() {
        String ok = "\"topics\": [\"diffusion\"]";
        return Stream.of(
                Arguments.of("{\"email\": \"not-an-email\", " + ok + "}", "email"),
                Arguments.of("{\"email\": \"someone@localhost\", " + ok + "}", "email"),
                Arguments.of("{\"email\": \"a@example.org\\r\\nBcc: b@example.org\", " + ok + "}", "email"),
                Arguments.of("{\"email\": \"a b@example.org\", " + ok + "}", "email"),
                Arguments.of("{\"email\": \"" + "a".repeat(60) + "@" + "b".repeat(190) + ".org\", " + ok + "}", "email"),
                // Only a dot-atom local part: the mailer cannot send to a quoted one.
                Arguments.of("{\"email\": \"\\\"john\\\"@example.org\", " + ok + "}", "email"),
                Arguments.of("{\"email\": \"a..b@example.org\", " + ok + "}", "email"),
                Arguments.of("{\"email\": \"j\u00f6rg@example.org\", " + ok + "}", "email"),
                Arguments.of("{\"email\": \"a\\u200b@example.org\", " + ok + "}", "email"),
                Arguments.of("{\"email\": \"a@exa\\u0085mple.org\", " + ok + "}", "email"),
                Arguments.of("{\"email\": \"a@example.org\\u0000\", " + ok + "}", "email"),
                Arguments.of("{" + ok + "}", "email"),
                Arguments.of("{\"email\": \"\", " + ok + "}", "email"),
                Arguments.of("{\"email\": \"x@example.org\"}", "topics"),
                Arguments.of("{\"email\": \"x@example.org\", \"topics\": []}", "topics"),
                Arguments.of("{\"email\": \"x@example.org\", \"topics\": " + topics(21) + "}", "topics"),
                Arguments.of("{\"email\": \"x@example.org\", \"topics\": [\"a\", \"b\", \" \"]}", "topics[2]"),
                Arguments.of("{\"email\": \"x@example.org\", \"topics\": [\"a\", null]}", "topics[1]"),
                Arguments.of("{\"email\": \"x@example.org\", \"topics\": [\"" + "x".repeat(201) + "\"]}", "topics[0]"),
                Arguments.of("{\"email\": \"x@example.org\", \"topics\": [\"ok\", \"!!! ---\"]}", "topics[1]"),
                // Control and format characters: NUL would reach PostgreSQL (a 500), the others a mail.
                Arguments.of("{\"email\": \"x@example.org\", \"topics\": [\"ok\", \"a\\u0000b\"]}", "topics[1]"),
                Arguments.of("{\"email\": \"x@example.org\", \"topics\": [\"bell\\u0007\"]}", "topics[0]"),
                Arguments.of("{\"email\": \"x@example.org\", \"topics\": [\"tab\\there\"]}", "topics[0]"),
                Arguments.of("{\"email\": \"x@example.org\", \"topics\": [\"line\\u2028break\"]}", "topics[0]"),
                Arguments.of("{\"email\": \"x@example.org\", \"topics\": [\"ok\", \"ok2\", \"rtl\\u202eoverride\"]}", "topics[2]"),
                Arguments.of("{\"email\": \"x@example.org\", \"topics\": \"diffusion\"}", "topics"),
                Arguments.of("{\"email\": [\"x@example.org\"], " + ok + "}", "email"));
    }

    @Test
    void topicsBeyondTheLimitAreDroppedAndTheAnswerStaysTheSame() {
        String email = "many-" + System.nanoTime() + "@example.org";
        long topicsBefore = stat("topics");

        List<String> answers = new ArrayList<>();
        for (int request = 0; request < 3; request++) { // 60 distinct topics, 20 per request; the limit is 50
            String topics = IntStream.range(request * 20, request * 20 + 20).mapToObj(i -> "\"quotatopic" + i + "\"")
                    .collect(Collectors.joining(", ", "[", "]"));
            answers.add(subscribe("{\"email\": \"" + email + "\", \"topics\": " + topics + "}").statusCode(202)
                    .extract().asString());
        }

        assertEquals(1, answers.stream().distinct().count(), "dropping topics shows in no answer: " + answers);
        assertEquals(topicsBefore + 50, stat("topics"));
    }

    @ParameterizedTest
    @MethodSource("badInput")
    void badInputIsA400ProblemNamingTheFieldAndStoresNothing(String body, String field) {
        long subscribersBefore = stat("subscribers");
        long topicsBefore = stat("topics");

        subscribe(body).statusCode(400)
                .contentType("application/problem+json")
                .body("status", org.hamcrest.Matchers.equalTo(400))
                .body("violations.field", hasItem(field));

        assertEquals(subscribersBefore, stat("subscribers"));
        assertEquals(topicsBefore, stat("topics"));
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"{\"email\": ", "", "[]", "null", "42"})
    void malformedBodiesAreA400Problem(String body) {
        subscribe(body).statusCode(400).contentType("application/problem+json")
                .body("status", org.hamcrest.Matchers.equalTo(400));
    }

    private static io.restassured.response.ValidatableResponse subscribe(String body) {
        return given().contentType(ContentType.JSON).body(body).when().post("/api/subscriptions").then();
    }

    private static String topics(int count) {
        return Collections.nCopies(count, "\"t\"").stream().reduce((a, b) -> a + ", " + b)
                .map(s -> "[" + s + "]").orElseThrow();
    }
}
