package dev.paperdigest.notify.web;

import dev.paperdigest.localinfra.CapturedMail;
import dev.paperdigest.notify.RealInfrastructure;
import dev.paperdigest.notify.event.GoldenRecord;
import dev.paperdigest.notify.event.PapersTopicClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The web pages in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}), the way a
 * person uses them: sign up, follow the confirmation link of the mail, manage topics, preview a query, unsubscribe
 * from the link of a paper mail, and come back. Screenshots of each page land in {@code target/screenshots/}.
 *
 * <p>Without the browser the test fails on CI (environment variable {@code CI} set) and is skipped elsewhere.
 */
@QuarkusTest
class WebPagesBrowserTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target/screenshots");

    private final GoldenRecord golden = GoldenRecord.load();

    @TestHTTPResource("/")
    URL root;

    private WebDriver browser;
    private ChromeDriverService driverService;

    @BeforeEach
    void startBrowser() throws IOException {
        String missing = "Chromium and its driver are needed (" + CHROMIUM + ", " + CHROMEDRIVER
                + "): apt-get install chromium chromium-driver";
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present && System.getenv("CI") != null) {
            fail(missing);
        }
        assumeTrue(present, missing);
        driverService = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1300",
                "--lang=en-US");
        browser = new ChromeDriver(driverService, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
        if (driverService != null) {
            driverService.stop();
        }
    }

    @Test
    void signUpConfirmManagePreviewUnsubscribeAndComeBack() {
        String word = "browsertopic" + randomLetters(8);
        String email = "browser-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        String earlierTitle = "Scalable " + word + " arrays for fault-tolerant computing";
        publishPaper(earlierTitle);
        awaitPreviewable(word);

        // Sign up.
        browser.get(url("/"));
        assertEquals("Get new papers on your topics by mail", text(By.tagName("h1")));
        screenshot("01-subscribe");
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("topics")).sendKeys("robotics");
        browser.findElement(By.cssSelector("label[for='frequency-INSTANT']")).click();
        new Select(browser.findElement(By.id("sendHour"))).selectByVisibleText("07:00");
        WebElement zone = browser.findElement(By.id("timezone"));
        zone.clear();
        zone.sendKeys("Europe/Berlin");
        clickAndLoad(By.cssSelector("form[action='/'] button[type='submit']"));
        assertEquals("Check your mail", text(By.tagName("h1")));
        assertTrue(text(By.tagName("main")).contains(email));
        screenshot("02-check-your-mail");

        // The link of the confirmation mail, then its button.
        browser.get(linkInMail(email, "Confirm your paper-digest subscription", "/confirm/"));
        assertEquals("Confirm your subscription", text(By.tagName("h1")));
        screenshot("03-confirm");
        clickAndLoad(By.xpath("//button[normalize-space()='Confirm my subscription']"));
        assertEquals("You are subscribed", text(By.tagName("h1")));
        screenshot("04-confirmed");
        clickAndLoad(By.linkText("Manage my subscription"));
        String managePage = browser.getCurrentUrl();

        // Manage: the state of the mail, and the topics as signed up.
        assertEquals("Your subscription", text(By.tagName("h1")));
        assertEquals("Mail: Active", text(By.id("status-heading")));
        assertEquals("No mail sent yet", text(By.id("last-mail")));
        assertEquals("robotics", browser.findElement(By.id("topics")).getAttribute("value"));
        assertTrue(browser.findElement(By.id("frequency-INSTANT")).isSelected());
        assertEquals("07:00", new Select(browser.findElement(By.id("sendHour"))).getFirstSelectedOption().getText());
        assertEquals("Europe/Berlin", browser.findElement(By.id("timezone")).getAttribute("value"));

        // Change the topics and save.
        WebElement topics = browser.findElement(By.id("topics"));
        topics.clear();
        topics.sendKeys(word + "\nrobotics");
        clickAndLoad(By.xpath("//button[normalize-space()='Save changes']"));
        assertEquals("Your changes are saved.", text(By.cssSelector("p.notice")));
        assertEquals(java.util.stream.Stream.of("robotics", word).sorted().toList(), topicLines());

        // Preview a query beside the form: the paper published before is found.
        WebElement query = browser.findElement(By.id("preview"));
        query.sendKeys(word);
        new Select(browser.findElement(By.id("days"))).selectByValue("7");
        clickAndLoad(By.xpath("//button[normalize-space()='Preview']"));
        String preview = text(By.id("preview-result"));
        assertTrue(preview.startsWith("1 paper of the last 7 days matches " + word), preview);
        assertTrue(preview.contains(earlierTitle), preview);
        assertEquals(earlierTitle, text(By.cssSelector("#preview-result ol.papers li .title")));
        screenshot("05-manage-with-preview");
        browser.manage().window().setSize(new Dimension(390, 1400));
        screenshot("05b-manage-phone");
        browser.manage().window().setSize(new Dimension(1280, 1300));

        // A paper that matches now is mailed; its mail carries the unsubscribe link.
        String mailedTitle = "Self-calibrating " + word + " sensors";
        publishPaper(mailedTitle);
        // (an INSTANT digest: the test profile sends it at once)
        String unsubscribeLink = linkInMail(email, "1 new paper on ", "/unsubscribe/");

        // Following the link only shows a button; the subscription is still active.
        browser.get(unsubscribeLink);
        assertEquals("Unsubscribe from paper-digest?", text(By.tagName("h1")));
        screenshot("06-unsubscribe");
        browser.get(managePage);
        assertEquals("Mail: Active", text(By.id("status-heading")));
        assertFalse(text(By.id("last-mail")).contains("No mail sent yet"), text(By.id("last-mail")));

        browser.get(unsubscribeLink);
        clickAndLoad(By.xpath("//button[normalize-space()='Unsubscribe']"));
        assertEquals("You are unsubscribed", text(By.tagName("h1")));
        screenshot("07-unsubscribed");
        browser.get(managePage);
        assertEquals("Mail: Unsubscribed", text(By.id("status-heading")));
        screenshot("08-manage-unsubscribed");

        // The way back.
        browser.get(unsubscribeLink);
        clickAndLoad(By.xpath("//button[normalize-space()='Unsubscribe']"));
        assertEquals("You are unsubscribed", text(By.tagName("h1")));
        clickAndLoad(By.xpath("//button[normalize-space()='Subscribe again']"));
        assertEquals("Welcome back", text(By.tagName("h1")));
        screenshot("09-resubscribed");
        browser.get(managePage);
        assertEquals("Mail: Active", text(By.id("status-heading")));
        assertEquals(java.util.stream.Stream.of("robotics", word).sorted().toList(), topicLines());

        // A link nobody has: a page that says so.
        browser.get(url("/manage/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));
        assertEquals("This link is not valid (any more)", text(By.tagName("h1")));
        screenshot("10-not-found");
    }

    @Test
    void formMistakesAreShownNextToTheirFields() {
        browser.get(url("/"));
        browser.findElement(By.id("email")).sendKeys("not an address");
        browser.findElement(By.id("topics")).sendKeys("fine topic\n*wildcard");
        WebElement zone = browser.findElement(By.id("timezone"));
        zone.clear();
        zone.sendKeys("Moon/Crater");
        clickAndLoad(By.cssSelector("form[action='/'] button[type='submit']"));

        assertTrue(text(By.cssSelector(".error-summary")).startsWith("Please correct the fields"));
        assertFalse(text(By.id("email-error")).isBlank());
        assertTrue(text(By.id("topics-error")).startsWith("Line 2:"), text(By.id("topics-error")));
        assertTrue(text(By.id("timezone-error")).contains("IANA time zone"), text(By.id("timezone-error")));
        assertEquals("not an address", browser.findElement(By.id("email")).getAttribute("value"));
        screenshot("11-subscribe-errors");
    }

    // --- helpers

    /** The lines of the topics textarea, sorted (the page lists topics in the order they were first added). */
    private List<String> topicLines() {
        return browser.findElement(By.id("topics")).getAttribute("value").lines().sorted().toList();
    }

    private String url(String path) {
        String base = root.toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
    }

    /**
     * Clicks what submits a form or follows a link and waits until the browser has replaced the page, so the next
     * lookup never finds an element of the page being left (a stale element).
     */
    private void clickAndLoad(By by) {
        WebElement page = browser.findElement(By.tagName("html"));
        browser.findElement(by).click();
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.stalenessOf(page));
    }

    private String text(By by) {
        return browser.findElement(by).getText().strip();
    }

    /**
     * The first link containing {@code path} of the first mail whose subject starts with {@code subject}, pointed at
     * this test's server instead of the public URL.
     */
    private String linkInMail(String email, String subject, String path) {
        await().atMost(Duration.ofSeconds(60)).until(() -> mail(email, subject) != null);
        CapturedMail mail = mail(email, subject);
        String publicUrl = ConfigProvider.getConfig().getValue("paperdigest.public-url", String.class);
        Matcher link = Pattern.compile(Pattern.quote(publicUrl) + "(" + Pattern.quote(path) + "[A-Za-z0-9_-]+)")
                .matcher(mail.text());
        assertTrue(link.find(), "no " + path + " link in " + mail.text());
        return url(link.group(1));
    }

    private static CapturedMail mail(String email, String subject) {
        List<CapturedMail> mails = RealInfrastructure.infra().mail().mailsTo(email);
        return mails.stream().filter(mail -> mail.subject().startsWith(subject)).findFirst().orElse(null);
    }

    private void publishPaper(String title) {
        PapersTopicClient.send(golden.variant(GoldenRecord.unusedPaperId(), value -> {
            value.put("title", title);
            value.put("abstract", "We study how such devices behave at scale.");
        }));
    }

    /** Waits until the consumer stored the paper, so the preview (which reads stored papers) can find it. */
    private static void awaitPreviewable(String word) {
        await().atMost(Duration.ofSeconds(60)).until(() -> given().queryParam("q", word).queryParam("days", 7)
                .when().get("/api/topics/preview").then().statusCode(200).extract().<Integer>path("count") > 0);
    }

    private void screenshot(String name) {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        try {
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String randomLetters(int count) {
        StringBuilder letters = new StringBuilder();
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int i = 0; i < count; i++) {
            letters.append((char) ('a' + random.nextInt(26)));
        }
        return letters.toString().toLowerCase(Locale.ROOT);
    }
}
