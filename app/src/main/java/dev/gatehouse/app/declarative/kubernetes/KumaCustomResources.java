package dev.gatehouse.app.declarative.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.declarative.SortedYaml;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Kuma resources between their Universal JSON (the REST API's: {@code type}, {@code mesh}, {@code name},
 * {@code labels}, the spec inline for old-style types and under {@code spec} for new ones) and the custom resources
 * ({@code kuma.io/v1alpha1}) Kuma stores them as on Kubernetes, following Kuma's own Kubernetes store
 * (pkg/plugins/resources/k8s/store.go, converter.go): the body always under {@code spec}; the mesh a top-level
 * {@code mesh} field for old-style types (api/.../native/api/v1alpha1/zz_generated.mesh.go) and the label
 * {@code kuma.io/mesh} for new-style policies (e.g. meshtrafficpermission/k8s/v1alpha1/zz_generated.types.go); a
 * namespaced object's Kuma name {@code <name>.<namespace>} (pkg/util/k8s/name_converter.go); the label
 * {@code kuma.io/display-name} kept as an annotation (store.go SplitLabelsAndAnnotations).
 */
public final class KumaCustomResources {

    public static final String GROUP = "kuma.io";
    public static final String VERSION = "v1alpha1";
    public static final String API_VERSION = GROUP + "/" + VERSION;
    /** Where a new-style policy names its mesh (pkg/plugins/runtime/k8s/metadata KumaMeshLabel). */
    public static final String MESH_LABEL = "kuma.io/mesh";
    /** The Kuma name's display part; on Kubernetes an annotation, since a label value has at most 63 characters. */
    public static final String DISPLAY_NAME = "kuma.io/display-name";
    /** Kuma's mesh when a new-style policy has no mesh label (core_model.DefaultMesh). */
    public static final String DEFAULT_MESH = "default";

    /** The Universal fields that are no part of the body: the meta and what the store sets. */
    private static final List<String> META =
            List.of("type", "mesh", "name", "labels", "creationTime", "modificationTime", "kri");

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private KumaCustomResources() {}

    /** Where the custom resource of a type keeps its mesh. */
    public enum MeshPlacement {
        /** The type is global (Mesh). */
        NONE,
        /** A top-level {@code mesh:} beside metadata and spec (old-style types). */
        FIELD,
        /** The label {@code kuma.io/mesh} (new-style policies). */
        LABEL
    }

    /**
     * How Kuma stores one type as a custom resource: its kind, the CRD's plural, whether objects are namespaced,
     * where the mesh is, and whether the Universal form holds the body inline (old-style) or under {@code spec}.
     */
    public record Kind(String type, String plural, boolean namespaced, MeshPlacement mesh, boolean inlineSpec) {

        /**
         * The known type of {@code type}: Mesh and TrafficPermission are cluster-scoped, Dataplane is namespaced
         * with a top-level mesh (deployments/charts/kuma/crds/kuma.io_*.yaml), and every new-style policy
         * ({@code Mesh...}: MeshTrafficPermission, MeshAccessLog) is namespaced with the mesh label. Empty for other
         * old-style types, whose CRDs the console does not use.
         */
        public static Optional<Kind> of(String type) {
            return switch (type) {
                case "Mesh" -> Optional.of(new Kind(type, "meshes", false, MeshPlacement.NONE, true));
                case "Dataplane" -> Optional.of(new Kind(type, "dataplanes", true, MeshPlacement.FIELD, true));
                case "TrafficPermission" ->
                    Optional.of(new Kind(type, "trafficpermissions", false, MeshPlacement.FIELD, true));
                default ->
                    type.startsWith("Mesh") && !type.startsWith("MeshGateway")
                            ? Optional.of(new Kind(
                                    type, type.toLowerCase(Locale.ROOT) + "s", true, MeshPlacement.LABEL, false))
                            : Optional.empty();
            };
        }
    }

    /** The Kubernetes name and namespace (empty for a cluster-scoped object) of a Kuma name. */
    public record ObjectName(String name, String namespace) {}

    /**
     * Where the object named {@code kumaName} is stored: a cluster-scoped type keeps the name; a namespaced one is
     * {@code <name>.<namespace>}, split at the last dot as Kuma does (CoreNameToK8sName), and a name without a dot
     * goes to {@code defaultNamespace} (the control plane's), where Kuma keeps mesh-wide policies.
     */
    public static ObjectName objectName(Kind kind, String kumaName, String defaultNamespace) {
        if (!kind.namespaced()) {
            return new ObjectName(kumaName, "");
        }
        int dot = kumaName.lastIndexOf('.');
        return dot < 0 || dot == kumaName.length() - 1
                ? new ObjectName(kumaName, defaultNamespace)
                : new ObjectName(kumaName.substring(0, dot), kumaName.substring(dot + 1));
    }

    /** The Kuma name of a stored object (KubernetesMetaAdapter.GetName). */
    public static String kumaName(String name, String namespace) {
        return namespace == null || namespace.isEmpty() ? name : name + "." + namespace;
    }

    /**
     * The body of a Universal resource, as the custom resource's {@code spec}: everything but the meta for an
     * old-style resource, its {@code spec} for a new-style one; keys sorted, so the same resource always gives the
     * same object.
     */
    public static JsonNode spec(ObjectNode universal) {
        ObjectNode rest = universal.deepCopy();
        rest.remove(META);
        if (rest.size() == 1 && rest.has("spec")) {
            return SortedYaml.sorted(rest.get("spec"));
        }
        return SortedYaml.sorted(rest);
    }

    /**
     * The custom resource of {@code universal} named {@code name} (in {@code namespace} when the type is
     * namespaced) with {@code labels}, and the mesh where the type keeps it. Fields in kubectl's order: apiVersion,
     * kind, mesh, metadata, spec.
     */
    public static ObjectNode toKubernetes(
            Kind kind, ObjectNode universal, ObjectName name, Map<String, String> labels) {
        String mesh = universal.path("mesh").asText("");
        ObjectNode object = JSON.objectNode().put("apiVersion", API_VERSION).put("kind", kind.type());
        if (kind.mesh() == MeshPlacement.FIELD) {
            object.put("mesh", mesh);
        }
        ObjectNode metadata = object.putObject("metadata").put("name", name.name());
        if (kind.namespaced()) {
            metadata.put("namespace", name.namespace());
        }
        if (!labels.isEmpty() || kind.mesh() == MeshPlacement.LABEL) {
            ObjectNode out = metadata.putObject("labels");
            labels.forEach(out::put);
            if (kind.mesh() == MeshPlacement.LABEL) {
                out.put(MESH_LABEL, mesh);
            }
        }
        object.set("spec", spec(universal));
        return object;
    }

    /**
     * The Universal resource of a custom resource, as Kuma's REST API shows it on Kubernetes: the Kuma name, the
     * mesh, the creation time as both times (KubernetesMetaAdapter keeps no modification time), the labels with
     * {@code kuma.io/display-name} (its annotation, else the object's name), and the spec inline or under
     * {@code spec} by type.
     */
    public static ObjectNode toUniversal(Kind kind, JsonNode object) {
        JsonNode metadata = object.path("metadata");
        String name = metadata.path("name").asText();
        ObjectNode universal = JSON.objectNode().put("type", kind.type());
        switch (kind.mesh()) {
            case FIELD -> universal.put("mesh", object.path("mesh").asText(DEFAULT_MESH));
            case LABEL ->
                universal.put("mesh", metadata.path("labels").path(MESH_LABEL).asText(DEFAULT_MESH));
            case NONE -> {
                // a global type
            }
        }
        universal.put(
                "name",
                kumaName(name, kind.namespaced() ? metadata.path("namespace").asText("") : ""));
        String created = metadata.path("creationTimestamp").asText("");
        if (!created.isEmpty()) {
            universal.put("creationTime", created).put("modificationTime", created);
        }
        Map<String, String> labels = new TreeMap<>();
        metadata.path("labels")
                .properties()
                .forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
        labels.put(DISPLAY_NAME, metadata.path("annotations").path(DISPLAY_NAME).asText(name));
        ObjectNode out = universal.putObject("labels");
        labels.forEach(out::put);
        JsonNode spec = object.path("spec");
        if (kind.inlineSpec()) {
            if (spec.isObject()) {
                universal.setAll((ObjectNode) spec.deepCopy());
            }
        } else {
            universal.set("spec", spec.isObject() ? spec.deepCopy() : JSON.objectNode());
        }
        return universal;
    }
}
