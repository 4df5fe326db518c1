package dev.paperdigest.localinfra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A real PostgreSQL server: the embedded one (binaries from Maven Central, started as a child process), or an existing
 * server when {@code QUARKUS_DATASOURCE_JDBC_URL} (+ {@code _USERNAME}, {@code _PASSWORD}) is set in the environment.
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

    /**
     * @param dataDir where the embedded server keeps its files (ignored for an existing server)
     * @param port    the embedded server's port, or 0 for any free port
     */
    public static LocalPostgres start(Path dataDir, int port) {
        Map<String, String> env = System.getenv();
        String existing = env.get("QUARKUS_DATASOURCE_JDBC_URL");
        if (existing != null && !existing.isBlank()) {
            return new LocalPostgres(null, existing,
                    env.getOrDefault("QUARKUS_DATASOURCE_USERNAME", "postgres"),
                    env.getOrDefault("QUARKUS_DATASOURCE_PASSWORD", ""));
        }
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

    public boolean isEmbedded() {
        return embedded != null;
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
