package dev.paperdigest.localinfra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node Kafka broker (KRaft, combined broker + controller) running in its own JVM, launched from the
 * Maven Central artifact kafka_2.13 whose jar paths the build wrote to {@code kafka-broker.classpath}.
 *
 * <p>The broker can be {@linkplain #stop() stopped} and {@linkplain #start() started} again on the same ports and log
 * directory, topics, records and committed offsets kept, so that tests can take Kafka away from running services.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final Path workDir;
    private final Path config;
    private final int port;
    private final Path logFile;
    private volatile Process process;

    private KafkaBroker(Path workDir, Path config, int port, Path logFile) {
        this.workDir = workDir;
        this.config = config;
        this.port = port;
        this.logFile = logFile;
    }

    /**
     * Formats storage in {@code workDir} (unless formatted already) and starts the broker; returns once it accepts
     * connections. Its log goes to {@code workDir}.
     *
     * @param port the client port, or 0 for any free port
     */
    public static KafkaBroker start(Path workDir, int port) {
        return start(workDir, port, workDir);
    }

    /**
     * As {@link #start(Path, int)}, logging into {@code logDir}. A log directory that holds a broker's data already
     * is started again with its topics, records and committed offsets, on the controller port it was formatted
     * with.
     */
    public static KafkaBroker start(Path workDir, int port, Path logDir) {
        try {
            Files.createDirectories(workDir);
            Files.createDirectories(logDir);
            int clientPort = FreePort.orAny(port);
            int controllerPort = controllerPort(workDir);
            Path config = writeConfig(workDir, clientPort, controllerPort);
            Path logFile = logDir.resolve("broker.log");

            if (!Files.exists(workDir.resolve("data").resolve("meta.properties"))) {
                format(workDir, config, logDir.resolve("format.log"));
            }

            KafkaBroker kafka = new KafkaBroker(workDir, config, clientPort, logFile);
            kafka.start();
            return kafka;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start Kafka in " + workDir, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting Kafka", e);
        }
    }

    /**
     * Formats the storage, a short separate run of the same classpath: the broker refuses unformatted storage.
     */
    private static void format(Path workDir, Path config, Path formatLog) throws IOException, InterruptedException {
        Process format = java(workDir, "kafka.tools.StorageTool", "format", "--standalone",
                "--cluster-id", clusterId(), "--config", config.toString())
                .redirectOutput(formatLog.toFile())
                .start();
        if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
            format.destroyForcibly();
            throw new IllegalStateException("Kafka storage format failed: " + Processes.tail(formatLog));
        }
    }

    /**
     * The controller port: the one the storage in {@code workDir} was formatted with (the single KRaft voter is
     * recorded with its endpoint), else any free port, noted for the next start.
     */
    private static int controllerPort(Path workDir) throws IOException {
        Path noted = workDir.resolve("controller.port");
        if (Files.exists(noted)) {
            return Integer.parseInt(Files.readString(noted, StandardCharsets.UTF_8).strip());
        }
        int port = FreePort.any();
        Files.writeString(noted, Integer.toString(port), StandardCharsets.UTF_8);
        return port;
    }

    /**
     * Starts the stopped broker again with the same configuration, ports and log directory; returns once it accepts
     * connections. Does nothing when it is running.
     */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        try {
            // The log of the previous run is kept beside the new one.
            if (Files.exists(logFile)) {
                Files.move(logFile, logFile.resolveSibling("broker-previous.log"), StandardCopyOption.REPLACE_EXISTING);
            }
            process = java(workDir, "kafka.Kafka", config.toString())
                    .redirectOutput(logFile.toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start Kafka in " + workDir, e);
        }
        awaitListening();
    }

    /**
     * Stops the broker (a controlled shutdown, killed if it takes longer than 20 s) and waits until its port is
     * closed; the data stays for {@link #start()}. Does nothing when it is stopped already.
     */
    public synchronized void stop() {
        Processes.stop(process, STOP_GRACE);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (FreePort.isInUse(port) && Instant.now().isBefore(deadline)) {
            Processes.pause(Duration.ofMillis(100));
        }
    }

    /** Whether the broker process is up. */
    public boolean isRunning() {
        Process current = process;
        return current != null && current.isAlive();
    }

    /** {@code host:port} for {@code kafka.bootstrap.servers}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public Path logFile() {
        return logFile;
    }

    @Override
    public void close() {
        Processes.stop(process, STOP_GRACE);
    }

    private void awaitListening() {
        Process process = this.process;
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        // The client port opens only once the KRaft controller has elected itself and the broker is registered.
        while (!startedLineLogged()) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Kafka exited with " + process.exitValue() + ": " + Processes.tail(logFile));
            }
            if (Instant.now().isAfter(deadline)) {
                close();
                throw new IllegalStateException("Kafka did not start within " + START_TIMEOUT + ": " + Processes.tail(logFile));
            }
            Processes.pause(Duration.ofMillis(100));
        }
    }

    private boolean startedLineLogged() {
        if (!FreePort.isInUse(port)) {
            return false;
        }
        try {
            return Files.readString(logFile, StandardCharsets.UTF_8).contains("started (kafka.server.KafkaRaftServer)");
        } catch (IOException e) {
            return false;
        }
    }

    private static Path writeConfig(Path workDir, int clientPort, int controllerPort) throws IOException {
        Path logDir = workDir.resolve("data");
        String properties = String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.bootstrap.servers=127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + clientPort + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + clientPort,
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "inter.broker.listener.name=PLAINTEXT",
                "log.dirs=" + logDir,
                "num.partitions=1",
                "auto.create.topics.enable=true",
                // A single node can only hold one replica of the internal topics.
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                // Consumers of a fresh group start at once instead of waiting for more members.
                "group.initial.rebalance.delay.ms=0",
                "");
        Path config = workDir.resolve("server.properties");
        Files.writeString(config, properties, StandardCharsets.UTF_8);
        Path log4j = workDir.resolve("log4j.properties");
        Files.writeString(log4j, String.join("\n",
                "log4j.rootLogger=INFO, stdout",
                "log4j.appender.stdout=org.apache.log4j.ConsoleAppender",
                "log4j.appender.stdout.layout=org.apache.log4j.PatternLayout",
                "log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n",
                "log4j.logger.kafka=INFO",
                "log4j.logger.org.apache.kafka=INFO",
                ""), StandardCharsets.UTF_8);
        return config;
    }

    private static ProcessBuilder java(Path workDir, String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(
                Processes.javaExecutable(),
                "-Xms128m", "-Xmx512m",
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-Djava.awt.headless=true",
                "-Dlog4j.configuration=" + workDir.resolve("log4j.properties").toUri(),
                "-cp", brokerClasspath(),
                mainClass));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
    }

    private static String brokerClasspath() {
        try (InputStream in = KafkaBroker.class.getResourceAsStream("/kafka-broker.classpath")) {
            if (in == null) {
                throw new IllegalStateException("kafka-broker.classpath missing: build local-infra with Maven first");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * KRaft cluster ids are 16 random bytes, base64url without padding. One starting with '-' would be read as an
     * option by the storage tool, so such ids are drawn again (as Kafka's own Uuid.randomUuid() does).
     */
    private static String clusterId() {
        while (true) {
            UUID uuid = UUID.randomUUID();
            var buffer = java.nio.ByteBuffer.allocate(16)
                    .putLong(uuid.getMostSignificantBits())
                    .putLong(uuid.getLeastSignificantBits());
            String id = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(buffer.array());
            if (!id.startsWith("-")) {
                return id;
            }
        }
    }
}
