package dev.paperdigest.deploy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docker-compose.yml, .env.example and the Dockerfile against each other and against the services: every variable a
 * service gets sets one of its configuration keys, addresses and ports point where the other containers listen, the
 * topics created are the ones the services use, and the Dockerfile builds the module each service is named for.
 */
class ComposeConsistencyTest {

    static final Path DOCKERFILE = Path.of("deploy", "docker", "Dockerfile");

    @ParameterizedTest
    @ValueSource(strings = {ServiceConfig.INGEST, ServiceConfig.NOTIFY})
    void everyVariableAServiceGetsSetsOneOfItsConfigKeys(String service) throws IOException {
        ServiceConfig config = ServiceConfig.of(service);
        List<String> unknown = ComposeFile.load().environment(service).keySet().stream()
                .filter(name -> config.keyOfEnvVar(name).isEmpty()).toList();
        assertEquals(List.of(), unknown, service + " has no configuration key for these variables");
    }

    @Test
    void addressesAndCredentialsPointAtTheOtherContainers() throws IOException {
        ComposeFile compose = ComposeFile.load();
        Map<String, String> kafka = compose.environment("kafka");
        Map<String, String> postgres = compose.environment("postgres");
        for (String service : List.of(ServiceConfig.INGEST, ServiceConfig.NOTIFY)) {
            Map<String, String> env = compose.environment(service);
            assertTrue(kafka.get("KAFKA_ADVERTISED_LISTENERS").contains("://" + env.get("KAFKA_BOOTSTRAP_SERVERS")),
                    service + " reaches Kafka where it advertises itself");
            URI jdbc = URI.create(env.get("QUARKUS_DATASOURCE_JDBC_URL").substring("jdbc:".length()));
            assertEquals("postgres", jdbc.getHost(), service);
            assertEquals(5432, jdbc.getPort(), service);
            assertEquals("/" + postgres.get("POSTGRES_DB"), jdbc.getPath(), service);
            assertEquals(postgres.get("POSTGRES_USER"), env.get("QUARKUS_DATASOURCE_USERNAME"), service);
            assertEquals(postgres.get("POSTGRES_PASSWORD"), env.get("QUARKUS_DATASOURCE_PASSWORD"), service);
            assertTrue(compose.service(service).containsKey("depends_on"), service);
        }
        Map<String, String> notify = compose.environment(ServiceConfig.NOTIFY);
        assertEquals("mailpit", notify.get("QUARKUS_MAILER_HOST"));
        assertEquals("1025", notify.get("QUARKUS_MAILER_PORT"), "Mailpit's SMTP port");
        assertEquals("http://localhost:" + hostPort(compose, ServiceConfig.NOTIFY), notify.get("PAPERDIGEST_PUBLIC_URL"),
                "links in mails lead to the published notify-service");
    }

    @Test
    void servicesListenOnTheImagePortAndArePublishedOnTheLocalRunPorts() throws IOException {
        ComposeFile compose = ComposeFile.load();
        Matcher expose = Pattern.compile("(?m)^EXPOSE (\\d+)$").matcher(Files.readString(DOCKERFILE));
        assertTrue(expose.find(), "the Dockerfile exposes the HTTP port");
        for (String service : List.of(ServiceConfig.INGEST, ServiceConfig.NOTIFY)) {
            Properties properties = applicationProperties(service);
            assertEquals(expose.group(1), properties.getProperty("quarkus.http.port"), service + " listens where the image says");
            assertEquals(List.of(properties.getProperty("%dev.quarkus.http.port") + ":" + expose.group(1)),
                    compose.ports(service), service + " is published on the port of the local run");
        }
    }

    @Test
    void theTopicsCreatedAreTheTopicsTheServicesUse() throws IOException {
        ComposeFile compose = ComposeFile.load();
        String command = String.join(" ", YamlTree.strings(compose.service("kafka-topics").get("command")));
        Set<String> created = new TreeSet<>();
        Matcher topic = Pattern.compile("--topic (\\S+)").matcher(compose.interpolate(command));
        while (topic.find()) {
            created.add(topic.group(1));
        }
        assertEquals(topicsTheServicesUse(), created);
        assertEquals("false", compose.environment("kafka").get("KAFKA_AUTO_CREATE_TOPICS_ENABLE"),
                "a misspelt topic must fail, not be created");
    }

    @Test
    void theDockerfileBuildsTheModuleEachServiceIsNamedFor() throws IOException {
        ComposeFile compose = ComposeFile.load();
        String dockerfile = Files.readString(DOCKERFILE);
        assertTrue(dockerfile.contains("-pl \"${SERVICE}\""), "the build stage builds the module named SERVICE");
        assertTrue(dockerfile.contains("/src/${SERVICE}/target/quarkus-app/"), "the image runs that module's application");
        assertTrue(dockerfile.contains("--mount=type=cache"), "Maven's repository is a build cache");
        String modules = Files.readString(Path.of("pom.xml"));
        List<String> built = new ArrayList<>();
        compose.services().forEach((name, definition) -> {
            Object build = YamlTree.at(definition, "build");
            if (build != null) {
                assertEquals(DOCKERFILE.toString(), YamlTree.at(build, "dockerfile"), name);
                assertEquals(".", YamlTree.at(build, "context"), name);
                assertEquals(name, YamlTree.at(build, "args", "SERVICE"), "image of " + name);
                assertTrue(modules.contains("<module>" + name + "</module>"), name + " is a module of the build");
                assertTrue(Files.exists(Path.of(name, "src", "main", "resources", "application.properties")), name);
                assertEquals("paper-digest/" + name + ":1.0.0", YamlTree.at(definition, "image"), name);
                built.add(name);
            }
        });
        assertEquals(List.of(ServiceConfig.INGEST, ServiceConfig.NOTIFY), built);
    }

    @Test
    void everyLongRunningContainerHasAHealthcheckARestartPolicyAndWaitsForHealthyDependencies() throws IOException {
        ComposeFile compose = ComposeFile.load();
        compose.services().forEach((name, definition) -> {
            Object restart = YamlTree.at(definition, "restart");
            assertNotNull(restart, "restart policy of " + name);
            boolean oneShot = "no".equals(restart);
            if (!oneShot) {
                assertNotNull(YamlTree.at(definition, "healthcheck", "test"), "healthcheck of " + name);
            }
            YamlTree.map(YamlTree.at(definition, "depends_on")).forEach((dependency, condition) -> {
                boolean dependencyIsOneShot = "no".equals(YamlTree.at(compose.service(dependency), "restart"));
                assertEquals(dependencyIsOneShot ? "service_completed_successfully" : "service_healthy",
                        YamlTree.at(condition, "condition"), name + " waits for " + dependency);
            });
        });
    }

    private static String hostPort(ComposeFile compose, String service) {
        return compose.ports(service).get(0).split(":")[0];
    }

    /** The topic ingest-service writes, the one notify-service reads and notify-service's dead-letter topic. */
    static Set<String> topicsTheServicesUse() throws IOException {
        Properties ingest = applicationProperties(ServiceConfig.INGEST);
        Properties notify = applicationProperties(ServiceConfig.NOTIFY);
        return new TreeSet<>(List.of(
                ingest.getProperty("mp.messaging.outgoing.\"papers.new\".topic"),
                notify.getProperty("mp.messaging.incoming.\"papers.new\".topic"),
                notify.getProperty("mp.messaging.incoming.\"papers.new\".dead-letter-queue.topic")));
    }

    static Properties applicationProperties(String service) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of(service, "src", "main", "resources", "application.properties"))) {
            properties.load(reader);
        }
        return properties;
    }
}
