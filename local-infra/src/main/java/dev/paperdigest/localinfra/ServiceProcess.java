package dev.paperdigest.localinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A packaged Quarkus service ({@code target/quarkus-app/quarkus-run.jar}) running as a child JVM. */
public final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Process process;
    private final int port;
    private final Path logFile;

    private ServiceProcess(String name, Process process, int port, Path logFile) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.logFile = logFile;
    }

    /**
     * Starts the service; {@link #awaitReady(Duration)} waits until its readiness check passes.
     *
     * @param moduleDir   the service's Maven module (holding {@code target/quarkus-app/quarkus-run.jar})
     * @param port        its HTTP port, or 0 for any free port
     * @param environment its configuration as environment variables
     */
    public static ServiceProcess start(Path moduleDir, int port, Map<String, String> environment, Path logFile) {
        Path jar = moduleDir.resolve("target/quarkus-app/quarkus-run.jar");
        String name = moduleDir.getFileName().toString();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: package " + name + " first (mvn -DskipTests package)");
        }
        int httpPort = FreePort.orAny(port);
        try {
            Files.createDirectories(logFile.getParent());
            ProcessBuilder builder = new ProcessBuilder(List.of(Processes.javaExecutable(), "-Xmx384m", "-jar",
                    jar.toString()))
                    .directory(moduleDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(logFile.toFile());
            builder.environment().putAll(environment);
            builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(httpPort));
            // A local run publishes its admin key: keep it off the network.
            builder.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
            // The prod profile logs JSON for log collectors; a log file read by people here stays in plain lines.
            builder.environment().put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
            return new ServiceProcess(name, builder.start(), httpPort, logFile);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
    }


    /** e.g. {@code http://localhost:8081} */
    public String baseUrl() {
        return "http://localhost:" + port;
    }


    /** Waits until {@code /q/health/ready} answers 200; fails with the log's tail if the service dies or is late. */
    public ServiceProcess awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        HttpRequest ready = HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n"
                        + Processes.tail(logFile));
            }
            try {
                if (HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return this;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(name + " not ready within " + timeout + ":\n" + Processes.tail(logFile));
            }
            Processes.pause(Duration.ofMillis(250));
        }
    }

    /** SIGKILL, as a crash or an OOM killer would end it: no shutdown hooks run. Returns once the process is gone. */
    public void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " still running 30 s after SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while killing " + name, e);
        }
    }

    @Override
    public void close() {
        // Longer than the services' own graceful shutdown (quarkus.shutdown.timeout=20s).
        Processes.stop(process, Duration.ofSeconds(30));
    }
}
