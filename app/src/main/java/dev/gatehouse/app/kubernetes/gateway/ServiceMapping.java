package dev.gatehouse.app.kubernetes.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.declarative.kubernetes.HttpRoutes;
import dev.gatehouse.app.declarative.kubernetes.KongManifests;
import dev.gatehouse.app.declarative.kubernetes.Names;
import dev.gatehouse.app.repository.gateway.GatewayException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Objects;

/**
 * Kong services as the namespace's Services: every Service can be a route's backend, so every Service is listed. A
 * service made here is an ExternalName Service to the Kong service's host, its other fields as KIC's service
 * annotations; a Service that selects pods belongs to its workload, so its host and port are the cluster's and it is
 * not deleted from here.
 */
final class ServiceMapping implements KindMapping {

    @Override
    public List<ObjectNode> list(Snapshot snapshot) {
        return snapshot.all(KubeType.SERVICE).stream()
                .map(s -> KubeObjects.entity(s, KongManifests.serviceFields(s), true))
                .toList();
    }

    @Override
    public List<String> identities() {
        return List.of("name");
    }

    @Override
    public String create(Snapshot snapshot, ObjectNode entity) {
        ObjectNode service = withUrl(entity);
        String name = service.path("name").asText("");
        if (name.isEmpty()) {
            throw Refusals.schemaViolation("name", "a Kubernetes Service needs a name");
        }
        if (!Names.isServiceName(name)) {
            throw Refusals.schemaViolation(
                    "name",
                    "'" + name + "' cannot name a Kubernetes Service: use lower-case letters, digits and '-', starting"
                            + " with a letter, at most 63 characters (for example " + Names.valid(name) + ")");
        }
        if (service.path("host").asText("").isEmpty()) {
            throw Refusals.schemaViolation("host", "required field missing");
        }
        Cluster cluster = snapshot.cluster();
        return KubeObjects.uid(
                cluster.create(KubeType.SERVICE, KongManifests.service(service, name, cluster.namespace())));
    }

    @Override
    public void update(Snapshot snapshot, ObjectNode current, ObjectNode changed) {
        ObjectNode merged = withUrl(changed);
        ObjectNode manifest = manifest(snapshot, current);
        if (!Objects.equals(current.path("name").asText(), merged.path("name").asText())) {
            throw Refusals.schemaViolation(
                    "name", "a Kubernetes Service cannot be renamed; create another service and move the routes to it");
        }
        boolean external = isExternal(manifest);
        int oldPort = current.path("port").asInt();
        int newPort = KongManifests.port(merged);
        if (!external) {
            for (String field : List.of("host", "port")) {
                if (!Objects.equals(
                        current.path(field).asText(), merged.path(field).asText())) {
                    throw Refusals.schemaViolation(
                            field,
                            "Service " + current.path("name").asText() + " selects pods, so its " + field
                                    + " is the cluster's; change the Service itself to change it");
                }
            }
        }
        ObjectNode updated = KubeObjects.reannotated(
                manifest, KongManifests.SERVICE_ANNOTATIONS, KongManifests.serviceAnnotations(merged));
        if (external) {
            ObjectNode spec = (ObjectNode) updated.get("spec");
            spec.put("externalName", merged.path("host").asText());
            ((ObjectNode) spec.withArray("ports").get(0)).put("port", newPort);
        }
        Cluster cluster = snapshot.cluster();
        cluster.update(KubeType.SERVICE, updated);
        if (oldPort != newPort) {
            // Kong routes point at a service, Ingress backends at a Service's port: follow the port.
            for (ObjectNode route : routesOf(snapshot, manifest)) {
                KubeType type = KubeType.of(route);
                cluster.update(
                        type,
                        type == KubeType.HTTP_ROUTE
                                ? HttpRoutes.withBackendPort(route, oldPort, newPort)
                                : RouteMapping.withBackendPort(route, oldPort, newPort));
            }
        }
    }

    @Override
    public void delete(Snapshot snapshot, ObjectNode current) {
        ObjectNode manifest = manifest(snapshot, current);
        if (!isExternal(manifest)) {
            throw new GatewayException(
                    400,
                    null,
                    "Service " + current.path("name").asText() + " selects pods: it is its workload's Service, not one"
                            + " made for the gateway, so it is not deleted from here; delete the routes that use it.",
                    java.util.Map.of());
        }
        if (!routesOf(snapshot, manifest).isEmpty()) {
            throw Refusals.foreignKey(
                    "@referenced_by", "an existing 'routes' entity references this 'services' entity");
        }
        PluginMapping.cascade(snapshot, manifest);
        snapshot.cluster().delete(KubeType.SERVICE, KubeObjects.name(manifest));
    }

    private static ObjectNode manifest(Snapshot snapshot, ObjectNode current) {
        String id = current.path("id").asText();
        return snapshot.byUid(KubeType.SERVICE, id).orElseThrow(() -> Refusals.notFound("Service " + id));
    }

    private static boolean isExternal(JsonNode manifest) {
        return "ExternalName".equals(manifest.path("spec").path("type").asText());
    }

    private static List<ObjectNode> routesOf(Snapshot snapshot, JsonNode service) {
        String name = KubeObjects.name(service);
        return snapshot.routeObjects().stream()
                .filter(route -> (KubeType.of(route) == KubeType.HTTP_ROUTE
                                ? HttpRoutes.backend(route)
                                : KongManifests.backend(route))
                        .map(b -> b.getKey().equals(name))
                        .orElse(false))
                .toList();
    }

    /**
     * Kong's {@code url} shorthand as protocol, host, port and path (kong/db/schema/entities/services.lua): port 443
     * for https and 80 otherwise when absent, no path when empty.
     */
    static ObjectNode withUrl(ObjectNode entity) {
        if (!entity.hasNonNull("url")) {
            return entity;
        }
        ObjectNode out = entity.deepCopy();
        out.remove("url");
        String text = entity.get("url").asText().trim();
        URI url;
        try {
            url = new URI(text);
        } catch (URISyntaxException e) {
            throw Refusals.schemaViolation("url", "invalid url: " + e.getReason());
        }
        if (url.getScheme() == null || url.getHost() == null) {
            throw Refusals.schemaViolation("url", "missing host in url");
        }
        String protocol = url.getScheme().toLowerCase(java.util.Locale.ROOT);
        out.put("protocol", protocol);
        out.put("host", url.getHost());
        out.put("port", url.getPort() > 0 ? url.getPort() : "https".equals(protocol) ? 443 : 80);
        if (url.getRawPath() == null || url.getRawPath().isEmpty()) {
            out.putNull("path");
        } else {
            out.put("path", url.getRawPath());
        }
        return out;
    }
}
