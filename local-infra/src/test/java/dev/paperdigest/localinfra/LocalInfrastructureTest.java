package dev.paperdigest.localinfra;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The servers a developer and the tests rely on really start, answer, and go away again. */
class LocalInfrastructureTest {

    private static LocalInfrastructure infra;

    @BeforeAll
    static void start() {
        infra = LocalInfrastructure.start(LocalInfrastructure.Ports.ANY);
    }

    @AfterAll
    static void stop() {
        infra.close();
    }

    @Test
    void postgresAnswersQueries() throws Exception {
        try (Connection connection = DriverManager.getConnection(infra.postgres().jdbcUrl(),
                infra.postgres().username(), infra.postgres().password());
                ResultSet rs = connection.createStatement().executeQuery("select version()")) {
            assertTrue(rs.next());
            assertTrue(rs.getString(1).startsWith("PostgreSQL"), rs.getString(1));
        }
    }

    @Test
    void kafkaDeliversARecordToAConsumerGroupAndLogs() throws Exception {
        String topic = "local-infra-check";
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafka().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "2112.10752", "hello")).get(30, TimeUnit.SECONDS);
        }
        // A group consumer commits to __consumer_offsets: proves the single-node internal topics work.
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "local-infra-test",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, String>> received = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 30_000;
            while (received.isEmpty() && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(received::add);
            }
            assertEquals(1, received.size());
            assertEquals("2112.10752", received.get(0).key());
            assertEquals("hello", received.get(0).value());
            consumer.commitSync();
        }
        String log = java.nio.file.Files.readString(infra.kafka().logFile());
        assertTrue(log.contains("KafkaRaftServer"), "the broker writes its log");
    }

    @Test
    void mailboxPageRefusesOtherHostsAndCrossSiteClears() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI clear = URI.create(infra.mail().mailboxUrl() + "clear");
        HttpResponse<String> crossSite = http.send(HttpRequest.newBuilder(clear)
                .header("Origin", "http://evil.example").POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, crossSite.statusCode());
        HttpResponse<String> sameSite = http.send(HttpRequest.newBuilder(clear)
                .header("Origin", infra.mail().mailboxUrl().replaceAll("/$", "")).POST(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(303, sameSite.statusCode());
    }

    @Test
    void mailboxPageShowsACapturedMailWithItsHtmlEscapedInTheList() throws Exception {
        infra.mail().reset();
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", Integer.toString(infra.mail().smtpPort()));
        MimeMessage message = new MimeMessage(Session.getInstance(props));
        message.setFrom(new InternetAddress("digest@paper-digest.local"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress("reader@example.org"));
        message.setSubject("New paper: <Diffusion> & friends");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("plain body", "UTF-8");
        MimeBodyPart html = new MimeBodyPart();
        html.setContent("<p>html <b>body</b></p>", "text/html; charset=UTF-8");
        message.setContent(new MimeMultipart("alternative", text, html));
        Transport.send(message);

        assertEquals(1, infra.mail().mailsTo("reader@example.org").size());
        CapturedMail mail = infra.mail().mails().get(0);
        assertEquals("plain body", mail.text());
        assertEquals("<p>html <b>body</b></p>", mail.html());

        HttpClient http = HttpClient.newHttpClient();
        String list = http.send(HttpRequest.newBuilder(URI.create(infra.mail().mailboxUrl())).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(list.contains("New paper: &lt;Diffusion&gt; &amp; friends"), list);
        assertTrue(list.contains("reader@example.org"));
        assertFalse(list.contains("<Diffusion>"));

        String detail = http.send(HttpRequest.newBuilder(URI.create(infra.mail().mailboxUrl() + "mails/0")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(detail.contains("srcdoc=\"&lt;p&gt;html &lt;b&gt;body&lt;/b&gt;&lt;/p&gt;\""), detail);
        assertTrue(detail.contains("<pre>plain body</pre>"));
    }

    @Test
    void environmentUsesQuarkusVariableNames() {
        assertEquals(infra.kafka().bootstrapServers(), infra.environment().get("KAFKA_BOOTSTRAP_SERVERS"));
        assertEquals(infra.postgres().jdbcUrl(), infra.environment().get("QUARKUS_DATASOURCE_JDBC_URL"));
        assertEquals(Integer.toString(infra.mail().smtpPort()), infra.environment().get("QUARKUS_MAILER_PORT"));
    }
}
