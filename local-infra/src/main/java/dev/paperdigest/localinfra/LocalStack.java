package dev.paperdigest.localinfra;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * The whole stack on one machine with nothing but a JDK: Kafka, PostgreSQL, a mail catcher and both packaged
 * services, until Ctrl-C stops everything it started.
 *
 * <p>Run from the repository root after {@code mvn -DskipTests package}:
 * {@code java -jar local-infra/target/local-infra-launcher.jar}. Ports can be changed with system properties
 * ({@code -Dlocal.kafka.port=...}, see {@link #port(String, int)}).
 */
public final class LocalStack {

    /** The admin API key of the local run; production sets its own through PAPERDIGEST_ADMIN_API_KEY. */
    static final String ADMIN_KEY = "local-admin-key";

    private LocalStack() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("log4j.configuration", "local-stack-log4j.properties");
        Path root = repositoryRoot();
        Path logs = root.resolve("local-infra/target/local-stack");
        Files.createDirectories(logs);

        int ingestPort = port("ingest", 8081);
        int notifyPort = port("notify", 8082);
        LocalInfrastructure.Ports ports = new LocalInfrastructure.Ports(port("kafka", 9092), port("postgres", 15432),
                port("smtp", 2525), port("mailbox", 8025));
        for (int wanted : List.of(ingestPort, notifyPort, ports.kafka(), ports.postgres(), ports.smtp(), ports.mailbox())) {
            if (FreePort.isInUse(wanted)) {
                System.err.println("Port " + wanted + " is already in use. Stop what uses it, or choose other ports, "
                        + "e.g. java -Dlocal.kafka.port=19092 -jar local-infra/target/local-infra-launcher.jar");
                System.exit(2);
            }
        }

        // Registered first, so whatever has started by the time of Ctrl-C (or of a failure) is stopped again.
        List<AutoCloseable> started = new CopyOnWriteArrayList<>();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping ...");
            // Services first, so they do not log the loss of Kafka and the database on their way out.
            List<AutoCloseable> reversed = new ArrayList<>(started);
            Collections.reverse(reversed);
            RuntimeException failure = LocalInfrastructure.closeAll(null, reversed.toArray(AutoCloseable[]::new));
            System.out.println(failure == null ? "Stopped." : "Stopped, with an error: " + failure);
            stopped.countDown();
        }, "local-stack-shutdown"));

        try {
            System.out.println("Starting PostgreSQL, Kafka and the mail catcher ...");
            LocalInfrastructure infra = LocalInfrastructure.start(ports, true);
            started.add(infra);

            Map<String, String> env = new LinkedHashMap<>(infra.environment());
            env.put("PAPERDIGEST_ADMIN_API_KEY", ADMIN_KEY);
            env.put("PAPERDIGEST_PUBLIC_URL", "http://localhost:" + notifyPort);

            System.out.println("Starting ingest-service and notify-service ...");
            ServiceProcess ingest = ServiceProcess.start(root.resolve("ingest-service"), ingestPort, env,
                    logs.resolve("ingest-service.log"));
            started.add(ingest);
            ServiceProcess notify = ServiceProcess.start(root.resolve("notify-service"), notifyPort, env,
                    logs.resolve("notify-service.log"));
            started.add(notify);
            ingest.awaitReady(Duration.ofSeconds(90));
            notify.awaitReady(Duration.ofSeconds(90));
            System.out.println(banner(infra, ingest, notify, logs));
        } catch (RuntimeException e) {
            System.err.println("Could not start the stack: " + e.getMessage());
            System.exit(1); // runs the shutdown hook
        }
        stopped.await();
    }

    private static String banner(LocalInfrastructure infra, ServiceProcess ingest, ServiceProcess notify, Path logs) {
        return String.join("\n",
                "",
                "paper-digest is running (Ctrl-C stops everything).",
                "  ingest-service   " + ingest.baseUrl() + "   (API docs: " + ingest.baseUrl() + "/q/swagger-ui)",
                "  notify-service   " + notify.baseUrl() + "   (API docs: " + notify.baseUrl() + "/q/swagger-ui)",
                "  mailbox          " + infra.mail().mailboxUrl() + "   (every mail sent, SMTP on port "
                        + infra.mail().smtpPort() + ")",
                "  admin API key    " + ADMIN_KEY,
                "  Kafka            " + infra.kafka().bootstrapServers(),
                "  PostgreSQL       " + infra.postgres().jdbcUrl() + " (user " + infra.postgres().username() + ")",
                "  service logs     " + logs,
                "");
    }

    /** A port from {@code -Dlocal.<name>.port}, else the default. */
    static int port(String name, int fallback) {
        return Integer.getInteger("local." + name + ".port", fallback);
    }

    /** The repository root: two levels above local-infra/target/local-infra-launcher.jar. */
    private static Path repositoryRoot() throws URISyntaxException {
        Path jar = Path.of(LocalStack.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path root = jar.getParent().getParent().getParent();
        if (!Files.isDirectory(root.resolve("ingest-service")) || !Files.isDirectory(root.resolve("notify-service"))) {
            throw new IllegalStateException("cannot find the services next to " + jar);
        }
        return root;
    }
}
