package dev.paperdigest.notify.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paperdigest.localinfra.CapturedMail;
import dev.paperdigest.localinfra.LocalInfrastructure;
import dev.paperdigest.localinfra.ServiceProcess;
import dev.paperdigest.notify.event.GoldenRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The delivery guarantees of digests (issue 7), each on real PostgreSQL, Kafka and SMTP with the packaged
 * notify-service: two instances side by side on one database and topic, both SIGKILLed while a digest is in the SMTP
 * server's hands and started again, SMTP refusing connections, answering 421 and answering too slowly, and one
 * address refused for good (550). The SMTP server is {@link ProgrammableSmtpRelay}, which relays what it accepts to
 * the mail catcher. Deliveries are counted per (recipient, paper) by the {@code arXiv:<id>} line of each digest's text
 * part: none lost, none doubled, except a digest whose send was in flight at the kill (same Message-ID, logged).
 */
class DigestDeliveryIT {

    private static final String ADMIN_KEY = "delivery-admin-key";
    /** Short, so a killed instance's claimed digests are sent again soon; the send timeout stays below it. */
    private static final String LEASE = "25s";
    /**
     * Not shorter: a send that times out is retried although the server may still take it (a second copy), and a
     * freshly started JVM on a busy machine can take several seconds over its first send.
     */
    private static final String SEND_TIMEOUT = "10s";
    private static final Duration DELIVERY = Duration.ofSeconds(90);
    private static final String IN_FLIGHT_LOG = "send may have been in flight";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern CONFIRM_LINK = Pattern.compile("/confirm/([A-Za-z0-9_-]{32})");
    private static final Pattern DIGEST_ID = Pattern.compile("<digest-(\\d+)@");
    private static final Path LOGS = Path.of("target/e2e-delivery");
    private static final AtomicInteger PAPERS = new AtomicInteger();

    private static LocalInfrastructure infra;
    private static ProgrammableSmtpRelay smtp;
    private static KafkaProducer<String, String> producer;
    private static Map<String, String> env;
    private static ServiceProcess first;
    private static ServiceProcess second;
    private static final List<Path> logFiles = new ArrayList<>();

    @BeforeAll
    static void startStack() {
        infra = LocalInfrastructure.start(LocalInfrastructure.Ports.ANY);
        smtp = ProgrammableSmtpRelay.start(infra.mail().smtpPort());
        env = new LinkedHashMap<>(infra.environment());
        env.put("QUARKUS_MAILER_HOST", "127.0.0.1");
        env.put("QUARKUS_MAILER_PORT", Integer.toString(smtp.port()));
        env.put("PAPERDIGEST_ADMIN_API_KEY", ADMIN_KEY);
        env.put("PAPERDIGEST_DIGEST_INSTANT_WINDOW", "0s"); // INSTANT digests at once
        env.put("PAPERDIGEST_MAIL_LEASE", LEASE);
        env.put("PAPERDIGEST_MAIL_SEND_TIMEOUT", SEND_TIMEOUT);
        env.put("PAPERDIGEST_DIGEST_HARD_FAILURES_BEFORE_SUPPRESSION", "2");
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafka().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), new StringSerializer(), new StringSerializer());
        first = startNotify("notify-1");
        second = startNotify("notify-2");
        first.awaitReady(Duration.ofSeconds(120));
        second.awaitReady(Duration.ofSeconds(120));
    }

    @AfterAll
    static void stopStack() {
        // Each one even when another fails; what failed to stop does not fail the tests.
        LocalInfrastructure.closeAll(null, first, second, producer, smtp, infra);
    }

    /**
     * Two instances side by side send each digest once; then both are SIGKILLed while the SMTP server holds a
     * delivered digest's "250" back (its send in flight), papers keep coming while none runs, and both start again:
     * no match is lost, and the only second copies are of the digests in flight at the kill, with the same Message-ID
     * and the log line saying so.
     */
    @Test
    void sideBySideAndKilledMidSendLoseNothingAndDoubleOnlyTheSendInFlight() throws Exception {
        List<String> readers = List.of("kill-ada@example.org", "kill-grace@example.org", "kill-edsger@example.org");
        for (int i = 0; i < readers.size(); i++) {
            subscribe(i % 2 == 0 ? first : second, readers.get(i), "tokamak");
        }
        List<String> papers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            papers.add(publish("tokamak"));
        }
        awaitDelivered(readers, papers);
        assertExactlyOnce(readers, papers, Set.of());

        // The SMTP server takes the next digests but holds its answer back: SIGKILL both instances meanwhile.
        smtp.replyDelay(Duration.ofSeconds(4));
        for (int i = 0; i < 3; i++) {
            papers.add(publish("tokamak"));
        }
        await().atMost(DELIVERY).pollInterval(Duration.ofMillis(20)).until(() -> !smtp.awaitingReplyIds().isEmpty());
        first.kill();
        second.kill();
        // Delivered, and its sender died before the answer: in flight at the kill.
        Set<String> inFlight = new TreeSet<>(smtp.awaitingReplyIds());
        assertFalse(inFlight.isEmpty(), "a digest in flight at the kill");
        smtp.replyDelay(Duration.ZERO);
        // Papers published while no instance runs wait in Kafka.
        for (int i = 0; i < 2; i++) {
            papers.add(publish("tokamak"));
        }
        first = startNotify("notify-1-restarted");
        second = startNotify("notify-2-restarted");
        first.awaitReady(Duration.ofSeconds(120));
        second.awaitReady(Duration.ofSeconds(120));
        papers.add(publish("tokamak"));

        awaitDelivered(readers, papers);
        // Each digest in flight at the kill goes out again after the lease, recognisably the same mail, and logged.
        await().atMost(DELIVERY).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            for (String messageId : inFlight) {
                assertEquals(2, mailsWithMessageId(messageId), messageId + " sent again after the lease");
                assertTrue(logs().contains("digest " + digestId(messageId) + " was claimed before"),
                        "the resend of " + messageId + " is logged");
            }
        });
        assertTrue(logs().contains(IN_FLIGHT_LOG), "log says the send may have been in flight");
        // Second copies only of digests logged as possibly in flight at the kill (those held above, and any whose
        // answer came just before the kill, before it was marked sent).
        Set<String> loggedResends = new TreeSet<>();
        Matcher logged = Pattern.compile("digest (\\d+) was claimed before").matcher(logs());
        while (logged.find()) {
            loggedResends.add("<digest-" + logged.group(1) + "@localhost>");
        }
        assertTrue(loggedResends.containsAll(inFlight), loggedResends + " covers " + inFlight);
        assertExactlyOnce(readers, papers, loggedResends);
    }

    /**
     * SMTP refusing connections, then answering 421, then slower than the send timeout (then 451): the digests stay
     * pending (visible in the stats with the error), are retried with doubling delays (a slow send no sooner
     * than one more send timeout), the papers.new consumer keeps matching
     * meanwhile (a send never holds it up), and every digest goes out once when SMTP is back.
     */
    @Test
    void smtpDownRefusingOrSlowKeepsDigestsPendingAndSendsEachOnceWhenBack() throws Exception {
        List<String> readers = List.of("outage-alan@example.org", "outage-kurt@example.org");
        for (String reader : readers) {
            subscribe(first, reader, "stellarator");
        }
        List<String> papers = new ArrayList<>();

        smtp.stopListening();
        papers.add(publish("stellarator"));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode stats = stats();
            assertTrue(stats.get("digestsPending").asLong() >= readers.size(), stats.toString());
            assertFalse(stats.get("lastSendErrors").isEmpty(), stats.toString());
        });
        // The consumer is not held up by the mailer: a paper published now is matched while SMTP is away.
        long matched = stats().get("matchedPapers").asLong();
        papers.add(publish("stellarator"));
        await().atMost(Duration.ofSeconds(30)).until(() -> stats().get("matchedPapers").asLong() > matched);
        // Refused again on the first retry (after 2 s), which doubles the next delay.
        await().atMost(Duration.ofSeconds(30)).until(() -> logs().contains("(attempt 2), retry after PT4S"));

        smtp.mode(ProgrammableSmtpRelay.Mode.TEMPORARY_FAILURE);
        smtp.listen();
        await().atMost(Duration.ofSeconds(60)).until(() -> smtp.temporaryRefusals() >= 1);
        smtp.mode(ProgrammableSmtpRelay.Mode.SLOW);
        await().atMost(Duration.ofSeconds(60)).until(() -> smtp.slowAnswers() >= 1);
        long matchedWhileSlow = stats().get("matchedPapers").asLong();
        papers.add(publish("stellarator"));
        await().atMost(Duration.ofSeconds(30)).until(() -> stats().get("matchedPapers").asLong() > matchedWhileSlow);
        for (ServiceProcess service : List.of(first, second)) {
            assertEquals(200, get(service, "/q/health/ready", null).statusCode(), "ready while SMTP is slow");
        }
        smtp.mode(ProgrammableSmtpRelay.Mode.RELAY);

        awaitDelivered(readers, papers);
        await().atMost(Duration.ofSeconds(30)).until(() -> stats().get("digestsPending").asLong() == 0);
        assertExactlyOnce(readers, papers, Set.of());
        String logs = logs();
        assertTrue(logs.contains("(attempt 1), retry after PT2S"), "first retry after 2 s");
        assertTrue(logs.contains("(attempt 2), retry after PT4S"), "second retry after 4 s");
        assertTrue(logs.lines().anyMatch(line -> line.contains("retry after") && line.contains("Connection refused")),
                "a refused connection is retried");
        assertTrue(logs.lines().anyMatch(line -> line.contains("retry after") && line.contains(": 421 ")),
                "a 421 is retried");
        // A send the server leaves unanswered past the send timeout has an unknown outcome: it is retried, but no
        // sooner than one more send timeout (a late success within that would mark it sent).
        assertTrue(logs.contains("no answer from the SMTP server within"), "a slow send is noticed");
        assertTrue(logs.lines().anyMatch(line -> line.contains("retry after") && line.contains("TimeoutException")),
                "a send slower than the send timeout is retried after one more send timeout");
        assertFalse(logs.contains("giving up digest"), "no digest given up for a temporary failure");
    }

    /**
     * A 550 for one address fails that subscriber's digests alone; after two of them the subscriber is suppressed,
     * with the reason in the admin stats and on its manage page and API, and no more mail is tried for it, while
     * the other subscriber of the same topic gets every paper once.
     */
    @Test
    void permanentRefusalOfOneAddressSuppressesItAndLeavesTheOthersUnaffected() throws Exception {
        String bouncing = "bounce-niklaus@example.org";
        String steady = "steady-barbara@example.org";
        String manageToken = subscribe(first, bouncing, "heliosphere");
        subscribe(second, steady, "heliosphere");
        smtp.refuseForGood(bouncing);

        List<String> papers = new ArrayList<>();
        for (int round = 1; round <= 2; round++) {
            papers.add(publish("heliosphere"));
            int refusals = round;
            awaitDelivered(List.of(steady), papers);
            await().atMost(DELIVERY).until(() -> smtp.permanentRefusals() >= refusals);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode stats = stats();
            assertEquals(1, stats.get("subscribersSuppressed").asLong(), stats.toString());
            assertTrue(stats.get("lastSendErrors").toString().contains("550"), stats.toString());
        });
        HttpResponse<String> me = get(first, "/api/subscriptions/me", manageToken);
        assertEquals(200, me.statusCode(), me.body());
        String reason = GoldenRecord.JSON.readTree(me.body()).path("suppressedReason").asText("");
        assertTrue(reason.contains("550"), me.body());
        HttpResponse<String> page = get(second, "/manage/" + manageToken, null);
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("refused our mails for good"), page.body());

        // Suppressed: nothing more is tried for that address; the other subscriber goes on getting digests.
        papers.add(publish("heliosphere"));
        awaitDelivered(List.of(steady), papers);
        assertEquals(2, smtp.permanentRefusals(), "no send tried for the suppressed address");
        assertExactlyOnce(List.of(steady), papers, Set.of());
        assertEquals(1, infra.mail().mailsTo(bouncing).size(), "the refused address only got its confirmation");
    }

    private static ServiceProcess startNotify(String name) {
        Path repository = Path.of("").toAbsolutePath().getParent();
        Path log = LOGS.resolve(name + ".log");
        logFiles.add(log);
        return ServiceProcess.start(repository.resolve("notify-service"), 0, env, log);
    }

    /** Publishes a new paper about {@code word} to papers.new and returns its id. */
    private static String publish(String word) throws Exception {
        String id = String.format("2998.%05d", PAPERS.incrementAndGet());
        producer.send(GoldenRecord.load().variant(id, value -> {
            value.put("title", "Delivery case " + id + ": a " + word + " study");
            value.put("abstract", "We measure the " + word + " once more.");
        })).get(30, TimeUnit.SECONDS);
        return id;
    }

    /** Signs up for INSTANT digests and confirms through the mail's link. @return the manage token */
    private static String subscribe(ServiceProcess service, String email, String topic) throws Exception {
        HttpResponse<String> signUp = post(service, "/api/subscriptions",
                "{\"email\": \"" + email + "\", \"topics\": [\"" + topic + "\"], \"frequency\": \"INSTANT\"}");
        assertEquals(202, signUp.statusCode(), signUp.body());
        await().atMost(Duration.ofSeconds(60)).until(() -> !infra.mail().mailsTo(email).isEmpty());
        Matcher link = CONFIRM_LINK.matcher(infra.mail().mailsTo(email).get(0).text());
        assertTrue(link.find(), "a confirmation link");
        HttpResponse<String> confirmed = post(service, "/api/subscriptions/confirm/" + link.group(1), "");
        assertEquals(200, confirmed.statusCode(), confirmed.body());
        return GoldenRecord.JSON.readTree(confirmed.body()).get("manageToken").asText();
    }

    private static void awaitDelivered(List<String> readers, List<String> papers) {
        await().atMost(DELIVERY).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            for (String reader : readers) {
                Map<String, Integer> got = deliveries(reader);
                for (String paper : papers) {
                    assertTrue(got.getOrDefault(paper, 0) >= 1, reader + " has not got " + paper + " yet");
                }
            }
        });
    }

    /**
     * Every (reader, paper) delivered exactly once, except that a paper of a digest sent again after a kill (one of
     * {@code resentMessageIds}) arrives twice, both copies with that Message-ID.
     */
    private static void assertExactlyOnce(List<String> readers, List<String> papers, Set<String> resentMessageIds) {
        List<String> lost = new ArrayList<>();
        List<String> doubled = new ArrayList<>();
        for (String reader : readers) {
            Map<String, Integer> got = deliveries(reader);
            Map<String, Integer> resent = deliveries(reader, mail -> resentMessageIds.contains(messageId(mail)));
            for (String paper : papers) {
                int count = got.getOrDefault(paper, 0);
                int allowed = resent.getOrDefault(paper, 0) == 2 ? 2 : 1;
                if (count == 0) {
                    lost.add(reader + "/" + paper);
                } else if (count > allowed) {
                    doubled.add(reader + "/" + paper + " x" + count);
                }
            }
        }
        assertEquals(List.of(), lost, "lost deliveries");
        assertEquals(List.of(), doubled, () -> "duplicated deliveries; what the SMTP server saw:\n"
                + String.join("\n", smtp.journal()));
    }

    private static final Pattern ARXIV_LINE = Pattern.compile("arXiv:(\\d{4}\\.\\d{5})\\b");

    /** (paper id → digests naming it) for one recipient, by the arXiv line of each digest's text part. */
    private static Map<String, Integer> deliveries(String reader) {
        return deliveries(reader, mail -> true);
    }

    private static Map<String, Integer> deliveries(String reader, java.util.function.Predicate<CapturedMail> which) {
        Map<String, Integer> counts = new HashMap<>();
        for (CapturedMail mail : infra.mail().mailsTo(reader)) {
            if (mail.text() == null || !which.test(mail)) {
                continue;
            }
            Set<String> named = new TreeSet<>();
            Matcher line = ARXIV_LINE.matcher(mail.text());
            while (line.find()) {
                named.add(line.group(1));
            }
            named.forEach(paper -> counts.merge(paper, 1, Integer::sum));
        }
        return counts;
    }

    private static String messageId(CapturedMail mail) {
        String id = mail.headers().get("Message-ID");
        return id == null ? "" : id.trim();
    }

    private static long mailsWithMessageId(String messageId) {
        return infra.mail().mails().stream().filter(mail -> messageId.equals(messageId(mail))).count();
    }

    private static String digestId(String messageId) {
        Matcher id = DIGEST_ID.matcher(messageId);
        assertTrue(id.find(), "a digest Message-ID: " + messageId);
        return id.group(1);
    }

    /** Everything the notify-service instances of this class logged. */
    private static String logs() {
        return logFiles.stream().map(file -> {
            try {
                return Files.exists(file) ? Files.readString(file) : "";
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).collect(Collectors.joining("\n"));
    }

    private static JsonNode stats() throws Exception {
        HttpResponse<String> stats = get(first, "/api/admin/stats", ADMIN_KEY);
        assertEquals(200, stats.statusCode(), stats.body());
        return GoldenRecord.JSON.readTree(stats.body());
    }

    private static HttpResponse<String> post(ServiceProcess service, String path, String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(service.baseUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + ADMIN_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(ServiceProcess service, String path, String bearer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service.baseUrl() + path))
                .timeout(Duration.ofSeconds(30));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
