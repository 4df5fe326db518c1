package dev.paperdigest.deploy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Where kubectl is installed, Kustomize itself builds each overlay: every patch applies, and every object of the
 * result is labelled part of paper-digest. (No Debian package carries a kubectl recent enough for these files, so
 * without one this check is skipped; {@link KubernetesManifestsTest} runs everywhere.)
 */
class KustomizeBuildTest {

    static List<String> overlays() {
        return KubernetesManifests.OVERLAYS;
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void kustomizeBuildsTheOverlayAndLabelsEveryObject(String overlay) throws IOException, InterruptedException {
        assumeTrue(List.of(System.getenv("PATH").split(":")).stream()
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "kubectl"))), "kubectl is not installed");
        Path output = Files.createTempFile("kustomize-" + overlay, ".yaml");
        try {
            Process kustomize = new ProcessBuilder("kubectl", "kustomize",
                    KubernetesManifests.ROOT.resolve("overlays").resolve(overlay).toString())
                    .redirectOutput(output.toFile()).redirectError(ProcessBuilder.Redirect.PIPE).start();
            String errors = new String(kustomize.getErrorStream().readAllBytes());
            assertTrue(kustomize.waitFor(60, TimeUnit.SECONDS), "kubectl kustomize answered");
            assertEquals(0, kustomize.exitValue(), errors);
            List<Map<String, Object>> objects = YamlTree.loadAll(output);
            assertTrue(objects.size() >= KubernetesManifests.ofOverlay(overlay).objects.size(),
                    "every object of the overlay is built");
            for (Map<String, Object> object : objects) {
                if (!"Namespace".equals(object.get("kind"))) {
                    assertEquals("paper-digest", KubernetesManifests.labels(object).get("app.kubernetes.io/part-of"),
                            object.get("kind") + "/" + YamlTree.at(object, "metadata", "name"));
                }
            }
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
