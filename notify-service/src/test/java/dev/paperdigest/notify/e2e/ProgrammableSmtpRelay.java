package dev.paperdigest.notify.e2e;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.SMTPServer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real SMTP server (SubEthaSMTP) in front of the mail catcher, whose answers a test programs: it relays what it
 * accepts to the catcher unchanged (Message-ID included), and can instead refuse connections (stopped), answer 421
 * to every mail, answer slower than the client waits, refuse one address for good (550), or delay its "250" after
 * DATA (so the mail is delivered while the sender still waits: a send in flight).
 */
final class ProgrammableSmtpRelay implements AutoCloseable {

    enum Mode {
        /** Relays every mail to the catcher. */
        RELAY,
        /** 421 to every MAIL FROM: a temporary refusal. */
        TEMPORARY_FAILURE,
        /** Sits on MAIL FROM longer than the sender waits, then 451. */
        SLOW
    }

    /** Longer than the sender's send timeout (DigestDeliveryIT: 10 s). */
    private static final Duration SLOW_ANSWER = Duration.ofSeconds(13);

    private final int port;
    private final Session relaySession;
    private final Set<String> refusedForGood = ConcurrentHashMap.newKeySet();
    private final AtomicInteger temporaryRefusals = new AtomicInteger();
    private final AtomicInteger slowAnswers = new AtomicInteger();
    private final AtomicInteger permanentRefusals = new AtomicInteger();
    private final Set<String> awaitingReply = ConcurrentHashMap.newKeySet();
    private final List<String> journal = java.util.Collections.synchronizedList(new ArrayList<>());
    private volatile Mode mode = Mode.RELAY;
    private volatile Duration replyDelay = Duration.ZERO;
    private SMTPServer server;

    private ProgrammableSmtpRelay(int port, int catcherPort) {
        this.port = port;
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", Integer.toString(catcherPort));
        this.relaySession = Session.getInstance(properties);
    }

    static ProgrammableSmtpRelay start(int catcherPort) {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ProgrammableSmtpRelay relay = new ProgrammableSmtpRelay(port, catcherPort);
        relay.listen();
        return relay;
    }

    int port() {
        return port;
    }

    /** Listens again on the same port (after {@link #stopListening()}). */
    synchronized void listen() {
        if (server != null) {
            return;
        }
        RuntimeException last = null;
        for (int attempt = 0; attempt < 50; attempt++) {
            SMTPServer candidate = SMTPServer.port(port)
                    .bindAddress(InetAddress.getLoopbackAddress())
                    .hostName("relay.test")
                    .messageHandlerFactory(Handler::new)
                    .build();
            try {
                candidate.start();
                server = candidate;
                return;
            } catch (RuntimeException e) {
                last = e; // the port may still be held for a moment after a stop
                sleep(Duration.ofMillis(200));
            }
        }
        throw new IllegalStateException("could not listen on " + port + " again", last);
    }

    /** Closes the port: connections are refused until {@link #listen()}. */
    synchronized void stopListening() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    void mode(Mode mode) {
        this.mode = mode;
    }

    void refuseForGood(String address) {
        refusedForGood.add(address.toLowerCase(Locale.ROOT));
    }

    void replyDelay(Duration delay) {
        this.replyDelay = delay;
    }

    int temporaryRefusals() {
        return temporaryRefusals.get();
    }

    int slowAnswers() {
        return slowAnswers.get();
    }

    int permanentRefusals() {
        return permanentRefusals.get();
    }

    /** Message-IDs of the mails delivered to the catcher whose "250" the sender is still waiting for. */
    Set<String> awaitingReplyIds() {
        return Set.copyOf(awaitingReply);
    }

    /** What the server did, one line per mail relayed or refused (for failure messages). */
    List<String> journal() {
        synchronized (journal) {
            return List.copyOf(journal);
        }
    }

    private void note(String event) {
        journal.add(java.time.Instant.now() + " " + event);
    }

    @Override
    public void close() {
        stopListening();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Handler implements MessageHandler {
        private final List<String> recipients = new ArrayList<>();

        Handler(MessageContext context) {
        }

        @Override
        public void from(String from) throws RejectException {
            switch (mode) {
                case TEMPORARY_FAILURE -> {
                    temporaryRefusals.incrementAndGet();
                    throw new RejectException(421, "4.3.2 Service not available, try again later");
                }
                case SLOW -> {
                    slowAnswers.incrementAndGet();
                    sleep(SLOW_ANSWER);
                    throw new RejectException(451, "4.4.2 Timeout, try again later");
                }
                default -> {
                }
            }
        }

        @Override
        public void recipient(String recipient) throws RejectException {
            if (refusedForGood.contains(recipient.toLowerCase(Locale.ROOT))) {
                permanentRefusals.incrementAndGet();
                note("550 for " + recipient);
                throw new RejectException(550, "5.1.1 <" + recipient + ">: mailbox unavailable");
            }
            recipients.add(recipient);
        }

        @Override
        public String data(InputStream data) throws IOException {
            byte[] bytes = data.readAllBytes();
            try {
                MimeMessage message = new MimeMessage(relaySession, new ByteArrayInputStream(bytes));
                Address[] to = new Address[recipients.size()];
                for (int i = 0; i < to.length; i++) {
                    to[i] = new InternetAddress(recipients.get(i));
                }
                try (Transport transport = relaySession.getTransport("smtp")) {
                    transport.connect();
                    // sendMessage, not Transport.send: the latter would give the mail a new Message-ID.
                    transport.sendMessage(message, to);
                }
            } catch (MessagingException e) {
                throw new IOException("could not relay to the catcher", e);
            }
            String messageId = messageId(bytes);
            note("relayed " + messageId + " to " + recipients);
            Duration delay = replyDelay;
            if (!delay.isZero()) {
                awaitingReply.add(messageId);
                try {
                    sleep(delay);
                } finally {
                    awaitingReply.remove(messageId);
                    note("answered 250 for " + messageId + " after holding it " + delay);
                }
            }
            return null;
        }

        private String messageId(byte[] bytes) {
            try {
                String id = new MimeMessage(relaySession, new ByteArrayInputStream(bytes)).getHeader("Message-ID", null);
                return id == null ? "" : id.trim();
            } catch (MessagingException e) {
                return "";
            }
        }

        @Override
        public void done() {
        }
    }
}
