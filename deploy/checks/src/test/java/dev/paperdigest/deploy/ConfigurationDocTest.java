package dev.paperdigest.deploy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/configuration.md lists every configuration key of each service, with its environment variable and production
 * default, exactly as the service has them: a key added, renamed or given another default fails here until the
 * page says so (the failure prints the rows to paste).
 */
class ConfigurationDocTest {

    static final Path PAGE = Path.of("docs", "configuration.md");

    @ParameterizedTest
    @ValueSource(strings = {ServiceConfig.INGEST, ServiceConfig.NOTIFY})
    void thePageListsEveryKeyWithItsEnvVarAndDefault(String service) throws IOException {
        Map<String, ServiceConfig.Key> keys = ServiceConfig.of(service).keys();
        Map<String, Row> rows = rowsOf(service);

        List<String> missing = new ArrayList<>();
        keys.values().stream().filter(key -> !rows.containsKey(key.name()))
                .forEach(key -> missing.add(Row.of(key).markdown()));
        List<String> unknown = rows.keySet().stream().filter(name -> !keys.containsKey(name)).toList();
        assertAll(
                () -> assertTrue(missing.isEmpty(), "keys of " + service + " missing from " + PAGE + ":\n"
                        + String.join("\n", missing)),
                () -> assertTrue(unknown.isEmpty(), PAGE + " lists keys " + service + " does not have: " + unknown),
                () -> assertAll(keys.values().stream().filter(key -> rows.containsKey(key.name())).map(key -> () -> {
                    Row row = rows.get(key.name());
                    assertEquals(Row.of(key).envVar(), row.envVar(), "env var of " + key.name());
                    assertEquals(Row.of(key).defaultValue(), row.defaultValue(), "default of " + key.name());
                    assertFalse(row.meaning().isBlank(), "what " + key.name() + " does");
                })));
    }

    /** Rows of the tables under the heading {@code ## <service>}, up to the next such heading. */
    static Map<String, Row> rowsOf(String service) throws IOException {
        Map<String, Row> rows = new TreeMap<>();
        boolean inSection = false;
        for (String line : Files.readAllLines(PAGE)) {
            if (line.startsWith("## ")) {
                inSection = line.substring(3).trim().equals(service);
            } else if (inSection && line.startsWith("| `")) {
                Row row = Row.parse(line);
                assertTrue(rows.put(row.key(), row) == null, "listed twice under " + service + ": " + row.key());
            }
        }
        return rows;
    }

    /** {@code | `key` | `ENV_VAR` | `default` or — | what it does |}. */
    record Row(String key, String envVar, String defaultValue, String meaning) {

        static final String NONE = "—";

        static Row of(ServiceConfig.Key key) {
            return new Row(key.name(), key.envVar(), key.defaultValue() == null ? NONE : key.defaultValue(), "");
        }

        static Row parse(String line) {
            String[] cells = line.substring(1, line.lastIndexOf('|')).split("(?<!\\\\)\\|", -1);
            assertEquals(4, cells.length, "four cells: " + line);
            return new Row(code(cells[0]), code(cells[1]), code(cells[2]), cells[3].trim());
        }

        String markdown() {
            return "| `" + key + "` | `" + envVar + "` | " + (defaultValue.equals(NONE) ? NONE : "`" + escape(defaultValue) + "`")
                    + " | " + meaning + " |";
        }

        private static String code(String cell) {
            String trimmed = cell.trim();
            String text = trimmed.startsWith("`") && trimmed.endsWith("`") && trimmed.length() > 1
                    ? trimmed.substring(1, trimmed.length() - 1) : trimmed;
            return text.replace("\\|", "|");
        }

        private static String escape(String value) {
            return value.replace("|", "\\|");
        }
    }
}
