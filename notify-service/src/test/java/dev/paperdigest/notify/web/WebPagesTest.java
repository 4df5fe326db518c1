package dev.paperdigest.notify.web;

import dev.paperdigest.localinfra.CapturedMail;
import dev.paperdigest.notify.RealInfrastructure;
import dev.paperdigest.notify.security.ManageTokenVerifier;
import dev.paperdigest.notify.subscription.AccessTokens;
import dev.paperdigest.notify.subscription.TokenPurpose;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The HTML pages over plain HTTP: status codes, what they show, that following a link changes nothing, the RFC 8058
 * one-click POST, 404 pages for tokens nobody has, labelled fields and escaping. {@link WebPagesBrowserTest}
 * walks the same pages in a real browser.
 */
@QuarkusTest
class WebPagesTest {

    private static final Pattern CONFIRM_LINK = Pattern.compile("/confirm/([A-Za-z0-9_-]{32})");
    private static final Pattern MANAGE_LINK = Pattern.compile("href=\"/manage/([A-Za-z0-9_-]{32})\"");
    /** Well-formed like a real token, but nobody has it. */
    private static final String UNKNOWN_TOKEN = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

    @Inject
    AccessTokens tokens;

    @Inject
    ManageTokenVerifier verifier;

    @Test
    void subscribePageLabelsEveryFieldAndLoadsOnlyItsOwnStylesheet() {
        String html = page().when().get("/").then().statusCode(200)
                .contentType(containsString("text/html"))
                .header("Set-Cookie", nullValue())
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .extract().asString();

        assertEveryFieldLabelled(html);
        for (String name : List.of("email", "topics", "frequency", "timezone", "sendHour", "weekday")) {
            assertTrue(html.contains("name=\"" + name + "\""), "field " + name);
        }
        assertTrue(html.contains("<datalist id=\"timezones\">"), html);
        assertTrue(html.contains("<option value=\"Europe/Berlin\">"), html);
        assertTrue(html.contains("<form method=\"post\" action=\"/\""), html);
        assertFalse(html.contains("<script"), "no JavaScript needed");
        assertFalse(html.matches("(?s).*(src|href)=\"(https?:)?//.*"), "nothing loaded from elsewhere");
        assertTrue(html.contains("href=\"/style.css\""), html);
        given().when().get("/style.css").then().statusCode(200).contentType(containsString("text/css"));
    }

    @Test
    void aFormWithMistakesComesBackWith400EscapedAndEachMessageByItsField() {
        String html = page().formParams(Map.of(
                        "email", "not-an-address<b>",
                        "topics", "diffusion\n\n<script>alert('x')</script>",
                        "frequency", "HOURLY", "timezone", "Mars/Olympus", "sendHour", "25", "weekday", "MONDAY"))
                .when().post("/").then().statusCode(400).contentType(containsString("text/html"))
                .extract().asString();

        assertFalse(html.contains("<script>alert"), "typed text is escaped: " + html);
        assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"), html);
        assertTrue(html.contains("value=\"not-an-address&lt;b&gt;\""), "the form keeps what was typed: " + html);
        for (String field : List.of("email", "topics", "frequency", "timezone", "sendHour")) {
            assertTrue(html.contains("id=\"" + field + "-error\""), "message next to " + field + ": " + html);
        }
        assertTrue(html.contains("Line 3: "), "names the textarea line of the bad topic: " + html);
        assertEveryFieldLabelled(html);
    }

    @Test
    void signingUpShowsCheckYourMailAndTheMailedLinkConfirmsOnlyWithTheButton() {
        String email = uniqueEmail("page-signup");
        page().formParams(Map.of("email", email, "topics", "graph neural networks\n<script>",
                        "frequency", "WEEKLY", "timezone", "Europe/Berlin", "sendHour", "7", "weekday", "FRIDAY"))
                .when().post("/").then().statusCode(200)
                .body(containsString("Check your mail"))
                .body(containsString(email));
        String confirmToken = confirmToken(email);

        String confirmPage = page().when().get("/confirm/" + confirmToken).then().statusCode(200)
                .extract().asString();
        assertTrue(confirmPage.contains("<form method=\"post\" action=\"/confirm/" + confirmToken + "\">"), confirmPage);

        String confirmed = page().when().post("/confirm/" + confirmToken).then().statusCode(200)
                .body(containsString("You are subscribed")).extract().asString();
        Matcher manage = MANAGE_LINK.matcher(confirmed);
        assertTrue(manage.find(), confirmed);

        String managePage = page().when().get("/manage/" + manage.group(1)).then().statusCode(200)
                .header("Cache-Control", containsString("no-store"))
                .body(containsString("Mail: Active"))
                .body(containsString(email))
                .extract().asString();
        assertFalse(managePage.contains("<script>"), managePage);
        assertTrue(managePage.contains("graph neural networks\n&lt;script&gt;</textarea>"), managePage);
        assertTrue(managePage.contains("value=\"WEEKLY\" checked"), managePage);
        assertTrue(managePage.contains("<option value=\"7\" selected>07:00</option>"), managePage);
        assertTrue(managePage.contains("<option value=\"FRIDAY\" selected>Friday</option>"), managePage);
        assertTrue(managePage.contains("value=\"Europe/Berlin\""), managePage);
        assertTrue(managePage.contains("Next mail due"), "a weekly digest has a due time: " + managePage);
        assertEveryFieldLabelled(managePage);
    }

    @Test
    void followingTheUnsubscribeLinkChangesNothingAndTheOneClickPostUnsubscribesWith200() {
        Subscriber subscriber = confirmedSubscriber("one-click", "photonic crystals");
        String unsubscribe = subscriber.unsubscribeToken();

        page().when().get("/unsubscribe/" + unsubscribe).then().statusCode(200)
                .body(containsString("<form method=\"post\" action=\"/unsubscribe/" + unsubscribe + "\">"));
        page().when().get("/manage/" + subscriber.manageToken()).then().statusCode(200)
                .body(containsString("Mail: Active"));

        // What a mail client does for RFC 8058: no cookie, no credentials, this body; it must not be redirected.
        ExtractableResponse<Response> oneClick = given().redirects().follow(false)
                .contentType(ContentType.URLENC.withCharset("UTF-8"))
                .body("List-Unsubscribe=One-Click")
                .when().post("/unsubscribe/" + unsubscribe).then().extract();
        assertEquals(200, oneClick.statusCode());
        assertEquals(null, oneClick.header("Location"));
        assertEquals(null, oneClick.header("Set-Cookie"));
        assertTrue(oneClick.asString().contains("You are unsubscribed"), oneClick.asString());
        assertTrue(oneClick.asString().contains("action=\"/resubscribe/" + unsubscribe + "\""), "the way back");
        page().when().get("/manage/" + subscriber.manageToken()).then().statusCode(200)
                .body(containsString("Mail: Unsubscribed"));

        // Twice is harmless, and the way back works.
        page().when().post("/unsubscribe/" + unsubscribe).then().statusCode(200);
        page().when().post("/resubscribe/" + unsubscribe).then().statusCode(200)
                .body(containsString("You are subscribed again"));
        page().when().get("/manage/" + subscriber.manageToken()).then().statusCode(200)
                .body(containsString("Mail: Active"));
    }

    @Test
    void linksWithTokensNobodyHasAre404PagesThatRevealNothing() {
        for (String token : List.of(UNKNOWN_TOKEN, "short", "x".repeat(300), "%3Cscript%3E")) {
            for (String path : List.of("/confirm/", "/manage/", "/unsubscribe/")) {
                assertNotFoundPage(page().when().get(path + token).then().extract());
            }
            for (String path : List.of("/confirm/", "/manage/", "/unsubscribe/", "/resubscribe/")) {
                assertNotFoundPage(page().when().post(path + token).then().extract());
            }
            assertNotFoundPage(page().formParams(Map.of("topics", "x")).when().post("/manage/" + token).then().extract());
            assertNotFoundPage(page().formParams(Map.of("confirm", "yes")).when().post("/manage/" + token + "/delete")
                    .then().extract());
        }
        // A token of one purpose opens nothing else.
        Subscriber subscriber = confirmedSubscriber("purpose", "superconductors");
        assertNotFoundPage(page().when().get("/unsubscribe/" + subscriber.manageToken()).then().extract());
        assertNotFoundPage(page().when().get("/manage/" + subscriber.unsubscribeToken()).then().extract());
        assertNotFoundPage(page().when().post("/confirm/" + subscriber.manageToken()).then().extract());
    }

    @Test
    void managePageSavesPreviewsAndDeletes() {
        Subscriber subscriber = confirmedSubscriber("manage", "quantum annealing");
        String manage = "/manage/" + subscriber.manageToken();

        String invalid = page().formParams(Map.of("topics", "ok topic\n*wild", "frequency", "DAILY",
                        "timezone", "UTC", "sendHour", "9", "weekday", "MONDAY"))
                .when().post(manage).then().statusCode(400).extract().asString();
        assertTrue(invalid.contains("id=\"topics-error\""), invalid);
        assertTrue(invalid.contains("Line 2: "), invalid);
        assertTrue(invalid.contains("Nothing was saved"), invalid);
        page().when().get(manage).then().body(containsString("quantum annealing</textarea>"));

        page().redirects().follow(false)
                .formParams(Map.of("topics", "quantum annealing\nspin glasses", "frequency", "INSTANT",
                        "timezone", "Asia/Tokyo", "sendHour", "21", "weekday", "SUNDAY"))
                .when().post(manage).then().statusCode(303)
                .header("Location", containsString(manage + "?saved=1"));
        String saved = page().when().get(manage + "?saved=1").then().statusCode(200).extract().asString();
        assertTrue(saved.contains("Your changes are saved."), saved);
        assertTrue(saved.contains("quantum annealing\nspin glasses</textarea>"), saved);
        assertTrue(saved.contains("value=\"INSTANT\" checked"), saved);
        assertTrue(saved.contains("<option value=\"21\" selected>"), saved);
        assertTrue(saved.contains("value=\"Asia/Tokyo\""), saved);
        assertFalse(saved.contains("Next mail due"), "INSTANT has no due time");

        page().queryParam("preview", "spin glasses").queryParam("days", "30").when().get(manage).then()
                .statusCode(200)
                .body(containsString("id=\"preview-result\""))
                .body(containsString("<code>spin glasses</code>"));
        page().queryParam("preview", "<b>*bad").when().get(manage).then().statusCode(200)
                .body(containsString("id=\"preview-error\""))
                .body(not(containsString("<b>*bad")))
                .body(containsString("value=\"&lt;b&gt;*bad\""));
        page().queryParam("preview", "spin").queryParam("days", "99").when().get(manage).then().statusCode(200)
                .body(containsString("Days: must be a whole number of days from 1 to 30"));

        page().redirects().follow(false).when().post(manage + "/unsubscribe").then().statusCode(303);
        page().when().get(manage).then().body(containsString("Mail: Unsubscribed"));
        page().redirects().follow(false).when().post(manage + "/resubscribe").then().statusCode(303);
        page().when().get(manage).then().body(containsString("Mail: Active"));

        page().when().post(manage + "/delete").then().statusCode(400).body(containsString("id=\"confirm-error\""));
        page().formParams(Map.of("confirm", "yes")).when().post(manage + "/delete").then().statusCode(200)
                .body(containsString("Your subscription is deleted"));
        assertNotFoundPage(page().when().get(manage).then().extract());
    }

    @Test
    void tooManySignUpsForOneAddressGetAFriendly429PageWithRetryAfter() {
        String email = uniqueEmail("limit");
        Map<String, String> form = Map.of("email", email, "topics", "dark matter");
        ExtractableResponse<Response> last = null;
        for (int signUp = 0; signUp < 10; signUp++) {
            last = page().formParams(form).when().post("/").then().extract();
            if (last.statusCode() == 429) {
                break;
            }
            assertEquals(200, last.statusCode());
        }
        assertEquals(429, last.statusCode());
        assertTrue(Long.parseLong(last.header("Retry-After")) > 0);
        assertTrue(last.contentType().startsWith("text/html"), last.contentType());
        assertTrue(last.asString().contains("Too many sign-ups"), last.asString());
    }

    // --- helpers

    /** A request from a client address of its own (sign-ups are limited per client). */
    static RequestSpecification page() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return given().header("X-Forwarded-For", "10." + random.nextInt(1, 255) + "." + random.nextInt(0, 255) + "."
                + random.nextInt(1, 255));
    }

    record Subscriber(String email, long id, String manageToken, String unsubscribeToken) {
    }

    /** Signed up over the API and confirmed from the mailed link; with a freshly minted unsubscribe token. */
    private Subscriber confirmedSubscriber(String prefix, String topic) {
        String email = uniqueEmail(prefix);
        page().contentType(ContentType.JSON).body(Map.of("email", email, "topics", List.of(topic)))
                .when().post("/api/subscriptions").then().statusCode(202);
        String manageToken = page().when().post("/api/subscriptions/confirm/" + confirmToken(email)).then()
                .statusCode(200).extract().path("manageToken");
        long id = verifier.subscriberId(manageToken).orElseThrow();
        String unsubscribeToken = QuarkusTransaction.requiringNew().call(() -> tokens.mint(id, TokenPurpose.UNSUBSCRIBE));
        return new Subscriber(email, id, manageToken, unsubscribeToken);
    }

    static String confirmToken(String email) {
        await().atMost(Duration.ofSeconds(60)).until(() -> !RealInfrastructure.infra().mail().mailsTo(email).isEmpty());
        CapturedMail mail = RealInfrastructure.infra().mail().mailsTo(email).get(0);
        assertEquals("Confirm your paper-digest subscription", mail.subject());
        Matcher link = CONFIRM_LINK.matcher(mail.text());
        assertTrue(link.find(), mail.text());
        return link.group(1);
    }

    static String uniqueEmail(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }

    private static void assertNotFoundPage(ExtractableResponse<Response> response) {
        assertEquals(404, response.statusCode(), response.asString());
        assertTrue(response.contentType().startsWith("text/html"), response.contentType());
        assertTrue(response.asString().contains("This link is not valid (any more)"), response.asString());
    }

    /** Every input, select and textarea (but buttons and hidden ones) has an id that a label names. */
    static void assertEveryFieldLabelled(String html) {
        Set<String> labelled = new HashSet<>();
        Matcher label = Pattern.compile("<label for=\"([^\"]+)\"").matcher(html);
        while (label.find()) {
            labelled.add(label.group(1));
        }
        Matcher field = Pattern.compile("<(input|select|textarea)\\b([^>]*)>").matcher(html);
        int fields = 0;
        while (field.find()) {
            String attributes = field.group(2);
            if (attributes.contains("type=\"hidden\"") || attributes.contains("type=\"submit\"")) {
                continue;
            }
            Matcher id = Pattern.compile("\\bid=\"([^\"]+)\"").matcher(attributes);
            assertTrue(id.find(), "a field without id: " + field.group());
            assertTrue(labelled.contains(id.group(1)), "no <label for> names " + field.group());
            fields++;
        }
        assertTrue(fields >= 6, "found " + fields + " fields in " + html);
    }
}
