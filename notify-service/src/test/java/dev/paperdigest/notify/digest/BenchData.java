package dev.paperdigest.notify.digest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paperdigest.notify.matching.PaperDocument;
import dev.paperdigest.notify.matching.query.TopicQueryParser;
import org.postgresql.PGConnection;

import java.io.IOException;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;

/** SQL the digest benchmarks load their data with (straight into the service's schema), and report writing. */
final class BenchData {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TopicQueryParser PARSER = new TopicQueryParser();

    private BenchData() {
    }

    /** Stores a paper as the consumer would (notify.paper). */
    static void insertPaper(Connection connection, String id, PaperDocument paper, String title) throws Exception {
        try (PreparedStatement insert = connection.prepareStatement("""
                insert into notify.paper (id, version, title, abstract, authors, categories, primary_category,
                    published_at, abs_url, pdf_url, huggingface_url, upvotes)
                values (?, 1, ?, ?, cast(? as jsonb), cast(? as jsonb), ?, now(), ?, ?, ?, 7)
                """)) {
            insert.setString(1, id);
            insert.setString(2, title);
            insert.setString(3, paper.abstractText());
            insert.setString(4, JSON.writeValueAsString(paper.authors()));
            insert.setString(5, JSON.writeValueAsString(paper.categories()));
            insert.setString(6, paper.categories().isEmpty() ? "cs.LG" : paper.categories().get(0));
            insert.setString(7, "https://arxiv.org/abs/" + id);
            insert.setString(8, "https://arxiv.org/pdf/" + id);
            insert.setString(9, "https://huggingface.co/papers/" + id);
            insert.executeUpdate();
        }
    }

    /** The topic_query row of a topic text (normalized as the service does), created if missing. @return its id */
    static long queryId(Connection connection, String text) throws SQLException {
        String normalized = PARSER.parse(text).normalized();
        try (PreparedStatement upsert = connection.prepareStatement("""
                insert into notify.topic_query (normalized, query) values (?, ?)
                on conflict (normalized) do update set query = notify.topic_query.query returning id
                """)) {
            upsert.setString(1, normalized);
            upsert.setString(2, text);
            try (ResultSet id = upsert.executeQuery()) {
                id.next();
                return id.getLong(1);
            }
        }
    }

    static String normalized(String text) {
        return PARSER.parse(text).normalized();
    }

    /** COPY rows (tab-separated, already escaped) into a table. @return rows copied */
    static long copy(Connection connection, String table, String columns, CharSequence rows) throws Exception {
        return connection.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY " + table + " (" + columns + ") FROM STDIN", new StringReader(rows.toString()));
    }

    static long count(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    static double seconds(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getDouble(1);
        }
    }

    static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** A word of letters only (topic queries and titles), unique per seed. */
    static String word(String prefix, long n) {
        StringBuilder word = new StringBuilder(prefix);
        String digits = Long.toString(n);
        for (char c : digits.toCharArray()) {
            word.append((char) ('a' + (c - '0')));
        }
        return word.toString();
    }

    static String machine() {
        return String.format(Locale.ROOT, "%d cores, max heap %d MB, Java %s, load average %.1f",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("java.version"), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    static void writeReport(String name, String markdown) throws IOException {
        Path file = Path.of("target/benchmarks", name + ".md");
        Files.createDirectories(file.getParent());
        Files.writeString(file, markdown);
        System.out.println("report: " + file.toAbsolutePath());
    }

    static String lines(List<String> lines) {
        return String.join("\n", lines);
    }
}
