package dev.paperdigest.deploy;

import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationValue;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.Index;
import org.jboss.jandex.Indexer;
import org.jboss.jandex.MethodInfo;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The configuration keys one service really has, and the value each takes in production unless the environment
 * says otherwise: its {@code application.properties} (every profile; {@code %prod} wins over the plain key) and what
 * its compiled code reads ({@code @ConfigMapping} interfaces with their {@code @WithDefault}s, {@code @ConfigProperty}
 * names, {@code ${key:default}} in annotations such as {@code @Scheduled}).
 */
final class ServiceConfig {

    /** A key and its production default ({@code null}: none, the service runs without it or the operator must set it). */
    record Key(String name, String defaultValue) {
        String envVar() {
            return envVarOf(name);
        }
    }

    static final String INGEST = "ingest-service";
    static final String NOTIFY = "notify-service";

    private static final DotName CONFIG_MAPPING = DotName.createSimple("io.smallrye.config.ConfigMapping");
    private static final DotName WITH_DEFAULT = DotName.createSimple("io.smallrye.config.WithDefault");
    private static final DotName WITH_NAME = DotName.createSimple("io.smallrye.config.WithName");
    private static final DotName CONFIG_PROPERTY = DotName.createSimple("org.eclipse.microprofile.config.inject.ConfigProperty");
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^:}]+)(?::([^}]*))?}");

    final String service;
    private final Map<String, Key> keys = new TreeMap<>();

    private ServiceConfig(String service) {
        this.service = service;
    }

    /** Reads {@code <service>/src/main/resources/application.properties} and {@code <service>/target/classes}. */
    static ServiceConfig of(String service) throws IOException {
        ServiceConfig config = new ServiceConfig(service);
        config.readCode(Path.of(service, "target", "classes"));
        config.readProperties(Path.of(service, "src", "main", "resources", "application.properties"));
        return config;
    }

    Map<String, Key> keys() {
        return keys;
    }

    /** The key an environment variable sets, if this service has one by that name. */
    Optional<Key> keyOfEnvVar(String envVar) {
        return keys.values().stream().filter(key -> key.envVar().equals(envVar)).findFirst();
    }

    /** SmallRye Config's rule: every character other than a letter or digit becomes {@code _}, then upper case. */
    static String envVarOf(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    private void readProperties(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        Map<String, String> prod = new TreeMap<>();
        for (String name : properties.stringPropertyNames()) {
            String value = properties.getProperty(name);
            if (!name.startsWith("%")) {
                put(name, value);
            } else if (!name.startsWith("%test.")) { // test-only settings are not production configuration
                String unprofiled = name.substring(name.indexOf('.') + 1);
                keys.putIfAbsent(unprofiled, new Key(unprofiled, null)); // a key, even if only dev or test set it
                if (name.startsWith("%prod.")) {
                    prod.put(unprofiled, value);
                }
            }
        }
        prod.forEach(this::put);
    }

    private void put(String name, String value) {
        keys.put(name, new Key(name, value == null || value.isEmpty() ? null : value));
    }

    private void readCode(Path classes) throws IOException {
        Indexer indexer = new Indexer();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
                try (InputStream in = Files.newInputStream(file)) {
                    indexer.index(in);
                }
            }
        }
        Index index = indexer.complete();
        for (AnnotationInstance mapping : index.getAnnotations(CONFIG_MAPPING)) {
            readMapping(index, mapping.target().asClass(), mapping.value("prefix").asString());
        }
        for (AnnotationInstance property : index.getAnnotations(CONFIG_PROPERTY)) {
            AnnotationValue defaultValue = property.value("defaultValue");
            keys.putIfAbsent(property.value("name").asString(),
                    new Key(property.value("name").asString(), defaultValue == null ? null : defaultValue.asString()));
        }
        for (ClassInfo type : index.getKnownClasses()) {
            for (AnnotationInstance annotation : type.annotations()) {
                for (AnnotationValue value : annotation.values()) {
                    if (value.kind() == AnnotationValue.Kind.STRING) {
                        Matcher expression = EXPRESSION.matcher(value.asString());
                        while (expression.find()) {
                            keys.putIfAbsent(expression.group(1), new Key(expression.group(1), expression.group(2)));
                        }
                    }
                }
            }
        }
    }

    /** Abstract methods are keys; those returning another interface of the service are groups below a prefix. */
    private void readMapping(Index index, ClassInfo type, String prefix) {
        for (MethodInfo method : type.methods()) {
            if (!Modifier.isAbstract(method.flags())) {
                continue;
            }
            AnnotationInstance withName = method.declaredAnnotation(WITH_NAME);
            String key = prefix + "." + (withName != null ? withName.value().asString() : kebab(method.name()));
            ClassInfo group = index.getClassByName(method.returnType().name());
            if (group != null && Modifier.isInterface(group.flags())) {
                readMapping(index, group, key);
            } else {
                AnnotationInstance withDefault = method.declaredAnnotation(WITH_DEFAULT);
                keys.put(key, new Key(key, withDefault == null ? null : withDefault.value().asString()));
            }
        }
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
