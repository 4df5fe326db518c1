package dev.paperdigest.localinfra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A real PostgreSQL server: the embedded one (binaries from Maven Central, started as a child process), or, for the
 * local run, an existing server named by {@code QUARKUS_DATASOURCE_JDBC_URL} (+ {@code _USERNAME}, {@code _PASSWORD}).
 * Tests always get the embedded one: their data must not land in somebody's database.
 *
 * <p>An embedded server can be {@linkplain #stop() stopped} and {@linkplain #start() started} again, on the same port
 * and data directory with its data kept, so that tests can take the database away from running services.
 */
public final class LocalPostgres implements AutoCloseable {

    private final Path dataDir;
    private final int port;
    private final boolean keepData;
    private final Path logFile;
    private volatile EmbeddedPostgres embedded;
    private final String jdbcUrl;
    private final String username;
    private final String password;

    private LocalPostgres(Path dataDir, int port, boolean keepData, Path logFile, EmbeddedPostgres embedded,
            String jdbcUrl, String username, String password) {
        this.dataDir = dataDir;
        this.port = port;
        this.keepData = keepData;
        this.logFile = logFile;
        this.embedded = embedded;
        this.jdbcUrl = jdbcUrl;
        this.username = username;
        this.password = password;
    }

    /** The server named by the environment, if {@code QUARKUS_DATASOURCE_JDBC_URL} is set. */
    static Optional<LocalPostgres> fromEnvironment() {
        Map<String, String> env = System.getenv();
        String existing = env.get("QUARKUS_DATASOURCE_JDBC_URL");
        if (existing == null || existing.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new LocalPostgres(null, 0, true, null, null, existing,
                env.getOrDefault("QUARKUS_DATASOURCE_USERNAME", "postgres"),
                env.getOrDefault("QUARKUS_DATASOURCE_PASSWORD", "")));
    }

    /**
     * Starts an embedded server on a fresh cluster, deleted again by {@link #close()}.
     *
     * @param dataDir where it keeps its files
     * @param port    its port, or 0 for any free port
     */
    static LocalPostgres startEmbedded(Path dataDir, int port) {
        // A fresh cluster; after that the directory is kept across stop() and start() (and removed by close()).
        Directories.deleteRecursively(dataDir);
        return startEmbedded(dataDir, port, false, null);
    }

    /**
     * Starts an embedded server on the cluster in {@code dataDir} (created when there is none), kept by
     * {@link #close()}: the local run's subscribers, papers and pending digests survive a restart.
     *
     * @param logFile where the server logs (appended to), or null for this JVM's log
     */
    static LocalPostgres startKept(Path dataDir, int port, Path logFile) {
        return startEmbedded(dataDir, port, true, logFile);
    }

    private static LocalPostgres startEmbedded(Path dataDir, int port, boolean keepData, Path logFile) {
        int chosenPort = FreePort.orAny(port);
        EmbeddedPostgres postgres = launch(dataDir, chosenPort, logFile);
        String url = "jdbc:postgresql://127.0.0.1:" + chosenPort + "/postgres";
        return new LocalPostgres(dataDir, chosenPort, keepData, logFile, postgres, url, "postgres", "postgres");
    }

    private static EmbeddedPostgres launch(Path dataDir, int port, Path logFile) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    // Not cleaned: initdb runs only when the directory holds no cluster yet, so a restart keeps the
                    // data (and close() leaves the directory alone).
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    // The services open pools of their own; the default of 300 connections needs more shared memory.
                    .setServerConfig("max_connections", "100");
            if (logFile != null) {
                Files.createDirectories(logFile.getParent());
                builder.setOutputRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                        .setErrorRedirector(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            }
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start embedded PostgreSQL in " + dataDir, e);
        }
    }

    /**
     * Stops the embedded server (a fast shutdown: open sessions are terminated, as in a real outage); the port closes
     * and the data stays. Does nothing when it is stopped already.
     *
     * @throws IllegalStateException for a server this class did not start
     */
    public synchronized void stop() {
        requireEmbedded();
        EmbeddedPostgres running = embedded;
        embedded = null;
        if (running != null) {
            try {
                running.close();
            } catch (IOException e) {
                throw new UncheckedIOException("could not stop embedded PostgreSQL", e);
            }
        }
    }

    /**
     * Starts the stopped embedded server again on the same port and data directory, with everything it held; returns
     * once it accepts connections. Does nothing when it is running.
     *
     * @throws IllegalStateException for a server this class did not start
     */
    public synchronized void start() {
        requireEmbedded();
        if (embedded == null) {
            embedded = launch(dataDir, port, logFile);
        }
    }

    /** Whether the server is up (always true for an existing server this class did not start). */
    public boolean isRunning() {
        return dataDir == null || embedded != null;
    }

    private void requireEmbedded() {
        if (dataDir == null) {
            throw new IllegalStateException("only an embedded PostgreSQL can be stopped and started: " + jdbcUrl);
        }
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    /** Stops an embedded server and deletes its data directory, unless it was started to keep it. */
    @Override
    public void close() {
        if (dataDir != null) {
            stop();
            if (!keepData) {
                Directories.deleteRecursively(dataDir);
            }
        }
    }

}
