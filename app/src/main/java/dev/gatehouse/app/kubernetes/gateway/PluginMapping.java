package dev.gatehouse.app.kubernetes.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.declarative.kubernetes.KongManifests;
import dev.gatehouse.app.declarative.kubernetes.Names;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Kong plugins as KIC reads them: a KongPlugin named by {@code konghq.com/plugins} on the Ingress or HTTPRoute (route), Service
 * (service) or KongConsumer (consumer) it applies to, a KongClusterPlugin named the same way, or a KongClusterPlugin
 * labelled {@code global: "true"} for a global plugin. A KongPlugin that nothing names configures nothing, so it is
 * no Kong plugin and is not listed; one named by several objects of a kind is listed once, on the first by name.
 */
final class PluginMapping implements KindMapping {

    /** The scope fields of a Kong plugin. */
    static final List<String> SCOPES = List.of("route", "service", "consumer");

    /** A plugin resource and the objects whose annotation names it. */
    private record Instance(KubeType type, ObjectNode resource, List<Referrer> referrers) {}

    private record Referrer(String scope, ObjectNode object) {}

    @Override
    public List<String> identities() {
        return List.of("instance_name");
    }

    @Override
    public List<ObjectNode> list(Snapshot snapshot) {
        List<ObjectNode> out = new ArrayList<>();
        for (Instance instance : instances(snapshot)) {
            ObjectNode fields = KongManifests.pluginFields(instance.resource());
            for (String scope : SCOPES) {
                fields.set(
                        scope,
                        instance.referrers().stream()
                                .filter(r -> r.scope().equals(scope))
                                .map(Referrer::object)
                                .min(Comparator.comparing(KubeObjects::name))
                                .<JsonNode>map(o -> KubeObjects.ref(KubeObjects.uid(o)))
                                .orElse(NullNode.getInstance()));
            }
            out.add(KubeObjects.entity(instance.resource(), fields, true));
        }
        return out;
    }

    /** The KongPlugins and KongClusterPlugins that configure something, with what names them. */
    private static List<Instance> instances(Snapshot snapshot) {
        Map<String, Instance> byUid = new LinkedHashMap<>();
        for (String scope : SCOPES) {
            for (ObjectNode object : referrers(snapshot, scope)) {
                for (String name : KongManifests.pluginNames(object)) {
                    resolve(snapshot, name)
                            .ifPresent(found -> byUid.computeIfAbsent(KubeObjects.uid(found.resource()), uid -> found)
                                    .referrers()
                                    .add(new Referrer(scope, object)));
                }
            }
        }
        for (ObjectNode cluster : snapshot.all(KubeType.KONG_CLUSTER_PLUGIN)) {
            if (isGlobal(cluster)) {
                byUid.putIfAbsent(
                        KubeObjects.uid(cluster),
                        new Instance(KubeType.KONG_CLUSTER_PLUGIN, cluster, new ArrayList<>()));
            }
        }
        return List.copyOf(byUid.values());
    }

    /** KIC looks a plugin name up among the namespace's KongPlugins first, then among KongClusterPlugins. */
    private static Optional<Instance> resolve(Snapshot snapshot, String name) {
        return snapshot.byName(KubeType.KONG_PLUGIN, name)
                .map(p -> new Instance(KubeType.KONG_PLUGIN, p, new ArrayList<>()))
                .or(() -> snapshot.byName(KubeType.KONG_CLUSTER_PLUGIN, name)
                        .map(p -> new Instance(KubeType.KONG_CLUSTER_PLUGIN, p, new ArrayList<>())));
    }

    private static boolean isGlobal(JsonNode clusterPlugin) {
        return "true"
                .equals(clusterPlugin
                        .path("metadata")
                        .path("labels")
                        .path(KongManifests.GLOBAL)
                        .asText());
    }

    /**
     * The objects a plugin's {@code scope} field points at, as KIC reads plugins from them: Kong's Ingresses and
     * HTTPRoutes (route), all Services (service), Kong-class KongConsumers (consumer).
     */
    static List<ObjectNode> referrers(Snapshot snapshot, String scope) {
        return switch (scope) {
            case "route" -> snapshot.routeObjects();
            case "service" -> snapshot.all(KubeType.SERVICE);
            case "consumer" -> snapshot.kongConsumers();
            default -> throw new IllegalArgumentException("not a plugin scope: " + scope);
        };
    }

    @Override
    public String create(Snapshot snapshot, ObjectNode plugin) {
        if (!plugin.hasNonNull("name")) {
            throw Refusals.schemaViolation("name", "required field missing");
        }
        Map<String, ObjectNode> targets = targets(snapshot, plugin);
        unique(snapshot, plugin, null);
        List<String> notes = new ArrayList<>();
        Cluster cluster = snapshot.cluster();
        ObjectNode manifest;
        KubeType type;
        if (targets.isEmpty()) {
            type = KubeType.KONG_CLUSTER_PLUGIN;
            String name = new Names(snapshot.names(type)).unique(KongManifests.pluginName(plugin, List.of()));
            manifest = KongManifests.plugin(plugin, name, null, notes);
        } else {
            type = KubeType.KONG_PLUGIN;
            List<String> targetNames =
                    targets.values().stream().map(KubeObjects::name).toList();
            String name = new Names(snapshot.names(type)).unique(KongManifests.pluginName(plugin, targetNames));
            manifest = KongManifests.plugin(plugin, name, cluster.namespace(), notes);
        }
        if (!notes.isEmpty()) {
            throw Refusals.schemaViolation("protocols", notes.getFirst());
        }
        ObjectNode created = cluster.create(type, manifest);
        String name = KubeObjects.name(created);
        try {
            targets.values().forEach(object -> attach(cluster, object, name));
        } catch (RuntimeException e) {
            // Without its annotation the plugin would configure nothing; leave no such object behind.
            cluster.delete(type, name);
            throw e;
        }
        return KubeObjects.uid(created);
    }

    @Override
    public void update(Snapshot snapshot, ObjectNode current, ObjectNode merged) {
        if (!Objects.equals(current.path("name").asText(), merged.path("name").asText())) {
            throw Refusals.schemaViolation(
                    "name", "a KongPlugin's plugin cannot change; delete this plugin and add the other one");
        }
        Instance instance = instance(snapshot, current);
        Map<String, ObjectNode> targets = targets(snapshot, merged);
        boolean global = targets.isEmpty();
        if (global
                != (instance.type() == KubeType.KONG_CLUSTER_PLUGIN
                        && instance.referrers().isEmpty())) {
            throw Refusals.schemaViolation(
                    dev.gatehouse.app.repository.gateway.GatewayException.ENTITY_FIELD,
                    "a global plugin is a KongClusterPlugin and a scoped one a KongPlugin; delete this plugin and"
                            + " create it again with the new scope");
        }
        unique(snapshot, merged, current.path("id").asText());
        List<String> notes = new ArrayList<>();
        ObjectNode resource = instance.resource().deepCopy();
        resource.remove(List.of("plugin", "config", "disabled", "protocols", "ordering", "instance_name"));
        KongManifests.pluginBody(resource, merged, notes);
        if (!notes.isEmpty()) {
            throw Refusals.schemaViolation("protocols", notes.getFirst());
        }
        Map<String, String> tags = KubeObjects.tagAnnotation(merged);
        Cluster cluster = snapshot.cluster();
        cluster.update(instance.type(), KubeObjects.reannotated(resource, List.of(KongManifests.TAGS), tags));
        String name = KubeObjects.name(instance.resource());
        for (String scope : SCOPES) {
            String was = current.path(scope).path("id").asText("");
            ObjectNode now = targets.get(scope);
            if (now != null && KubeObjects.uid(now).equals(was)) {
                continue;
            }
            if (!was.isEmpty()) {
                referrers(snapshot, scope).stream()
                        .filter(o -> was.equals(KubeObjects.uid(o)))
                        .findFirst()
                        .ifPresent(old -> detach(cluster, old, name));
            }
            if (now != null) {
                attach(cluster, now, name);
            }
        }
    }

    @Override
    public void delete(Snapshot snapshot, ObjectNode current) {
        Instance instance = instance(snapshot, current);
        String name = KubeObjects.name(instance.resource());
        Cluster cluster = snapshot.cluster();
        for (Referrer referrer : instance.referrers()) {
            detach(cluster, referrer.object(), name);
        }
        cluster.delete(instance.type(), name);
    }

    /**
     * Deletes the KongPlugins that only {@code object} names, before {@code object} goes: Kong deletes a route's,
     * service's or consumer's plugins with it. KongClusterPlugins stay, other namespaces may use them.
     */
    static void cascade(Snapshot snapshot, ObjectNode object) {
        for (Instance instance : instances(snapshot)) {
            if (instance.type() == KubeType.KONG_PLUGIN
                    && !instance.referrers().isEmpty()
                    && instance.referrers().stream()
                            .allMatch(r -> KubeObjects.uid(r.object()).equals(KubeObjects.uid(object)))) {
                snapshot.cluster().delete(KubeType.KONG_PLUGIN, KubeObjects.name(instance.resource()));
            }
        }
    }

    private static Instance instance(Snapshot snapshot, ObjectNode current) {
        String id = current.path("id").asText();
        return instances(snapshot).stream()
                .filter(i -> KubeObjects.uid(i.resource()).equals(id))
                .findFirst()
                .orElseThrow(() -> Refusals.notFound("Plugin " + id));
    }

    /** The objects the plugin's route, service and consumer references name. */
    private static Map<String, ObjectNode> targets(Snapshot snapshot, ObjectNode plugin) {
        Map<String, ObjectNode> targets = new LinkedHashMap<>();
        for (String scope : SCOPES) {
            JsonNode ref = plugin.get(scope);
            if (ref != null && !ref.isNull()) {
                targets.put(scope, References.resolve(snapshot, scope, ref));
            }
        }
        return targets;
    }

    /** Kong's plugin uniqueness: one plugin of a name per (route, service, consumer), answered with code 5. */
    private void unique(Snapshot snapshot, ObjectNode plugin, String except) {
        Map<String, ObjectNode> targets = targets(snapshot, plugin);
        for (ObjectNode existing : list(snapshot)) {
            if (existing.path("id").asText().equals(except)
                    || !existing.path("name")
                            .asText()
                            .equals(plugin.path("name").asText())) {
                continue;
            }
            boolean same = SCOPES.stream()
                    .allMatch(scope -> existing.path(scope)
                            .path("id")
                            .asText("")
                            .equals(targets.containsKey(scope) ? KubeObjects.uid(targets.get(scope)) : ""));
            if (same) {
                throw Refusals.unique(
                        "name",
                        "UNIQUE violation detected on '{consumer=" + scopeText(targets, "consumer") + ",name=\""
                                + plugin.path("name").asText() + "\",route=" + scopeText(targets, "route")
                                + ",service=" + scopeText(targets, "service") + "}'");
            }
        }
    }

    private static String scopeText(Map<String, ObjectNode> targets, String scope) {
        return targets.containsKey(scope) ? "{id=\"" + KubeObjects.uid(targets.get(scope)) + "\"}" : "null";
    }

    private static void attach(Cluster cluster, ObjectNode object, String plugin) {
        List<String> plugins = new ArrayList<>(KongManifests.pluginNames(object));
        if (!plugins.contains(plugin)) {
            plugins.add(plugin);
            cluster.update(KubeType.of(object), KubeObjects.withPlugins(object, plugins));
        }
    }

    private static void detach(Cluster cluster, ObjectNode object, String plugin) {
        List<String> plugins = new ArrayList<>(KongManifests.pluginNames(object));
        if (plugins.remove(plugin)) {
            cluster.update(KubeType.of(object), KubeObjects.withPlugins(object, plugins));
        }
    }
}
