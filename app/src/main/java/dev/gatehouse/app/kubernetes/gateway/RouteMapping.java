package dev.gatehouse.app.kubernetes.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.declarative.kubernetes.HttpRoutes;
import dev.gatehouse.app.declarative.kubernetes.KongManifests;
import dev.gatehouse.app.declarative.kubernetes.Names;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Kong routes as the namespace's Ingresses of class {@code kong} and HTTPRoutes attached to KIC's Gateways: hosts
 * and paths in the rules, the other route fields as KIC's annotations (with KIC's defaults where one is absent:
 * strip_path false, preserve_host true), the service as the backend Service. New routes are HTTPRoutes when the
 * connection names a Gateway for them ({@link Cluster#routesGateway()}), Ingresses otherwise; an existing one stays
 * the kind it is.
 */
final class RouteMapping implements KindMapping {

    @Override
    public List<ObjectNode> list(Snapshot snapshot) {
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode ingress : snapshot.kongIngresses()) {
            out.add(entity(snapshot, ingress, KongManifests.routeFields(ingress), KongManifests.backend(ingress)));
        }
        for (ObjectNode httpRoute : snapshot.kongHttpRoutes()) {
            out.add(entity(snapshot, httpRoute, HttpRoutes.routeFields(httpRoute), HttpRoutes.backend(httpRoute)));
        }
        return out;
    }

    private static ObjectNode entity(
            Snapshot snapshot, ObjectNode object, ObjectNode fields, Optional<Map.Entry<String, Integer>> backend) {
        fields.set(
                "service",
                backend.flatMap(b -> snapshot.byName(KubeType.SERVICE, b.getKey()))
                        .<JsonNode>map(s -> KubeObjects.ref(KubeObjects.uid(s)))
                        .orElse(NullNode.getInstance()));
        return KubeObjects.entity(object, fields, true);
    }

    @Override
    public List<String> identities() {
        return List.of("name");
    }

    @Override
    public String create(Snapshot snapshot, ObjectNode route) {
        ObjectNode service = backend(snapshot, route);
        String name = route.path("name").asText("");
        Cluster cluster = snapshot.cluster();
        KubeType type = cluster.routesGateway().isPresent() ? KubeType.HTTP_ROUTE : KubeType.INGRESS;
        if (name.isEmpty()) {
            // Kong routes may be nameless, Kubernetes objects may not: name it after its service.
            name = new Names(snapshot.names(type)).unique(KubeObjects.name(service));
        } else if (!Names.isObjectName(name)) {
            throw Refusals.schemaViolation(
                    "name",
                    "'" + name + "' cannot name a Kubernetes " + type.kind()
                            + ": use lower-case letters, digits, '-' and '.',"
                            + " starting and ending with a letter or digit (for example " + Names.valid(name) + ")");
        }
        String objectName = name;
        ObjectNode manifest = cluster.routesGateway()
                .map(gateway -> HttpRoutes.manifest(
                        route, objectName, cluster.namespace(), gateway, KubeObjects.name(service), port(service)))
                .orElseGet(() -> KongManifests.ingress(
                        route, objectName, cluster.namespace(), KubeObjects.name(service), port(service)));
        return KubeObjects.uid(cluster.create(type, manifest));
    }

    @Override
    public void update(Snapshot snapshot, ObjectNode current, ObjectNode merged) {
        if (!Objects.equals(current.path("name").asText(), merged.path("name").asText())) {
            throw Refusals.schemaViolation(
                    "name", "a Kubernetes object cannot be renamed; create another route and delete this one");
        }
        ObjectNode object = manifest(snapshot, current);
        KubeType type = KubeType.of(object);
        boolean ingress = type == KubeType.INGRESS;
        List<String> managed = new ArrayList<>(KongManifests.ROUTE_ANNOTATIONS);
        KongManifests.annotations(object).fieldNames().forEachRemaining(key -> {
            if (key.startsWith("konghq.com/headers.")) {
                managed.add(key);
            }
        });
        ObjectNode updated = KubeObjects.reannotated(object, managed, Map.of());
        KongManifests.routeAnnotations(updated, merged, ingress);
        KongManifests.tags(updated, merged);
        // An HTTPRoute's methods and headers are in its matches, an Ingress's in annotations.
        List<String> inRules = ingress
                ? List.of("hosts", "paths", "service")
                : List.of("hosts", "paths", "service", "methods", "headers");
        boolean rulesChanged = inRules.stream().anyMatch(f -> !Objects.equals(current.get(f), merged.get(f)));
        if (rulesChanged) {
            // Only when the rules' fields change: rewriting keeps nothing of hand-written rules' match types.
            ObjectNode service = backend(snapshot, merged);
            ObjectNode spec = (ObjectNode) updated.get("spec");
            if (ingress) {
                spec.set(
                        "rules",
                        KongManifests.ingressSpec(merged, KubeObjects.name(service), port(service))
                                .get("rules"));
            } else {
                HttpRoutes.whyNotRewritable(object).ifPresent(why -> {
                    throw Refusals.schemaViolation("paths", why);
                });
                // The parentRefs stay: the route stays on the Gateways it was attached to.
                HttpRoutes.routing(spec, merged, KubeObjects.name(service), port(service));
            }
        }
        snapshot.cluster().update(type, updated);
    }

    @Override
    public void delete(Snapshot snapshot, ObjectNode current) {
        ObjectNode object = manifest(snapshot, current);
        PluginMapping.cascade(snapshot, object);
        snapshot.cluster().delete(KubeType.of(object), KubeObjects.name(object));
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
        return snapshot.routeObjects().stream()
                .filter(o -> id.equals(KubeObjects.uid(o)))
                .findFirst()
                .orElseThrow(() -> Refusals.notFound("Route " + id));
    }

    /** The Service the route sends to: an Ingress and an HTTPRoute need one. */
    private static ObjectNode backend(Snapshot snapshot, ObjectNode route) {
        JsonNode ref = route.get("service");
        if (ref == null || ref.isNull()) {
            throw Refusals.schemaViolation(
                    "service", "an Ingress or HTTPRoute needs a backend Service: give the route a service");
        }
        return References.resolve(snapshot, "service", ref);
    }

    private static int port(ObjectNode service) {
        JsonNode port = service.path("spec").path("ports").path(0).path("port");
        if (!port.isInt()) {
            throw Refusals.schemaViolation(
                    "service", "Service " + KubeObjects.name(service) + " has no port for the route to send to");
        }
        return port.asInt();
    }
}
