package dev.paperdigest.notify.digest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A minimal SMTP server that accepts every mail and notes when it received each one (the moment it answers 250 to
 * the end of DATA), by Message-ID: the receipt clock of the INSTANT latency benchmark, with millisecond precision
 * (a mail catcher's received date is the Date header's, in whole seconds).
 */
final class TimestampingSmtpSink implements AutoCloseable {

    private static TimestampingSmtpSink shared;

    private final ServerSocket server;
    private final Map<String, Long> receivedAt = new ConcurrentHashMap<>();

    private TimestampingSmtpSink() throws IOException {
        server = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "timestamping-smtp-sink");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static synchronized TimestampingSmtpSink shared() {
        if (shared == null) {
            try {
                shared = new TimestampingSmtpSink();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return shared;
    }

    int port() {
        return server.getLocalPort();
    }

    /** Epoch milliseconds at which the mail with this Message-ID was accepted, or null. */
    Long receivedAt(String messageId) {
        return receivedAt.get(messageId);
    }

    int received() {
        return receivedAt.size();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread session = new Thread(() -> serve(socket), "smtp-session");
                session.setDaemon(true);
                session.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket; BufferedReader in = new BufferedReader(
                new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
                OutputStream out = socket.getOutputStream()) {
            reply(out, "220 bench ESMTP");
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT) : line;
                switch (command) {
                    case "EHLO" -> reply(out, "250-bench\r\n250 8BITMIME");
                    case "DATA" -> {
                        reply(out, "354 go ahead");
                        String messageId = null;
                        String data;
                        boolean headers = true;
                        while ((data = in.readLine()) != null && !data.equals(".")) {
                            if (headers && data.isEmpty()) {
                                headers = false;
                            } else if (headers && messageId == null
                                    && data.regionMatches(true, 0, "Message-ID:", 0, 11)) {
                                messageId = data.substring(11).strip();
                            }
                        }
                        if (messageId != null) {
                            receivedAt.putIfAbsent(messageId, System.currentTimeMillis());
                        }
                        reply(out, "250 2.0.0 accepted");
                    }
                    case "QUIT" -> {
                        reply(out, "221 bye");
                        return;
                    }
                    default -> reply(out, "250 ok");
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
