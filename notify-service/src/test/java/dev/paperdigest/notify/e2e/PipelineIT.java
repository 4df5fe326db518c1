package dev.paperdigest.notify.e2e;

import dev.paperdigest.localinfra.CapturedMail;
import dev.paperdigest.localinfra.LocalInfrastructure;
import dev.paperdigest.localinfra.ServiceProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Both packaged services (target/quarkus-app) as separate JVMs on one real Kafka, PostgreSQL and SMTP server:
 * what a user of the local run sees, from subscription to mail.
 */
class PipelineIT {

    private static final String ADMIN_KEY = "e2e-admin-key";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern CONFIRM_LINK = Pattern.compile("/confirm/([A-Za-z0-9_-]{32})");

    private static LocalInfrastructure infra;
    private static ServiceProcess ingest;
    private static ServiceProcess notify;

    @BeforeAll
    static void startStack() {
        infra = LocalInfrastructure.start(LocalInfrastructure.Ports.ANY);
        Map<String, String> env = new LinkedHashMap<>(infra.environment());
        env.put("PAPERDIGEST_ADMIN_API_KEY", ADMIN_KEY);
        env.put("INGEST_BACKFILL_DAYS", "0"); // no feed runs against the public hosts: papers come through the API
        env.put("PAPERDIGEST_DIGEST_INSTANT_WINDOW", "0s"); // INSTANT digests at once, not after a minute
        Path repository = Path.of("").toAbsolutePath().getParent();
        Path logs = Path.of("target/e2e");
        ingest = ServiceProcess.start(repository.resolve("ingest-service"), 0, env, logs.resolve("ingest-service.log"));
        notify = ServiceProcess.start(repository.resolve("notify-service"), 0, env, logs.resolve("notify-service.log"));
        ingest.awaitReady(Duration.ofSeconds(120));
        notify.awaitReady(Duration.ofSeconds(120));
    }

    @AfterAll
    static void stopStack() {
        // Each one even when another fails; what failed to stop does not fail the tests.
        LocalInfrastructure.closeAll(null, notify, ingest, infra);
    }

    @Test
    void subscriberGetsOneMailForAMatchingPaperEvenWhenItIsPostedTwice() throws Exception {
        String email = "e2e-reader@example.org";
        assertEquals(202, post(notify, "/api/subscriptions",
                "{\"email\": \"" + email + "\", \"topics\": [\"diffusion\"], \"frequency\": \"INSTANT\"}").statusCode());
        // Double opt-in: the link of the confirmation mail, confirmed the way its page's button does.
        await().atMost(Duration.ofSeconds(60)).until(() -> infra.mail().mailsTo(email).size() == 1);
        Matcher link = CONFIRM_LINK.matcher(infra.mail().mailsTo(email).get(0).text());
        assertTrue(link.find(), "a confirmation link");
        HttpResponse<String> confirmed = post(notify, "/api/subscriptions/confirm/" + link.group(1), "");
        assertEquals(200, confirmed.statusCode(), confirmed.body());

        String paper = paperJson("2112.10752", "High-Resolution Image Synthesis with Latent Diffusion Models",
                "By decomposing the image formation process into denoising autoencoders, diffusion models achieve "
                        + "state-of-the-art synthesis results.");
        HttpResponse<String> first = post(ingest, "/api/papers", paper);
        assertEquals(202, first.statusCode(), first.body());
        assertTrue(first.body().contains("\"new\":1"), first.body());

        await().atMost(Duration.ofSeconds(60)).until(() -> infra.mail().mailsTo(email).size() == 2);
        CapturedMail mail = infra.mail().mailsTo(email).get(1);
        assertEquals("1 new paper on diffusion", mail.subject());
        assertTrue(mail.html().contains("High-Resolution Image Synthesis with Latent <mark>Diffusion</mark> Models"),
                mail.html());

        HttpResponse<String> again = post(ingest, "/api/papers", paper);
        assertEquals(202, again.statusCode(), again.body());
        assertTrue(again.body().contains("\"alreadyKnown\":1"), again.body());

        // A later matching paper travels the same single-partition path: once its mail is in, anything the re-post
        // could have caused would have arrived before it.
        assertEquals(202, post(ingest, "/api/papers", paperJson("2006.11239", "Denoising Diffusion Probabilistic Models",
                "We present high quality image synthesis results using diffusion probabilistic models.")).statusCode());
        await().atMost(Duration.ofSeconds(60)).until(() -> infra.mail().mailsTo(email).size() == 3);

        List<String> texts = infra.mail().mailsTo(email).stream().map(CapturedMail::text).toList();
        assertEquals(1, texts.stream().filter(t -> t.contains("arXiv:2112.10752")).count(), texts.toString());
        assertEquals(1, texts.stream().filter(t -> t.contains("arXiv:2006.11239")).count(), texts.toString());
    }

    private static String paperJson(String id, String title, String abstractText) {
        return "{\"id\": \"" + id + "\", \"title\": \"" + title + "\", \"abstract\": \"" + abstractText
                + "\", \"authors\": [\"A. Author\"], \"categories\": [\"cs.CV\"]}";
    }

    private static HttpResponse<String> post(ServiceProcess service, String path, String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(service.baseUrl() + path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + ADMIN_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
