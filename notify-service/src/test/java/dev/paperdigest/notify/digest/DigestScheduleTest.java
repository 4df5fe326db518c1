package dev.paperdigest.notify.digest;

import dev.paperdigest.localinfra.CapturedMail;
import dev.paperdigest.notify.TestClock;
import dev.paperdigest.notify.event.GoldenRecord;
import dev.paperdigest.notify.event.PapersTopicClient;
import dev.paperdigest.notify.subscription.Subscribers;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Digests on a schedule, on real Kafka, PostgreSQL and SMTP, with the service's clock moved to the send hour
 * instead of waiting for it.
 */
@QuarkusTest
class DigestScheduleTest {

    private static final String ADMIN = "Bearer dev-admin-key";

    @Inject
    AgroalDataSource dataSource;

    @AfterEach
    void backToNow() {
        TestClock.reset();
    }

    @Test
    void aDailySubscriberGetsOneDigestAtTheirHourListingEachMatchedPaperOnceWithHighlights() throws Exception {
        String alpha = word("alpha");
        String beta = word("beta");
        String email = Subscribers.uniqueEmail("daily");
        Subscribers.signUpJson("{\"email\": \"" + email + "\", \"topics\": [\"" + alpha + "\", \"title:" + beta
                + "\"], \"frequency\": \"DAILY\", \"timezone\": \"Europe/Berlin\", \"sendHour\": 8}").statusCode(202);
        Subscribers.confirm(Subscribers.awaitConfirmationToken(email, 1));

        GoldenRecord golden = GoldenRecord.load();
        String both = GoldenRecord.unusedPaperId();
        String alphaOnly = GoldenRecord.unusedPaperId();
        String neither = GoldenRecord.unusedPaperId();
        PapersTopicClient.send(golden.variant(both, v -> v.put("title", "The " + alpha + " and " + beta + " duality")));
        PapersTopicClient.send(golden.variant(alphaOnly, v -> {
            v.put("title", "Unrelated title");
            v.put("abstract", "We observe " + alpha + " at low temperature, then many more words follow.");
        }));
        PapersTopicClient.send(golden.variant(neither, v -> {
            v.put("title", "Another title");
            v.put("abstract", "Only the abstract says " + beta + ", and the topic asks for the title.");
        }));
        await().atMost(Duration.ofSeconds(60)).until(() -> papersStored(both, alphaOnly, neither) == 3);
        assertTrue(DigestInbox.digests(email).isEmpty(), "nothing before the send hour");

        ZonedDateTime eight = nextEightInBerlin();
        TestClock.travelTo(eight.toInstant().plusSeconds(1));
        given().header("Authorization", ADMIN).when().post("/api/admin/digests/run").then().statusCode(200);

        await().atMost(Duration.ofSeconds(30)).until(() -> DigestInbox.digests(email).size() == 1);
        CapturedMail digest = DigestInbox.digests(email).get(0);
        assertEquals("2 new papers on " + alpha + ", title:" + beta, digest.subject());
        assertEquals(1, DigestInbox.timesMailed(email, both));
        assertEquals(1, DigestInbox.timesMailed(email, alphaOnly));
        assertEquals(0, DigestInbox.timesMailed(email, neither));
        // The paper that matched both topics comes first, listed under one and noting the other.
        assertTrue(digest.text().indexOf("arXiv:" + both) < digest.text().indexOf("arXiv:" + alphaOnly), digest.text());
        assertTrue(digest.text().contains("[" + alpha + "; also title:" + beta + "]"), digest.text());
        assertTrue(digest.html().contains("The <mark>" + alpha + "</mark> and <mark>" + beta + "</mark> duality"),
                digest.html());
        assertTrue(digest.html().contains("We observe <mark>" + alpha + "</mark> at low temperature"), digest.html());
        assertTrue(digest.headers().get("Message-ID").matches("<digest-\\d+@localhost>"), digest.headers().toString());
        assertEquals("paper-digest <digest.paperdigest.local>", digest.headers().get("List-Id"));

        // A day later nothing new matched: no mail.
        TestClock.travelTo(eight.plusDays(1).toInstant().plusSeconds(1));
        given().header("Authorization", ADMIN).when().post("/api/admin/digests/run").then().statusCode(200);
        String marker = Subscribers.uniqueEmail("marker");
        Subscribers.active(marker, alpha);
        String markerPaper = GoldenRecord.unusedPaperId();
        PapersTopicClient.send(golden.variant(markerPaper, v -> v.put("title", "Late " + alpha)));
        DigestInbox.awaitPaper(marker, markerPaper);
        assertEquals(1, DigestInbox.digests(email).size(), "no digest when nothing matched");
    }

    private long papersStored(String... ids) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "select count(*) from notify.paper where id = any(?)")) {
            query.setArray(1, connection.createArrayOf("varchar", ids));
            try (ResultSet count = query.executeQuery()) {
                count.next();
                return count.getLong(1);
            }
        }
    }

    /** The next 08:00 in Berlin: the send hour of the tests' DAILY subscribers. */
    static ZonedDateTime nextEightInBerlin() {
        ZonedDateTime berlin = ZonedDateTime.now(ZoneId.of("Europe/Berlin"));
        return berlin.toLocalDate().plusDays(berlin.toLocalTime().isBefore(LocalTime.of(8, 0)) ? 0 : 1)
                .atTime(8, 0).atZone(ZoneId.of("Europe/Berlin"));
    }

    /** A word of letters that no other test uses. */
    static String word(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").chars()
                .mapToObj(c -> String.valueOf((char) (Character.isDigit(c) ? 'g' + c - '0' : c)))
                .reduce("", String::concat);
    }
}
