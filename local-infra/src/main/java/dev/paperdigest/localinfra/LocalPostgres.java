package dev.paperdigest.localinfra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A real PostgreSQL server: the embedded one (binaries from Maven Central, started as a child process), or, for the
 * local run, an existing server named by {@code QUARKUS_DATASOURCE_JDBC_URL} (+ {@code _USERNAME}, {@code _PASSWORD}).
 * Tests always get the embedded one: their data must not land in somebody's database.
 */
public final class LocalPostgres implements AutoCloseable {

    private final EmbeddedPostgres embedded;
    private final String jdbcUrl;
    private final String username;
    private final String password;

    private LocalPostgres(EmbeddedPostgres embedded, String jdbcUrl, String username, String password) {
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
        return Optional.of(new LocalPostgres(null, existing,
                env.getOrDefault("QUARKUS_DATASOURCE_USERNAME", "postgres"),
                env.getOrDefault("QUARKUS_DATASOURCE_PASSWORD", "")));
    }

    /**
     * Starts an embedded server.
     *
     * @param dataDir where it keeps its files
     * @param port    its port, or 0 for any free port
     */
    static LocalPostgres startEmbedded(Path dataDir, int port) {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(true)
                    .setPort(FreePort.orAny(port))
                    // The services open pools of their own; the default of 300 connections needs more shared memory.
                    .setServerConfig("max_connections", "100")
                    .start();
            String url = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";
            return new LocalPostgres(postgres, url, "postgres", "postgres");
        } catch (IOException e) {
            throw new UncheckedIOException("could not start embedded PostgreSQL in " + dataDir, e);
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

    @Override
    public void close() {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                throw new UncheckedIOException("could not stop embedded PostgreSQL", e);
            }
        }
    }
}
