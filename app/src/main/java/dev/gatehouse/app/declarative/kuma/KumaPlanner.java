package dev.gatehouse.app.declarative.kuma;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.declarative.deck.Secrets;
import dev.gatehouse.app.declarative.plan.Change;
import dev.gatehouse.app.declarative.plan.Op;
import dev.gatehouse.app.declarative.plan.Plan;
import dev.gatehouse.app.declarative.plan.ValidationTarget;
import dev.gatehouse.app.repository.mesh.MeshRepository;
import dev.gatehouse.app.repository.mesh.MeshResourceType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What applying a Kuma YAML file would change, as {@code deck gateway sync} plans: resources of the file that the
 * control plane lacks are created, those that differ are updated (the whole resource is put, as Kuma's PUT
 * replaces), and the control plane's resources the file does not hold are deleted. The types managed are those an
 * export holds ({@link MeshState#types}); data planes only when the file holds some, since an export leaves them
 * out unless asked. A Mesh's {@code skipCreatingInitialPolicies} only matters when the mesh is created, so it is
 * not compared. Creates and updates go Mesh first; deletes go policies first, Meshes last.
 */
public final class KumaPlanner {

    private static final String SKIP_INITIAL = "skipCreatingInitialPolicies";

    private final MeshRepository mesh;

    public KumaPlanner(MeshRepository mesh) {
        this.mesh = mesh;
    }

    /** The plan for {@code file}'s documents. Blocks, so call it off the FX thread. */
    public Plan plan(List<ObjectNode> file) {
        boolean dataplanes =
                file.stream().anyMatch(d -> d.path("type").asText().equals(MeshResourceType.DATAPLANE.name()));
        List<MeshResourceType> types = MeshState.types(mesh, dataplanes);
        Map<String, Integer> order = new LinkedHashMap<>();
        for (int i = 0; i < types.size(); i++) {
            order.put(types.get(i).name(), i);
        }
        Map<String, ObjectNode> wanted = wanted(file, types, order);
        Map<String, ObjectNode> live = new LinkedHashMap<>();
        for (ObjectNode r : MeshState.load(mesh, types)) {
            ObjectNode copy = r.deepCopy();
            copy.remove(KumaYaml.MANAGED);
            live.put(key(copy), copy);
        }

        List<Change> changes = new ArrayList<>();
        List<ValidationTarget> targets = new ArrayList<>();
        for (Map.Entry<String, ObjectNode> e : wanted.entrySet()) {
            ObjectNode doc = e.getValue();
            MeshKind kind = new MeshKind(typeOf(types, doc));
            String name = displayName(doc);
            ObjectNode current = live.get(e.getKey());
            List<String> missing = new ArrayList<>();
            ObjectNode request = (ObjectNode) withLiveSecrets(doc, current, "", missing);
            Optional<String> refusal = missing.isEmpty()
                    ? Optional.empty()
                    : Optional.of(kind.word() + " " + name + " holds a redacted secret (" + String.join(", ", missing)
                            + ") and does not exist on the control plane, so there is no value to keep; export with"
                            + " --include-secrets to apply it.");
            targets.add(new ValidationTarget(kind, name, request, refusal));
            ObjectNode after = KumaYaml.redacted(compared(request));
            if (current == null) {
                changes.add(new Change(
                        Op.CREATE,
                        kind,
                        name,
                        Optional.empty(),
                        JsonNodeFactory.instance.objectNode(),
                        after,
                        request));
            } else if (!compared(current).equals(compared(request))) {
                changes.add(new Change(
                        Op.UPDATE,
                        kind,
                        name,
                        Optional.of(name),
                        KumaYaml.redacted(compared(current)),
                        after,
                        request));
            }
        }
        List<ObjectNode> gone = new ArrayList<>();
        live.forEach((key, r) -> {
            if (!wanted.containsKey(key)) {
                gone.add(r);
            }
        });
        // Policies before their Mesh: later types first, Meshes (order 0) last.
        gone.sort(Comparator.<ObjectNode>comparingInt(
                        r -> -order.get(r.path("type").asText()))
                .thenComparing(r -> r.path("mesh").asText(""))
                .thenComparing(r -> r.path("name").asText()));
        for (ObjectNode r : gone) {
            String name = displayName(r);
            changes.add(new Change(
                    Op.DELETE,
                    new MeshKind(typeOf(types, r)),
                    name,
                    Optional.of(name),
                    KumaYaml.redacted(compared(r)),
                    JsonNodeFactory.instance.objectNode(),
                    r));
        }
        return new Plan(changes, targets);
    }

    /** The file's documents by key, in apply order; a sentence for a document the plan cannot take. */
    private static Map<String, ObjectNode> wanted(
            List<ObjectNode> file, List<MeshResourceType> types, Map<String, Integer> order) {
        Set<String> meshes = new HashSet<>();
        file.stream()
                .filter(d -> d.path("type").asText().equals(MeshResourceType.MESH.name()))
                .forEach(d -> meshes.add(d.path("name").asText()));
        List<ObjectNode> docs = new ArrayList<>();
        for (int i = 0; i < file.size(); i++) {
            ObjectNode doc = file.get(i).deepCopy();
            doc.remove(KumaYaml.MANAGED);
            String type = doc.path("type").asText();
            String where =
                    "Document " + (i + 1) + " (" + type + " " + doc.path("name").asText("") + ")";
            if (!order.containsKey(type)) {
                throw new KumaFileException(where + " has a type the control plane does not serve or a Kuma export"
                        + " does not hold (meshes, policies, secrets, data planes).");
            }
            if (doc.path("name").asText("").isEmpty()) {
                throw new KumaFileException(where + " has no name.");
            }
            if (!type.equals(MeshResourceType.MESH.name())) {
                String m = doc.path("mesh").asText("");
                if (m.isEmpty()) {
                    throw new KumaFileException(where + " has no mesh.");
                }
                if (!meshes.contains(m)) {
                    throw new KumaFileException(where + " is in mesh " + m + ", which the file does not hold; apply"
                            + " deletes the meshes a file does not hold, so the file must hold its Mesh.");
                }
            }
            docs.add(doc);
        }
        docs.sort(Comparator.<ObjectNode>comparingInt(
                        d -> order.get(d.path("type").asText()))
                .thenComparing(d -> d.path("mesh").asText(""))
                .thenComparing(d -> d.path("name").asText()));
        Map<String, ObjectNode> out = new LinkedHashMap<>();
        for (ObjectNode doc : docs) {
            if (out.put(key(doc), doc) != null) {
                throw new KumaFileException(
                        "The file holds " + doc.path("type").asText() + " " + displayName(doc) + " twice.");
            }
        }
        return out;
    }

    private static MeshResourceType typeOf(List<MeshResourceType> types, ObjectNode resource) {
        String type = resource.path("type").asText();
        return types.stream().filter(t -> t.name().equals(type)).findFirst().orElseThrow();
    }

    private static String key(ObjectNode r) {
        return r.path("type").asText() + "/" + r.path("mesh").asText("") + "/"
                + r.path("name").asText();
    }

    /** {@code name} for a Mesh, {@code mesh/name} for what lives in a mesh. */
    static String displayName(ObjectNode r) {
        String mesh = r.path("mesh").asText("");
        return mesh.isEmpty() || r.path("type").asText().equals(MeshResourceType.MESH.name())
                ? r.path("name").asText()
                : mesh + "/" + r.path("name").asText();
    }

    /** The resource as compared: without the creation-only {@code skipCreatingInitialPolicies} of a Mesh. */
    private static ObjectNode compared(ObjectNode r) {
        ObjectNode copy = r.deepCopy();
        if (copy.path("type").asText().equals(MeshResourceType.MESH.name())) {
            copy.remove(SKIP_INITIAL);
        }
        return copy;
    }

    /** {@code file} with each {@code <redacted>} value replaced by the live one; paths without one in missing. */
    private static JsonNode withLiveSecrets(JsonNode file, JsonNode live, String path, List<String> missing) {
        if (Secrets.isRedacted(file)) {
            if (live == null || live.isMissingNode() || live.isNull()) {
                missing.add(path);
                return file;
            }
            return live.deepCopy();
        }
        if (file instanceof ObjectNode object) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            object.properties()
                    .forEach(e -> out.set(
                            e.getKey(),
                            withLiveSecrets(
                                    e.getValue(),
                                    live == null ? null : live.get(e.getKey()),
                                    path.isEmpty() ? e.getKey() : path + "." + e.getKey(),
                                    missing)));
            return out;
        }
        if (file instanceof ArrayNode array) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            for (int i = 0; i < array.size(); i++) {
                out.add(withLiveSecrets(
                        array.get(i), live == null ? null : live.get(i), path + "[" + i + "]", missing));
            }
            return out;
        }
        return file;
    }
}
