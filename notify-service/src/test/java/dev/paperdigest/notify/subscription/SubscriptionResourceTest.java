package dev.paperdigest.notify.subscription;

import dev.paperdigest.localinfra.CapturedMail;
import dev.paperdigest.notify.RealInfrastructure;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import static dev.paperdigest.notify.admin.AdminStatsClient.stat;
import static dev.paperdigest.notify.subscription.Subscribers.awaitConfirmationToken;
import static dev.paperdigest.notify.subscription.Subscribers.confirm;
import static dev.paperdigest.notify.subscription.Subscribers.signUp;
import static dev.paperdigest.notify.subscription.Subscribers.signUpJson;
import static dev.paperdigest.notify.subscription.Subscribers.uniqueClient;
import static dev.paperdigest.notify.subscription.Subscribers.uniqueEmail;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The subscription lifecycle through the REST API, on real PostgreSQL and SMTP. */
@QuarkusTest
class SubscriptionResourceTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    SubscriptionService service;

    @Test
    void doubleOptInConfirmsFromTheMailAndOnlyThenTheSubscriptionIsActive() {
        String email = uniqueEmail("optin");
        signUpJson("{\"email\": \"" + email + "\", \"topics\": [\"diffusion -MRI\", \"author:\\\"Yann LeCun\\\"\"],"
                + " \"frequency\": \"WEEKLY\", \"timezone\": \"Europe/Berlin\", \"sendHour\": 7, \"weekday\": \"FRIDAY\"}")
                .statusCode(202).contentType(ContentType.JSON).body("status", equalTo("accepted"));

        String confirmToken = awaitConfirmationToken(email, 1);
        CapturedMail mail = Subscribers.confirmationMails(email).get(0);
        assertTrue(mail.html().contains("diffusion -MRI"), mail.html());
        assertTrue(mail.html().contains("author:&quot;Yann LeCun&quot;"), "escaped: " + mail.html());
        assertTrue(mail.text().contains("http://localhost:8082/confirm/" + confirmToken), mail.text());
        assertFalse(mail.headers().containsKey("List-Unsubscribe"), "not subscribed yet");
        assertEquals("PENDING", status(email));

        String manageToken = confirm(confirmToken);
        assertEquals("ACTIVE", status(email));
        given().header("Authorization", "Bearer " + manageToken).when().get("/api/subscriptions/me")
                .then().statusCode(200)
                .body("email", equalTo(email))
                .body("status", equalTo("ACTIVE"))
                .body("topics", equalTo(List.of("diffusion -MRI", "author:\"Yann LeCun\"")))
                .body("frequency", equalTo("WEEKLY"))
                .body("timezone", equalTo("Europe/Berlin"))
                .body("sendHour", equalTo(7))
                .body("weekday", equalTo("FRIDAY"))
                .body("nextMailDue", matchesPattern("\\d{4}-\\d\\d-\\d\\dT0[56]:00:00Z")) // 07:00 Berlin in UTC
                .body("matchesWaiting", equalTo(0));

        // Confirming again is harmless, and hands out no manage token: a confirmation link is no key.
        given().when().post("/api/subscriptions/confirm/" + confirmToken).then().statusCode(200)
                .body("status", equalTo("ACTIVE")).body("manageToken", equalTo(null));
        assertEquals("ACTIVE", status(email));
    }

    @Test
    void signingUpAgainAnswersTheSameAndMailsAtMostOncePerHour() throws Exception {
        String email = uniqueEmail("again");
        String first = signUpJson("{\"email\": \"" + email + "\", \"topics\": [\"diffusion\"]}").statusCode(202)
                .extract().asString();
        String pendingAgain = signUpJson("{\"email\": \"" + email.toUpperCase().replace("EXAMPLE.ORG", "example.org")
                + "\", \"topics\": [\"robotics\"]}").statusCode(202).extract().asString();
        assertEquals(first, pendingAgain, "no account enumeration");
        Subscribers.awaitSignupsApplied();
        assertEquals(1, accountMails(email), "one confirmation mail within the hour");
        assertEquals(1, subscribers(email), "one subscriber, whatever the letter case");

        String manageToken = confirm(awaitConfirmationToken(email, 1));
        given().header("Authorization", "Bearer " + manageToken).when().get("/api/subscriptions/me")
                .then().body("topics", equalTo(List.of("robotics")));

        // An ACTIVE address: the same answer, nothing changes, its owner is told (with a manage link) -- once.
        execute("update notify.subscriber set signup_mail_at = now() - interval '2 hours' where lower(email) = lower('"
                + email + "')");
        String activeAgain = signUpJson("{\"email\": \"" + email + "\", \"topics\": [\"spam\"]}").statusCode(202)
                .extract().asString();
        signUpJson("{\"email\": \"" + email + "\", \"topics\": [\"more spam\"]}").statusCode(202);
        assertEquals(first, activeAgain);
        Subscribers.awaitSignupsApplied();
        await().until(() -> mailsWithSubject(email, "Your paper-digest subscription") == 1);
        CapturedMail notice = RealInfrastructure.infra().mail().mailsTo(email).stream()
                .filter(m -> m.subject().equals("Your paper-digest subscription")).findFirst().orElseThrow();
        assertTrue(notice.text().contains("/manage/"), notice.text());
        assertEquals("<http://localhost:8082/unsubscribe/" + Subscribers.unsubscribeToken(notice) + ">",
                notice.headers().get("List-Unsubscribe"));
        assertEquals(2, accountMails(email));
        given().header("Authorization", "Bearer " + manageToken).when().get("/api/subscriptions/me")
                .then().body("topics", equalTo(List.of("robotics")));
    }

    @Test
    void theSubscriberManagesTopicsAndScheduleWithTheManageTokenAndCanDeleteEverything() {
        String email = uniqueEmail("manage");
        String token = Subscribers.active(email, "diffusion");
        String auth = "Bearer " + token;

        given().header("Authorization", auth).contentType(ContentType.JSON)
                .body("{\"topics\": [\"Transformers\", \"transformer\", \"graph neural networks\"],"
                        + " \"frequency\": \"DAILY\", \"sendHour\": 18, \"timezone\": \"America/New_York\"}")
                .when().put("/api/subscriptions/me")
                .then().statusCode(200)
                .body("topics", equalTo(List.of("Transformers", "graph neural networks")))
                .body("frequency", equalTo("DAILY"))
                .body("sendHour", equalTo(18))
                .body("timezone", equalTo("America/New_York"));
        // A member left out stays.
        given().header("Authorization", auth).contentType(ContentType.JSON).body("{\"frequency\": \"INSTANT\"}")
                .when().put("/api/subscriptions/me")
                .then().statusCode(200)
                .body("topics", equalTo(List.of("Transformers", "graph neural networks")))
                .body("frequency", equalTo("INSTANT"))
                .body("nextMailDue", equalTo(null));
        given().header("Authorization", auth).contentType(ContentType.JSON).body("{\"topics\": [\"title:(\"]}")
                .when().put("/api/subscriptions/me")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem("topics[0]"));

        given().header("Authorization", auth).when().delete("/api/subscriptions/me").then().statusCode(204);
        assertEquals(0, subscribers(email));
        given().header("Authorization", auth).when().get("/api/subscriptions/me").then().statusCode(401);
    }

    @Test
    void tokensAreDistinctAndUnknownOnesRevealNothing() {
        String email = uniqueEmail("tokens");
        signUp(email, "quantum error correction");
        String confirmToken = awaitConfirmationToken(email, 1);
        String manageToken = confirm(confirmToken);

        // A confirm token opens no subscription; a manage token confirms nothing.
        given().header("Authorization", "Bearer " + confirmToken).when().get("/api/subscriptions/me")
                .then().statusCode(401).contentType("application/problem+json");
        given().when().post("/api/subscriptions/confirm/" + manageToken).then().statusCode(404)
                .contentType("application/problem+json");
        for (String unknown : List.of("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "short", "x".repeat(300))) {
            given().when().post("/api/subscriptions/confirm/" + unknown).then().statusCode(404)
                    .contentType("application/problem+json")
                    .body("detail", equalTo("This link is not valid (any more)."));
            given().header("Authorization", "Bearer " + unknown).when().get("/api/subscriptions/me")
                    .then().statusCode(401);
        }
        given().when().get("/api/subscriptions/me").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void topicsThatDifferOnlyInLetterCaseAreDifferentQueries() {
        String email = uniqueEmail("case");
        // Lower-case "or" is a stop word, not an operator: the second topic asks for both words.
        String manageToken = Subscribers.active(email, "graph OR neural", "graph or neural");
        given().header("Authorization", "Bearer " + manageToken).when().get("/api/subscriptions/me")
                .then().statusCode(200).body("topics", equalTo(List.of("graph OR neural", "graph or neural")));
    }

    @Test
    void signingUpAnUnsubscribedAddressChangesNothingUntilItsOwnerConfirms() throws Exception {
        String email = uniqueEmail("comeback");
        String manageToken = Subscribers.active(email, "spin glasses");
        execute("update notify.subscriber set status = 'UNSUBSCRIBED', signup_mail_at = now() - interval '2 hours'"
                + " where email = '" + email + "'");

        signUpJson("{\"email\": \"" + email + "\", \"topics\": [\"something else\"]}").statusCode(202);
        String confirmToken = awaitConfirmationToken(email, 2);
        given().header("Authorization", "Bearer " + manageToken).when().get("/api/subscriptions/me")
                .then().body("status", equalTo("UNSUBSCRIBED")).body("topics", equalTo(List.of("spin glasses")));

        confirm(confirmToken);
        given().header("Authorization", "Bearer " + manageToken).when().get("/api/subscriptions/me")
                .then().body("status", equalTo("ACTIVE")).body("topics", equalTo(List.of("spin glasses")));
    }

    @Test
    void tokensAreStoredOnlyAsHashes() throws Exception {
        String email = uniqueEmail("hashes");
        String manageToken = Subscribers.active(email, "topological insulators");
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("""
                        select t.hash from notify.access_token t join notify.subscriber s on s.id = t.subscriber_id
                        where s.email = ?""")) {
            query.setString(1, email);
            try (ResultSet rows = query.executeQuery()) {
                int count = 0;
                while (rows.next()) {
                    count++;
                    byte[] hash = rows.getBytes(1);
                    assertEquals(32, hash.length, "SHA-256");
                    assertFalse(new String(hash, java.nio.charset.StandardCharsets.ISO_8859_1).contains(manageToken));
                }
                assertEquals(2, count, "the confirm token and the manage token");
            }
        }
        assertTrue(manageToken.matches("[A-Za-z0-9_-]{32}"), "192 random bits, base64url: " + manageToken);
    }

    @Test
    void unconfirmedSubscribersExpireAfterSevenDays() throws Exception {
        String old = uniqueEmail("expired");
        String recent = uniqueEmail("recent");
        signUp(old, "spintronics");
        signUp(recent, "spintronics");
        Subscribers.awaitSignupsApplied();
        execute("update notify.subscriber set updated_at = now() - interval '7 days 1 minute' where email = '" + old + "'");

        service.expire();

        assertEquals(0, subscribers(old));
        assertEquals(1, subscribers(recent));
    }

    @Test
    void signUpsAreRateLimitedPerAddressAndPerClient() {
        String email = uniqueEmail("flood");
        for (int i = 0; i < 5; i++) {
            signUpJson("{\"email\": \"" + email + "\", \"topics\": [\"diffusion\"]}").statusCode(202);
        }
        signUpJson("{\"email\": \"" + email + "\", \"topics\": [\"diffusion\"]}").statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", matchesPattern("\\d+"))
                .body("status", equalTo(429));

        String client = uniqueClient();
        for (int i = 0; i < 20; i++) {
            signUpJson("{\"email\": \"" + uniqueEmail("client") + "\", \"topics\": [\"diffusion\"]}", client).statusCode(202);
        }
        signUpJson("{\"email\": \"" + uniqueEmail("client") + "\", \"topics\": [\"diffusion\"]}", client).statusCode(429)
                .header("Retry-After", matchesPattern("\\d+"));
        // Another client is not held up.
        signUpJson("{\"email\": \"" + uniqueEmail("client") + "\", \"topics\": [\"diffusion\"]}").statusCode(202);
    }

    static Stream<Arguments> badInput() {
        String ok = "\"topics\": [\"diffusion\"]";
        String okEmail = "\"email\": \"x@example.org\"";
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
                Arguments.of("{" + okEmail + "}", "topics"),
                Arguments.of("{" + okEmail + ", \"topics\": []}", "topics"),
                Arguments.of("{" + okEmail + ", \"topics\": " + topics(21) + "}", "topics"),
                Arguments.of("{" + okEmail + ", \"topics\": [\"a\", \"b\", \" \"]}", "topics[2]"),
                Arguments.of("{" + okEmail + ", \"topics\": [\"a\", null]}", "topics[1]"),
                Arguments.of("{" + okEmail + ", \"topics\": [\"" + "x".repeat(201) + "\"]}", "topics[0]"),
                Arguments.of("{" + okEmail + ", \"topics\": [\"ok\", \"!!! ---\"]}", "topics[1]"),
                // Control and format characters: NUL would reach PostgreSQL (a 500), the others a mail.
                Arguments.of("{" + okEmail + ", \"topics\": [\"ok\", \"a\\u0000b\"]}", "topics[1]"),
                Arguments.of("{" + okEmail + ", \"topics\": [\"bell\\u0007\"]}", "topics[0]"),
                Arguments.of("{" + okEmail + ", \"topics\": [\"tab\\there\"]}", "topics[0]"),
                Arguments.of("{" + okEmail + ", \"topics\": [\"line\\u2028break\"]}", "topics[0]"),
                Arguments.of("{" + okEmail + ", \"topics\": [\"ok\", \"ok2\", \"rtl\\u202eoverride\"]}", "topics[2]"),
                Arguments.of("{" + okEmail + ", \"topics\": \"diffusion\"}", "topics"),
                Arguments.of("{\"email\": [\"x@example.org\"], " + ok + "}", "email"),
                // Queries that are no valid query.
                Arguments.of("{" + okEmail + ", \"topics\": [\"*former\"]}", "topics[0]"),
                Arguments.of("{" + okEmail + ", \"topics\": [\"ok\", \"-diffusion\"]}", "topics[1]"),
                Arguments.of("{" + okEmail + ", \"topics\": [\"(diffusion\"]}", "topics[0]"),
                Arguments.of("{" + okEmail + ", \"topics\": [\"venue:neurips\"]}", "topics[0]"),
                Arguments.of("{" + okEmail + ", \"topics\": [\"the\"]}", "topics[0]"),
                // The schedule.
                Arguments.of("{" + okEmail + ", " + ok + ", \"frequency\": \"HOURLY\"}", "frequency"),
                Arguments.of("{" + okEmail + ", " + ok + ", \"timezone\": \"Mars/Olympus\"}", "timezone"),
                Arguments.of("{" + okEmail + ", " + ok + ", \"timezone\": \"+02:00\"}", "timezone"),
                Arguments.of("{" + okEmail + ", " + ok + ", \"timezone\": \"Europe/Berlin\\r\\n\"}", "timezone"),
                Arguments.of("{" + okEmail + ", " + ok + ", \"sendHour\": 24}", "sendHour"),
                Arguments.of("{" + okEmail + ", " + ok + ", \"sendHour\": -1}", "sendHour"),
                Arguments.of("{" + okEmail + ", " + ok + ", \"sendHour\": \"eight\"}", "sendHour"),
                Arguments.of("{" + okEmail + ", " + ok + ", \"sendHour\": 7.5}", "sendHour"),
                Arguments.of("{" + okEmail + ", " + ok + ", \"weekday\": \"FUNDAY\"}", "weekday"));
    }

    @ParameterizedTest
    @MethodSource("badInput")
    void badInputIsA400ProblemNamingTheFieldAndStoresNothing(String body, String field) {
        long subscribersBefore = stat("subscribers");
        signUpJson(body).statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("violations.field", hasItem(field));
        assertEquals(subscribersBefore, stat("subscribers"));
    }

    @Test
    void anInvalidQuerySaysWhatIsWrongAndWhere() {
        signUpJson("{\"email\": \"x@example.org\", \"topics\": [\"diffusion\", \"graph *former\"]}")
                .statusCode(400)
                .body("violations.field", hasItem("topics[1]"))
                .body("violations.message", hasItem(containsString("at position 7")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"email\": ", "", "[]", "null", "42"})
    void malformedBodiesAreA400Problem(String body) {
        signUpJson(body).statusCode(400).contentType("application/problem+json").body("status", equalTo(400));
    }

    private String status(String email) {
        return queryString("select status from notify.subscriber where email = ?", email);
    }

    private long subscribers(String email) {
        return Long.parseLong(queryString("select count(*) from notify.subscriber where lower(email) = lower(?)", email));
    }

    private long accountMails(String email) {
        return Long.parseLong(queryString("""
                select count(*) from notify.account_mail m join notify.subscriber s on s.id = m.subscriber_id
                where lower(s.email) = lower(?)""", email));
    }

    private static long mailsWithSubject(String email, String subject) {
        return RealInfrastructure.infra().mail().mailsTo(email).stream().filter(m -> subject.equals(m.subject())).count();
    }

    private String queryString(String sql, String parameter) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, parameter);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.createStatement().execute(sql);
        }
    }

    private static String topics(int count) {
        return Collections.nCopies(count, "\"t\"").stream().reduce((a, b) -> a + ", " + b)
                .map(s -> "[" + s + "]").orElseThrow();
    }
}
