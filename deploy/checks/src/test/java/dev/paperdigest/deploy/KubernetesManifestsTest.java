package dev.paperdigest.deploy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * deploy/kubernetes, per overlay: the manifests parse, carry consistent labels, select what they mean to select,
 * give each service only variables that are its configuration keys, run it locked down with probes and resources,
 * and agree with the services on ports, topics and addresses.
 */
class KubernetesManifestsTest {

    static List<String> overlays() {
        return KubernetesManifests.OVERLAYS;
    }

    static final List<String> SERVICES = List.of(ServiceConfig.INGEST, ServiceConfig.NOTIFY);

    @ParameterizedTest
    @MethodSource("overlays")
    void everyObjectIsPartOfPaperDigestAndServiceObjectsNameTheirService(String overlay) throws IOException {
        KubernetesManifests manifests = KubernetesManifests.ofOverlay(overlay);
        assertTrue(manifests.objects.size() > 10, "objects of " + overlay);
        assertAll(manifests.objects.stream().map(object -> () -> {
            Map<String, Object> labels = KubernetesManifests.labels(object);
            String what = object.get("kind") + "/" + YamlTree.at(object, "metadata", "name");
            if (!"Namespace".equals(object.get("kind"))) {
                assertEquals("paper-digest", labels.get("app.kubernetes.io/part-of"), what);
            }
            Object name = labels.get("app.kubernetes.io/name");
            if (name != null) {
                assertNotNull(labels.get("app.kubernetes.io/component"), what);
            }
            String kind = String.valueOf(object.get("kind"));
            if (kind.startsWith("Kafka")) {
                assertEquals("kafka", labels.get("app.kubernetes.io/component"), what);
            } else if (kind.equals("Cluster")) {
                assertEquals("database", labels.get("app.kubernetes.io/component"), what);
            }
            if (name != null && SERVICES.contains(name)) {
                assertEquals(name.equals(ServiceConfig.INGEST) ? "ingest" : "notify",
                        labels.get("app.kubernetes.io/component"), what);
            }
        }));
        assertTrue(!manifests.patched.isEmpty(), overlay + " adapts the base");
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void servicesBudgetsAndAutoscalersSelectTheirDeployment(String overlay) throws IOException {
        KubernetesManifests manifests = KubernetesManifests.ofOverlay(overlay);
        for (Map<String, Object> deployment : manifests.ofKind("Deployment")) {
            String name = String.valueOf(YamlTree.at(deployment, "metadata", "name"));
            Map<String, Object> selector = YamlTree.map(YamlTree.at(deployment, "spec", "selector", "matchLabels"));
            Map<String, Object> podLabels = YamlTree.map(YamlTree.at(deployment, "spec", "template", "metadata", "labels"));
            assertEquals(Map.of("app.kubernetes.io/name", name), selector, "selector of " + name);
            assertTrue(podLabels.entrySet().containsAll(selector.entrySet()), "pods of " + name + " match its selector");
            assertTrue(manifests.ofKind("Service").stream().anyMatch(service ->
                    podLabels.entrySet().containsAll(YamlTree.map(YamlTree.at(service, "spec", "selector")).entrySet())),
                    "a Service reaches " + name);
        }
        for (Map<String, Object> budget : manifests.ofKind("PodDisruptionBudget")) {
            assertEquals(Map.of("app.kubernetes.io/name", ServiceConfig.NOTIFY),
                    YamlTree.at(budget, "spec", "selector", "matchLabels"));
        }
        for (Map<String, Object> autoscaler : manifests.ofKind("HorizontalPodAutoscaler")) {
            assertEquals("Deployment", YamlTree.at(autoscaler, "spec", "scaleTargetRef", "kind"));
            String target = String.valueOf(YamlTree.at(autoscaler, "spec", "scaleTargetRef", "name"));
            assertTrue(manifests.has("Deployment", target), "the autoscaler scales " + target);
            int partitions = ((Number) YamlTree.at(manifests.one("KafkaTopic", "papers.new"), "spec", "partitions")).intValue();
            assertTrue(((Number) YamlTree.at(autoscaler, "spec", "maxReplicas")).intValue() <= partitions,
                    "no more notify-service instances than partitions of papers.new");
        }
        if (overlay.equals("production")) {
            assertTrue(manifests.has("PodDisruptionBudget", ServiceConfig.NOTIFY));
            assertTrue(manifests.has("HorizontalPodAutoscaler", ServiceConfig.NOTIFY));
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void eachServiceGetsOnlyVariablesThatAreItsConfigKeys(String overlay) throws IOException {
        KubernetesManifests manifests = KubernetesManifests.ofOverlay(overlay);
        // Read by the image's entrypoint, not by the service.
        Set<String> launcher = Files.readString(ComposeConsistencyTest.DOCKERFILE).contains("$JAVA_OPTS_APPEND")
                ? Set.of("JAVA_OPTS_APPEND") : Set.of();
        for (String service : SERVICES) {
            ServiceConfig config = ServiceConfig.of(service);
            Map<String, Object> container = container(manifests, service);
            Set<String> variables = new TreeSet<>();
            for (Object source : YamlTree.list(container.get("envFrom"))) {
                String configMap = String.valueOf(YamlTree.at(source, "configMapRef", "name"));
                variables.addAll(YamlTree.map(manifests.one("ConfigMap", configMap).get("data")).keySet());
            }
            YamlTree.list(container.get("env")).forEach(variable -> variables.add(String.valueOf(YamlTree.at(variable, "name"))));
            List<String> unknown = variables.stream()
                    .filter(name -> !launcher.contains(name) && config.keyOfEnvVar(name).isEmpty()).toList();
            assertEquals(List.of(), unknown, service + " in " + overlay + " has no configuration key for these");
            assertTrue(variables.containsAll(List.of("KAFKA_BOOTSTRAP_SERVERS", "QUARKUS_DATASOURCE_JDBC_URL",
                    "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD", "PAPERDIGEST_ADMIN_API_KEY")), service);
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void servicesRunLockedDownWithProbesAndResources(String overlay) throws IOException {
        KubernetesManifests manifests = KubernetesManifests.ofOverlay(overlay);
        for (String service : SERVICES) {
            Map<String, Object> pod = YamlTree.map(YamlTree.at(manifests.one("Deployment", service), "spec", "template", "spec"));
            Map<String, Object> container = container(manifests, service);
            assertEquals(true, YamlTree.at(pod, "securityContext", "runAsNonRoot"), service);
            assertEquals(true, YamlTree.at(container, "securityContext", "readOnlyRootFilesystem"), service);
            assertEquals(false, YamlTree.at(container, "securityContext", "allowPrivilegeEscalation"), service);
            assertTrue(YamlTree.list(container.get("volumeMounts")).stream()
                    .anyMatch(mount -> "/tmp".equals(YamlTree.at(mount, "mountPath"))), service + " can write /tmp");
            assertEquals("/q/health/live", YamlTree.at(container, "livenessProbe", "httpGet", "path"), service);
            assertEquals("/q/health/ready", YamlTree.at(container, "readinessProbe", "httpGet", "path"), service);
            assertEquals("/q/health/started", YamlTree.at(container, "startupProbe", "httpGet", "path"), service);
            for (String resource : List.of("requests", "limits")) {
                assertNotNull(YamlTree.at(container, "resources", resource, "memory"), service + " memory " + resource);
            }
            assertNotNull(YamlTree.at(container, "resources", "requests", "cpu"), service);
            Properties properties = ComposeConsistencyTest.applicationProperties(service);
            assertEquals(Integer.valueOf(properties.getProperty("quarkus.http.port")),
                    YamlTree.at(YamlTree.list(container.get("ports")).get(0), "containerPort"), service);
            assertEquals("paper-digest/" + service, String.valueOf(container.get("image")).split(":")[0], service);
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void kafkaTopicsAndDatabaseAreWhereTheServicesLook(String overlay) throws IOException {
        KubernetesManifests manifests = KubernetesManifests.ofOverlay(overlay);
        Map<String, Object> infra = YamlTree.map(manifests.one("ConfigMap", "paper-digest-infra").get("data"));
        Map<String, Object> kafka = manifests.ofKind("Kafka").get(0);
        String kafkaName = String.valueOf(YamlTree.at(kafka, "metadata", "name"));
        Object plainPort = YamlTree.list(YamlTree.at(kafka, "spec", "kafka", "listeners")).stream()
                .filter(listener -> Boolean.FALSE.equals(YamlTree.at(listener, "tls")))
                .map(listener -> YamlTree.at(listener, "port")).findFirst().orElseThrow();
        assertEquals(kafkaName + "-kafka-bootstrap:" + plainPort, infra.get("KAFKA_BOOTSTRAP_SERVERS"),
                "Strimzi's bootstrap Service of Kafka " + kafkaName);

        Map<String, Object> cluster = manifests.ofKind("Cluster").get(0);
        String clusterName = String.valueOf(YamlTree.at(cluster, "metadata", "name"));
        assertEquals("jdbc:postgresql://" + clusterName + "-rw:5432/" + YamlTree.at(cluster, "spec", "bootstrap", "initdb", "database"),
                infra.get("QUARKUS_DATASOURCE_JDBC_URL"), "CloudNativePG's read-write Service and database");
        for (String service : SERVICES) {
            for (Object variable : YamlTree.list(container(manifests, service).get("env"))) {
                String name = String.valueOf(YamlTree.at(variable, "name"));
                if (name.startsWith("QUARKUS_DATASOURCE_")) {
                    assertEquals(clusterName + "-app", YamlTree.at(variable, "valueFrom", "secretKeyRef", "name"),
                            "the application Secret CloudNativePG makes, for " + name);
                }
            }
        }

        Set<String> topics = new TreeSet<>();
        for (Map<String, Object> topic : manifests.ofKind("KafkaTopic")) {
            assertEquals(kafkaName, KubernetesManifests.labels(topic).get("strimzi.io/cluster"));
            Object topicName = YamlTree.at(topic, "spec", "topicName");
            topics.add(String.valueOf(topicName != null ? topicName : YamlTree.at(topic, "metadata", "name")));
        }
        assertEquals(ComposeConsistencyTest.topicsTheServicesUse(), topics);
    }

    private static Map<String, Object> container(KubernetesManifests manifests, String service) {
        List<Object> containers = YamlTree.list(YamlTree.at(manifests.one("Deployment", service), "spec", "template", "spec", "containers"));
        List<Map<String, Object>> named = new ArrayList<>();
        containers.forEach(container -> {
            if (service.equals(YamlTree.at(container, "name"))) {
                named.add(YamlTree.map(container));
            }
        });
        assertEquals(1, named.size(), "container " + service);
        return named.get(0);
    }
}
