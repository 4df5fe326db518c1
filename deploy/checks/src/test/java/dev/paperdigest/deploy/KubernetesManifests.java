package dev.paperdigest.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The objects of deploy/kubernetes as Kustomize would assemble them for one overlay: the resources it lists (files,
 * or directories with their own kustomization.yaml, recursively) with the overlay's ConfigMap patches merged in.
 */
final class KubernetesManifests {

    static final Path ROOT = Path.of("deploy", "kubernetes");
    static final List<String> OVERLAYS = List.of("dev", "production");

    final List<Map<String, Object>> objects = new ArrayList<>();
    /** Kind/name of each object patched. */
    final List<String> patched = new ArrayList<>();

    static KubernetesManifests ofOverlay(String overlay) throws IOException {
        KubernetesManifests manifests = new KubernetesManifests();
        manifests.read(ROOT.resolve("overlays").resolve(overlay));
        return manifests;
    }

    private void read(Path directory) throws IOException {
        Path kustomization = directory.resolve("kustomization.yaml");
        if (!Files.exists(kustomization)) {
            throw new IllegalStateException(directory + " has no kustomization.yaml");
        }
        Map<String, Object> spec = YamlTree.load(kustomization);
        for (Object resource : YamlTree.list(spec.get("resources"))) {
            Path path = directory.resolve(String.valueOf(resource)).normalize();
            if (Files.isDirectory(path)) {
                read(path);
            } else if (Files.exists(path)) {
                objects.addAll(YamlTree.loadAll(path));
            } else {
                throw new IllegalStateException(kustomization + " lists " + resource + ", which does not exist");
            }
        }
        for (Object patch : YamlTree.list(spec.get("patches"))) {
            Object text = YamlTree.at(patch, "patch");
            if (text != null) {
                applyPatch(YamlTree.map(new org.yaml.snakeyaml.Yaml().load(String.valueOf(text))));
            }
        }
    }

    /**
     * {@code $patch: delete} removes the object; ConfigMap data is merged key by key (what the services get); other
     * patches are only checked to meet an object.
     */
    @SuppressWarnings("unchecked")
    private void applyPatch(Map<String, Object> patch) {
        String kind = String.valueOf(patch.get("kind"));
        String name = String.valueOf(YamlTree.at(patch, "metadata", "name"));
        patched.add(kind + "/" + name);
        Map<String, Object> target = one(kind, name); // a patch that meets no object is a mistake
        if ("delete".equals(patch.get("$patch"))) {
            objects.remove(target);
        } else if ("ConfigMap".equals(kind)) {
            Map<String, Object> data = new LinkedHashMap<>(YamlTree.map(target.get("data")));
            data.putAll(YamlTree.map(patch.get("data")));
            target.put("data", data);
        }
    }

    List<Map<String, Object>> ofKind(String kind) {
        return objects.stream().filter(object -> kind.equals(object.get("kind"))).toList();
    }

    Map<String, Object> one(String kind, String name) {
        return ofKind(kind).stream().filter(object -> name.equals(YamlTree.at(object, "metadata", "name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    boolean has(String kind, String name) {
        return ofKind(kind).stream().anyMatch(object -> Objects.equals(name, YamlTree.at(object, "metadata", "name")));
    }

    static Map<String, Object> labels(Object object) {
        return YamlTree.map(YamlTree.at(object, "metadata", "labels"));
    }
}
