package dev.paperdigest.notify.subscription;

import dev.paperdigest.localinfra.CapturedMail;
import dev.paperdigest.notify.RealInfrastructure;
import dev.paperdigest.notify.admin.AdminStatsClient;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/**
 * What a person does to subscribe, through the REST API and their mailbox: sign up, find the confirmation mail,
 * confirm. Each sign-up comes from a client address of its own (X-Forwarded-For, trusted from loopback in tests),
 * so tests do not share the per-client rate limit.
 */
public final class Subscribers {

    public static final String CONFIRM_SUBJECT = "Confirm your paper-digest subscription";
    private static final Pattern CONFIRM_LINK = Pattern.compile("/confirm/([A-Za-z0-9_-]{32})");
    private static final Pattern MANAGE_LINK = Pattern.compile("/manage/([A-Za-z0-9_-]{32})");
    private static final Pattern UNSUBSCRIBE_LINK = Pattern.compile("/unsubscribe/([A-Za-z0-9_-]{32})");

    private Subscribers() {
    }

    /** A fresh address. */
    public static String uniqueEmail(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }

    /** A client address no other sign-up of this run uses. */
    public static String uniqueClient() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255);
    }

    /** POST /api/subscriptions with this JSON body from a client of its own. */
    public static ValidatableResponse signUpJson(String json) {
        return signUpJson(json, uniqueClient());
    }

    public static ValidatableResponse signUpJson(String json, String client) {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", client).body(json)
                .when().post("/api/subscriptions").then();
    }

    /** Signs up with these topics (schedule defaults) and expects 202. */
    public static void signUp(String email, String... topics) {
        signUpFor(email, "DAILY", topics);
    }

    /** Signs up with these topics and frequency (other schedule members default) and expects 202. */
    public static void signUpFor(String email, String frequency, String... topics) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("email", email);
        body.put("topics", List.of(topics));
        body.put("frequency", frequency);
        given().contentType(ContentType.JSON).header("X-Forwarded-For", uniqueClient()).body(body)
                .when().post("/api/subscriptions").then().statusCode(202);
    }

    /**
     * Signs up for INSTANT digests (sent as soon as a paper matches: the test profile gathers for no time), confirms
     * from the mail, and returns the manage token: the subscriber is ACTIVE.
     */
    public static String active(String email, String... topics) {
        signUpFor(email, "INSTANT", topics);
        return confirm(awaitConfirmationToken(email, 1));
    }

    /** Waits until every sign-up made so far has been applied (they are stored, then applied moments later). */
    public static void awaitSignupsApplied() {
        await().atMost(Duration.ofSeconds(30)).until(() -> AdminStatsClient.stat("signupsWaiting") == 0);
    }

    /** POST /api/subscriptions/confirm/{token}; returns the manage token of the answer. */
    public static String confirm(String confirmToken) {
        return given().when().post("/api/subscriptions/confirm/" + confirmToken)
                .then().statusCode(200).extract().path("manageToken");
    }

    /** Waits until {@code count} confirmation mails reached the address; returns the token of the newest. */
    public static String awaitConfirmationToken(String email, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> confirmationMails(email).size() >= count);
        List<CapturedMail> mails = confirmationMails(email);
        return token(CONFIRM_LINK, mails.get(mails.size() - 1).text());
    }

    public static List<CapturedMail> confirmationMails(String email) {
        return RealInfrastructure.infra().mail().mailsTo(email).stream()
                .filter(mail -> CONFIRM_SUBJECT.equals(mail.subject())).toList();
    }

    /** The manage token of a mail's footer link. */
    public static String manageToken(CapturedMail mail) {
        return token(MANAGE_LINK, mail.text());
    }

    /** The unsubscribe token of a mail's footer link. */
    public static String unsubscribeToken(CapturedMail mail) {
        return token(UNSUBSCRIBE_LINK, mail.text());
    }

    private static String token(Pattern link, String text) {
        Matcher matcher = link.matcher(text);
        if (!matcher.find()) {
            throw new AssertionError("no link " + link + " in: " + text);
        }
        return matcher.group(1);
    }
}
