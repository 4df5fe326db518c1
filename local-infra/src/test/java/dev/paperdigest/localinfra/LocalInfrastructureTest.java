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

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Properties;

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
    void kafkaBrokerAcceptsConnectionsAndLogs() throws Exception {
        int port = Integer.parseInt(infra.kafka().bootstrapServers().split(":")[1]);
        assertTrue(FreePort.isOpen(port));
        String log = java.nio.file.Files.readString(infra.kafka().logFile());
        assertTrue(log.contains("KafkaRaftServer"), "the broker writes its log");
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
