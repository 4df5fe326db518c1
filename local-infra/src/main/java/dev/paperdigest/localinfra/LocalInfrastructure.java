package dev.paperdigest.localinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Kafka, PostgreSQL and SMTP for one test run or one local run: real servers on loopback, in a work directory that
 * is deleted on {@link #close()}, or (the local run, {@link #startKept}) in a data directory that is kept.
 */
public final class LocalInfrastructure implements AutoCloseable {

    /** Ports for each server; 0 means any free port. */
    public record Ports(int kafka, int postgres, int smtp, int mailbox) {
        public static final Ports ANY = new Ports(0, 0, 0, 0);
    }

    private static LocalInfrastructure shared;

    private final Path workDir;
    private final boolean keepWorkDir;
    private final LocalPostgres postgres;
    private final KafkaBroker kafka;
    private final MailCatcher mail;

    private LocalInfrastructure(Path workDir, boolean keepWorkDir, LocalPostgres postgres, KafkaBroker kafka,
            MailCatcher mail) {
        this.workDir = workDir;
        this.keepWorkDir = keepWorkDir;
        this.postgres = postgres;
        this.kafka = kafka;
        this.mail = mail;
    }

    /**
     * The infrastructure of this JVM, started on first use on free ports and stopped when the JVM exits: every test
     * class of a module shares one broker, one database and one mail server.
     */
    public static synchronized LocalInfrastructure shared() {
        if (shared == null) {
            shared = start(Ports.ANY);
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "local-infra-shutdown"));
        }
        return shared;
    }

    /** Starts all three servers, PostgreSQL embedded, in a temporary directory; the caller closes them. */
    public static LocalInfrastructure start(Ports ports) {
        Path workDir;
        try {
            workDir = Files.createTempDirectory("paper-digest-local-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LocalPostgres postgres = null;
        KafkaBroker kafka = null;
        try {
            postgres = LocalPostgres.startEmbedded(workDir.resolve("postgres"), ports.postgres());
            kafka = KafkaBroker.start(workDir.resolve("kafka"), ports.kafka());
            MailCatcher mail = MailCatcher.start(ports.smtp(), ports.mailbox());
            return new LocalInfrastructure(workDir, false, postgres, kafka, mail);
        } catch (RuntimeException e) {
            closeAll(e, kafka, postgres);
            deleteQuietly(workDir);
            throw e;
        }
    }

    /**
     * Starts all three servers keeping PostgreSQL's cluster ({@code dataDir/postgres}) and Kafka's log
     * ({@code dataDir/kafka}) across runs: what a run stored is there at the next start. Closing stops them and
     * keeps the data. The mail catcher keeps nothing.
     *
     * @param logDir           where PostgreSQL and Kafka log, for this start
     * @param existingDatabase use the PostgreSQL named by {@code QUARKUS_DATASOURCE_JDBC_URL} when it is set
     */
    public static LocalInfrastructure startKept(Path dataDir, Path logDir, Ports ports, boolean existingDatabase) {
        LocalPostgres postgres = null;
        KafkaBroker kafka = null;
        try {
            postgres = (existingDatabase ? LocalPostgres.fromEnvironment() : Optional.<LocalPostgres>empty())
                    .orElseGet(() -> LocalPostgres.startKept(dataDir.resolve("postgres"), ports.postgres(),
                            logDir.resolve("postgres.log")));
            kafka = KafkaBroker.start(dataDir.resolve("kafka"), ports.kafka(), logDir);
            MailCatcher mail = MailCatcher.start(ports.smtp(), ports.mailbox());
            return new LocalInfrastructure(dataDir, true, postgres, kafka, mail);
        } catch (RuntimeException e) {
            closeAll(e, kafka, postgres);
            throw e;
        }
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    public LocalPostgres postgres() {
        return postgres;
    }

    public MailCatcher mail() {
        return mail;
    }

    /** Quarkus configuration that points a service at these servers. */
    public Map<String, String> quarkusConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        config.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl());
        config.put("quarkus.datasource.username", postgres.username());
        config.put("quarkus.datasource.password", postgres.password());
        config.put("quarkus.mailer.host", "127.0.0.1");
        config.put("quarkus.mailer.port", Integer.toString(mail.smtpPort()));
        config.put("quarkus.mailer.mock", "false");
        return config;
    }

    /** The same configuration as environment variables, for a service started as a child process. */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        quarkusConfig().forEach((key, value) -> env.put(toEnvName(key), value));
        return env;
    }

    /** Quarkus' mapping of a property name to its environment variable: non-alphanumerics to '_', upper case. */
    static String toEnvName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    @Override
    public void close() {
        RuntimeException failure = closeAll(null, mail, kafka, postgres);
        if (!keepWorkDir) {
            deleteQuietly(workDir);
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Closes each one even when another fails; the first failure carries the others as suppressed. */
    public static RuntimeException closeAll(RuntimeException failure, AutoCloseable... closeables) {
        for (AutoCloseable closeable : closeables) {
            if (closeable == null) {
                continue;
            }
            try {
                closeable.close();
            } catch (Exception e) {
                RuntimeException wrapped = e instanceof RuntimeException r ? r : new IllegalStateException(e);
                if (failure == null) {
                    failure = wrapped;
                } else {
                    failure.addSuppressed(wrapped);
                }
            }
        }
        return failure;
    }

    /** Best effort: it is a temporary directory. */
    private static void deleteQuietly(Path dir) {
        try {
            Directories.deleteRecursively(dir);
        } catch (UncheckedIOException e) {
            // left for the system's temporary-file cleanup
        }
    }
}
