package dev.paperdigest.localinfra;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * The whole stack on one machine with nothing but a JDK: Kafka, PostgreSQL, a mail catcher and both packaged
 * services, until Ctrl-C stops everything it started.
 *
 * <p>Run from the repository root after {@code mvn -DskipTests package}:
 * {@code java -jar local-infra/target/local-infra-launcher.jar [--data-dir DIR] [--fresh]}. PostgreSQL's data and the
 * Kafka log are kept in the data directory ({@code ./data} by default), so subscribers, papers and pending digests
 * survive a restart; {@code --fresh} starts from empty. Each start logs into a directory of its own under
 * {@code DIR/logs}. Ports can be changed with system properties ({@code -Dlocal.kafka.port=...}, see
 * {@link #port(String, int)}).
 */
public final class LocalStack {

    /** The admin API key of the local run; production sets its own through PAPERDIGEST_ADMIN_API_KEY. */
    static final String ADMIN_KEY = "local-admin-key";

    /** Held until the JVM exits (the OS releases it then), so a second start with the same data is refused. */
    private static DataDirectoryLock dataLock;

    private LocalStack() {
    }

    static final String USAGE = "usage: java -jar local-infra/target/local-infra-launcher.jar [--data-dir DIR] [--fresh]\n"
            + "  --data-dir DIR  where PostgreSQL's data, the Kafka log and the logs of each start are kept (./data)\n"
            + "  --fresh         delete the kept data first and start empty";

    /** The command line: where the data lives, and whether to start empty. */
    record Options(Path dataDir, boolean fresh) {

        static Options parse(String... args) {
            Path dataDir = Path.of("data");
            boolean fresh = false;
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (arg.equals("--fresh")) {
                    fresh = true;
                } else if (arg.equals("--data-dir") && i + 1 < args.length) {
                    dataDir = Path.of(args[++i]);
                } else if (arg.startsWith("--data-dir=")) {
                    dataDir = Path.of(arg.substring("--data-dir=".length()));
                } else {
                    throw new IllegalArgumentException("unknown argument " + arg);
                }
            }
            return new Options(dataDir.toAbsolutePath().normalize(), fresh);
        }
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("log4j.configuration", "local-stack-log4j.properties");
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage() + "\n" + USAGE);
            System.exit(2);
            return;
        }
        Path root = repositoryRoot();
        Path dataDir = options.dataDir();
        Optional<DataDirectoryLock> lock = DataDirectoryLock.tryAcquire(dataDir);
        dataLock = lock.orElse(null);
        if (lock.isEmpty()) {
            System.err.println("paper-digest is already running with its data in " + dataDir
                    + DataDirectoryLock.holder(dataDir).map(pid -> " (process " + pid + ")").orElse("")
                    + ". Stop it first (Ctrl-C where it runs), or start another one with --data-dir and other ports.");
            System.exit(2);
        }
        if (options.fresh()) {
            System.out.println("Starting fresh: deleting the kept data in " + dataDir);
            Directories.deleteRecursively(dataDir.resolve("postgres"));
            Directories.deleteRecursively(dataDir.resolve("kafka"));
        }
        Path logs = dataDir.resolve("logs").resolve(
                LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString().replace(':', '-'));
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
            LocalInfrastructure infra = LocalInfrastructure.startKept(dataDir, logs, ports, true);
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
            System.out.println(banner(infra, ingest, notify, dataDir, logs));
        } catch (RuntimeException e) {
            System.err.println("Could not start the stack: " + e.getMessage());
            System.exit(1); // runs the shutdown hook
        }
        stopped.await();
    }

    private static String banner(LocalInfrastructure infra, ServiceProcess ingest, ServiceProcess notify, Path dataDir,
            Path logs) {
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
                "  data             " + dataDir + "   (kept across restarts; --fresh starts empty)",
                "  logs             " + logs,
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
