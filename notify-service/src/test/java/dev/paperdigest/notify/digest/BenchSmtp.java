package dev.paperdigest.notify.digest;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Postfix's {@code smtp-sink} (an SMTP server that accepts and discards every mail) and {@code smtp-source} (a load
 * generator), for the digest benchmarks: the sink the service sends to, and the raw rate of the same sink on the same
 * machine. Debian package {@code postfix}: {@code apt-get install postfix}.
 */
final class BenchSmtp {

    static final Path SINK = Path.of("/usr/sbin/smtp-sink");
    static final Path SOURCE = Path.of("/usr/sbin/smtp-source");

    private static BenchSmtp shared;

    private final int port;
    private final Process process;

    private BenchSmtp(int port, Process process) {
        this.port = port;
        this.process = process;
    }

    /** Fails with how to install them when Postfix's tools are missing. */
    static void requireTools() {
        if (!Files.isExecutable(SINK) || !Files.isExecutable(SOURCE)) {
            throw new IllegalStateException("this benchmark needs Postfix's " + SINK + " and " + SOURCE
                    + " (Debian package postfix): apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y postfix");
        }
    }

    /** One smtp-sink for the whole JVM (the service's mailer is configured with its port before Quarkus starts). */
    static synchronized BenchSmtp shared() {
        if (shared == null) {
            requireTools();
            int port = freePort();
            List<String> command = new ArrayList<>(List.of(SINK.toString()));
            if ("root".equals(System.getProperty("user.name"))) {
                command.addAll(List.of("-u", "nobody")); // smtp-sink refuses to run as root otherwise
            }
            command.addAll(List.of("127.0.0.1:" + port, "1024"));
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                shared = new BenchSmtp(port, process);
                Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
                awaitListening(port);
            } catch (IOException e) {
                throw new IllegalStateException("could not start " + command, e);
            }
        }
        return shared;
    }

    int port() {
        return port;
    }

    /**
     * smtp-source against the same sink: {@code messages} mails of {@code bytes} each over {@code sessions} parallel
     * connections, each connection kept open for the next mail ({@code -d}, as the service's mail client pool does).
     *
     * @return mails per second
     */
    double rawRate(int sessions, int messages, int bytes) {
        List<String> command = List.of(SOURCE.toString(), "-d", "-s", String.valueOf(sessions), "-m",
                String.valueOf(messages), "-l", String.valueOf(bytes), "-f", "bench@paperdigest.local", "-t",
                "reader@example.org", "127.0.0.1:" + port);
        try {
            long start = System.nanoTime();
            Process source = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(source.getInputStream().readAllBytes());
            if (!source.waitFor(10, TimeUnit.MINUTES) || source.exitValue() != 0) {
                throw new IllegalStateException(command + " failed: " + output);
            }
            return messages / ((System.nanoTime() - start) / 1e9);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitListening(int port) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        throw new IllegalStateException("smtp-sink did not listen on " + port);
    }
}
