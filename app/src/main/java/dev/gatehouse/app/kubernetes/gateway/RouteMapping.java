package dev.gatehouse.app.kubernetes.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.declarative.kubernetes.KongManifests;
import dev.gatehouse.app.declarative.kubernetes.Names;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Kong routes as the namespace's Ingresses of class {@code kong}: hosts and paths in the rules, the other route
 * fields as KIC's annotations (with KIC's defaults where one is absent: strip_path false, preserve_host true), the
 * service as the backend Service of the paths.
 */
final class RouteMapping implements KindMapping {

    @Override
    public List<ObjectNode> list(Snapshot snapshot) {
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode ingress : snapshot.kongIngresses()) {
            ObjectNode fields = KongManifests.routeFields(ingress);
            fields.set(
                    "service",
                    KongManifests.backend(ingress)
                            .flatMap(b -> snapshot.byName(KubeType.SERVICE, b.getKey()))
                            .<JsonNode>map(s -> KubeObjects.ref(KubeObjects.uid(s)))
                            .orElse(NullNode.getInstance()));
            out.add(KubeObjects.entity(ingress, fields, true));
        }
        return out;
    }

    @Override
    public List<String> identities() {
        return List.of("name");
    }

    @Override
    public String create(Snapshot snapshot, ObjectNode route) {
        ObjectNode service = backend(snapshot, route);
        String name = route.path("name").asText("");
        if (name.isEmpty()) {
            // Kong routes may be nameless, Ingresses may not: name it after its service.
            name = new Names(snapshot.names(KubeType.INGRESS)).unique(KubeObjects.name(service));
        } else if (!Names.isObjectName(name)) {
            throw Refusals.schemaViolation(
                    "name",
                    "'" + name + "' cannot name a Kubernetes Ingress: use lower-case letters, digits, '-' and '.',"
                            + " starting and ending with a letter or digit (for example " + Names.valid(name) + ")");
        }
        Cluster cluster = snapshot.cluster();
        ObjectNode ingress =
                KongManifests.ingress(route, name, cluster.namespace(), KubeObjects.name(service), port(service));
        return KubeObjects.uid(cluster.create(KubeType.INGRESS, ingress));
    }

    @Override
    public void update(Snapshot snapshot, ObjectNode current, ObjectNode merged) {
        if (!Objects.equals(current.path("name").asText(), merged.path("name").asText())) {
            throw Refusals.schemaViolation(
                    "name", "a Kubernetes Ingress cannot be renamed; create another route and delete this one");
        }
        ObjectNode ingress = manifest(snapshot, current);
        List<String> managed = new ArrayList<>(KongManifests.ROUTE_ANNOTATIONS);
        KongManifests.annotations(ingress).fieldNames().forEachRemaining(key -> {
            if (key.startsWith("konghq.com/headers.")) {
                managed.add(key);
            }
        });
        ObjectNode updated = KubeObjects.reannotated(ingress, managed, Map.of());
        KongManifests.routeAnnotations(updated, merged, true);
        KongManifests.tags(updated, merged);
        boolean rulesChanged = List.of("hosts", "paths", "service").stream()
                .anyMatch(f -> !Objects.equals(current.get(f), merged.get(f)));
        if (rulesChanged) {
            // Only when hosts, paths or service change: rewriting keeps nothing of hand-written rules' path types.
            ObjectNode service = backend(snapshot, merged);
            ((ObjectNode) updated.get("spec"))
                    .set(
                            "rules",
                            KongManifests.ingressSpec(merged, KubeObjects.name(service), port(service))
                                    .get("rules"));
        }
        snapshot.cluster().update(KubeType.INGRESS, updated);
    }

    @Override
    public void delete(Snapshot snapshot, ObjectNode current) {
        ObjectNode ingress = manifest(snapshot, current);
        PluginMapping.cascade(snapshot, ingress);
        snapshot.cluster().delete(KubeType.INGRESS, KubeObjects.name(ingress));
    }

    /** {@code ingress} with backends on port {@code from} moved to {@code to}. */
    static ObjectNode withBackendPort(ObjectNode ingress, int from, int to) {
        ObjectNode copy = ingress.deepCopy();
        for (JsonNode rule : copy.path("spec").path("rules")) {
            for (JsonNode path : rule.path("http").path("paths")) {
                JsonNode port = path.path("backend").path("service").path("port");
                if (port instanceof ObjectNode number && number.path("number").asInt() == from) {
                    number.put("number", to);
                }
            }
        }
        return copy;
    }

    private static ObjectNode manifest(Snapshot snapshot, ObjectNode current) {
        String id = current.path("id").asText();
        return snapshot.byUid(KubeType.INGRESS, id).orElseThrow(() -> Refusals.notFound("Route " + id));
    }

    /** The Service the route sends to: an Ingress needs one. */
    private static ObjectNode backend(Snapshot snapshot, ObjectNode route) {
        JsonNode ref = route.get("service");
        if (ref == null || ref.isNull()) {
            throw Refusals.schemaViolation("service", "an Ingress needs a backend Service: give the route a service");
        }
        return References.resolve(snapshot, "service", ref);
    }

    private static int port(ObjectNode service) {
        JsonNode port = service.path("spec").path("ports").path(0).path("port");
        if (!port.isInt()) {
            throw Refusals.schemaViolation(
                    "service", "Service " + KubeObjects.name(service) + " has no port for the Ingress to send to");
        }
        return port.asInt();
    }
}
