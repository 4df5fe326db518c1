package dev.paperdigest.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * docker-compose.yml as Compose reads it with {@code .env.example} as its {@code .env}: anchors and merge keys
 * resolved, {@code ${VAR}}, {@code ${VAR:-default}} and {@code ${VAR:?error}} replaced.
 */
final class ComposeFile {

    static final Path FILE = Path.of("docker-compose.yml");
    static final Path ENV_EXAMPLE = Path.of(".env.example");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+)(?:(:-|:\\?)([^}]*))?}");

    private final Map<String, Object> root;
    private final Map<String, String> env;

    private ComposeFile(Map<String, Object> root, Map<String, String> env) {
        this.root = root;
        this.env = env;
    }

    static ComposeFile load() throws IOException {
        return new ComposeFile(YamlTree.load(FILE), envFile(ENV_EXAMPLE));
    }

    /** {@code NAME=value} lines; comments and blank lines skipped. */
    static Map<String, String> envFile(Path file) throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                int equals = line.indexOf('=');
                env.put(line.substring(0, equals).trim(), line.substring(equals + 1).trim());
            }
        }
        return env;
    }

    Map<String, Object> service(String name) {
        Map<String, Object> services = YamlTree.map(root.get("services"));
        return YamlTree.map(services.get(name));
    }

    Map<String, Object> services() {
        return YamlTree.map(root.get("services"));
    }

    /** The environment a service gets, variables replaced. */
    Map<String, String> environment(String service) {
        Map<String, String> environment = new LinkedHashMap<>();
        YamlTree.map(service(service).get("environment")).forEach((name, value) ->
                environment.put(name, interpolate(String.valueOf(value))));
        return environment;
    }

    /** {@code host:container} pairs of a service's published ports. */
    List<String> ports(String service) {
        return YamlTree.list(service(service).get("ports")).stream().map(port -> interpolate(String.valueOf(port))).toList();
    }

    String interpolate(String value) {
        Matcher variable = VARIABLE.matcher(value);
        StringBuilder result = new StringBuilder();
        while (variable.find()) {
            String set = env.get(variable.group(1));
            String replacement;
            if (set != null && !set.isEmpty()) {
                replacement = set;
            } else if (":-".equals(variable.group(2))) {
                replacement = variable.group(3);
            } else if (":?".equals(variable.group(2))) {
                throw new IllegalStateException(variable.group(1) + " is required: " + variable.group(3));
            } else {
                replacement = "";
            }
            variable.appendReplacement(result, Matcher.quoteReplacement(replacement));
        }
        variable.appendTail(result);
        return result.toString();
    }
}
