package dev.gatehouse.app.kubernetes.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.repository.gateway.EntityKind;
import dev.gatehouse.app.repository.gateway.GatewayRepository;
import dev.gatehouse.app.repository.gateway.LoadedConfiguration;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * What the Kong Ingress Controller's Kong actually loaded, read through the port-forward to its Admin API, against
 * the objects of the namespace. KIC tags every Kong entity it makes with the object it comes from
 * ({@code k8s-uid:}, {@code k8s-kind:}, {@code k8s-name:}, {@code k8s-namespace:}; kubernetes-ingress-controller
 * internal/util/k8s.go {@code GenerateTagsForObject}), and this console's entity ids are those uids, so the two
 * sides meet by uid. An object Kong has no entity for is explained by KIC's latest Warning Event on it
 * ({@code KongConfigurationTranslationFailed}, {@code KongConfigurationApplyFailed}) where there is one.
 */
final class KongLoadedCheck implements LoadedConfiguration {

    /** The kinds KIC loads, in the order a reader follows them. */
    private static final List<EntityKind> KINDS =
            List.of(EntityKind.ROUTES, EntityKind.SERVICES, EntityKind.PLUGINS, EntityKind.CONSUMERS);

    private static final String UID = "k8s-uid:";
    private static final String KIND = "k8s-kind:";
    private static final String NAME = "k8s-name:";
    private static final String NAMESPACE = "k8s-namespace:";

    private final Cluster cluster;
    private final Function<Snapshot, Map<EntityKind, List<ObjectNode>>> shown;
    private final GatewayRepository kong;
    private final Executor executor;

    /** {@code shown}: the entities of each kind the repository shows, read from one snapshot. */
    KongLoadedCheck(
            Cluster cluster,
            Function<Snapshot, Map<EntityKind, List<ObjectNode>>> shown,
            GatewayRepository kong,
            Executor executor) {
        this.cluster = cluster;
        this.shown = shown;
        this.kong = kong;
        this.executor = executor;
    }

    @Override
    public CompletableFuture<Comparison> compare() {
        Map<EntityKind, CompletableFuture<List<ObjectNode>>> loaded = new LinkedHashMap<>();
        KINDS.forEach(kind -> loaded.put(kind, kong.listAll(kind)));
        return CompletableFuture.allOf(loaded.values().toArray(CompletableFuture[]::new))
                .thenApplyAsync(
                        done -> {
                            Snapshot snapshot = new Snapshot(cluster);
                            Map<EntityKind, List<ObjectNode>> entities = shown.apply(snapshot);
                            Warnings warnings = new Warnings();
                            List<KindComparison> kinds = new ArrayList<>();
                            for (EntityKind kind : KINDS) {
                                kinds.add(compare(
                                        snapshot,
                                        warnings,
                                        kind,
                                        expected(kind, entities),
                                        entities.get(kind),
                                        ours(loaded.get(kind).join())));
                            }
                            return new Comparison(kinds);
                        },
                        executor);
    }

    /**
     * The entities of {@code kind} Kong should run: every one shown, but for services only those a route sends to
     * (KIC makes Kong services of the Services that routes name, not of every Service in the namespace).
     */
    private static List<ObjectNode> expected(EntityKind kind, Map<EntityKind, List<ObjectNode>> entities) {
        if (kind != EntityKind.SERVICES) {
            return entities.get(kind);
        }
        Set<String> backends = new HashSet<>();
        entities.get(EntityKind.ROUTES)
                .forEach(r -> backends.add(r.path("service").path("id").asText()));
        return entities.get(kind).stream()
                .filter(s -> backends.contains(s.path("id").asText()))
                .toList();
    }

    /** The loaded entities made from this namespace's objects, or from cluster-scoped ones (KongClusterPlugins). */
    private List<ObjectNode> ours(List<ObjectNode> loaded) {
        return loaded.stream()
                .filter(e -> tag(e, UID).isPresent())
                .filter(e -> tag(e, NAMESPACE).map(cluster.namespace()::equals).orElse(true))
                .toList();
    }

    private KindComparison compare(
            Snapshot snapshot,
            Warnings warnings,
            EntityKind kind,
            List<ObjectNode> expected,
            List<ObjectNode> shown,
            List<ObjectNode> loaded) {
        Set<String> shownUids = new HashSet<>();
        shown.forEach(e -> shownUids.add(e.path("id").asText()));
        Map<String, List<String>> loadedByUid = new LinkedHashMap<>();
        for (ObjectNode entity : loaded) {
            loadedByUid
                    .computeIfAbsent(tag(entity, UID).orElseThrow(), uid -> new ArrayList<>())
                    .add(entity.path("name")
                            .asText(entity.path("username")
                                    .asText(entity.path("id").asText())));
        }
        Set<String> expectedUids = new HashSet<>();
        List<Mismatch> notLoaded = new ArrayList<>();
        int running = 0;
        for (ObjectNode entity : expected) {
            String uid = entity.path("id").asText();
            expectedUids.add(uid);
            if (loadedByUid.containsKey(uid)) {
                running++;
            } else {
                notLoaded.add(new Mismatch(describe(snapshot, kind, uid, entity), why(uid, warnings)));
            }
        }
        List<Mismatch> notShown = new ArrayList<>();
        Set<String> told = new HashSet<>();
        for (ObjectNode entity : loaded) {
            String uid = tag(entity, UID).orElseThrow();
            // Only namespaced objects can be known gone from here: a KongClusterPlugin may serve other namespaces.
            if (!expectedUids.contains(uid) && tag(entity, NAMESPACE).isPresent() && told.add(uid)) {
                String object = tag(entity, KIND).orElse("object") + " "
                        + tag(entity, NAME).orElse(uid);
                String runs = "Kong runs " + singular(kind) + " "
                        + loadedByUid.get(uid).getFirst() + " from it, but ";
                notShown.add(new Mismatch(
                        object,
                        runs
                                + (shownUids.contains(uid)
                                        ? "no route sends to it any more"
                                        : "the namespace has no such object of Kong's any more")
                                + ": the controller has not synced the change yet."));
            }
        }
        return new KindComparison(kind, expected.size(), running, notLoaded, notShown);
    }

    /** {@code Ingress orders-rt}: the kind and name of the object behind a shown entity. */
    private static String describe(Snapshot snapshot, EntityKind kind, String uid, ObjectNode entity) {
        List<ObjectNode> objects = switch (kind) {
            case ROUTES -> snapshot.routeObjects();
            case SERVICES -> snapshot.all(KubeType.SERVICE);
            case CONSUMERS -> snapshot.kongConsumers();
            default -> {
                List<ObjectNode> plugins = new ArrayList<>(snapshot.all(KubeType.KONG_PLUGIN));
                plugins.addAll(snapshot.all(KubeType.KONG_CLUSTER_PLUGIN));
                yield plugins;
            }
        };
        return objects.stream()
                .filter(o -> uid.equals(KubeObjects.uid(o)))
                .findFirst()
                .map(o -> o.path("kind").asText() + " " + KubeObjects.name(o))
                .orElse(singular(kind) + " " + entity.path("name").asText(uid));
    }

    /** KIC's latest Warning Event on the object, or what its absence most likely means. */
    private static String why(String uid, Warnings warnings) {
        return warnings.latest(uid)
                .map(e -> e.getReason() + ": " + e.getMessage())
                .orElse("Kong has nothing from it: the controller has not synced it yet, or does not take it (no"
                        + " event says why).");
    }

    /**
     * The namespace's Warning Events, read once per comparison and only if something is missing. Listed whole and
     * matched here: one call rather than one per object, and not every API server (or proxy in front) honours an
     * {@code involvedObject.uid} field selector. Without the right to read Events there are none.
     */
    private final class Warnings {
        private List<Event> events;

        Optional<Event> latest(String uid) {
            if (events == null) {
                try {
                    events = cluster.client().v1().events().inNamespace(cluster.namespace()).list().getItems().stream()
                            .filter(e -> "Warning".equals(e.getType()) && e.getInvolvedObject() != null)
                            .toList();
                } catch (KubernetesClientException e) {
                    events = List.of();
                }
            }
            return events.stream()
                    .filter(e -> uid.equals(e.getInvolvedObject().getUid()))
                    .max(Comparator.comparing(KongLoadedCheck::when));
        }
    }

    private static String when(Event event) {
        String last = event.getLastTimestamp();
        if (last != null) {
            return last;
        }
        return event.getEventTime() != null ? event.getEventTime().getTime() : "";
    }

    private static Optional<String> tag(JsonNode entity, String prefix) {
        for (JsonNode tag : entity.path("tags")) {
            if (tag.asText().startsWith(prefix)) {
                return Optional.of(tag.asText().substring(prefix.length()));
            }
        }
        return Optional.empty();
    }

    private static String singular(EntityKind kind) {
        return switch (kind) {
            case ROUTES -> "route";
            case SERVICES -> "service";
            case PLUGINS -> "plugin";
            case CONSUMERS -> "consumer";
            default -> kind.name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
