package dev.gatehouse.app.kubernetes.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.declarative.kubernetes.KongManifests;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The namespace's objects as one call reads them: each type listed once, on first need, so that references between
 * entities (a route's service, a plugin's route) resolve against the same reading.
 */
final class Snapshot {

    private final Cluster cluster;
    private final Map<KubeType, List<ObjectNode>> read = new EnumMap<>(KubeType.class);

    Snapshot(Cluster cluster) {
        this.cluster = cluster;
    }

    Cluster cluster() {
        return cluster;
    }

    List<ObjectNode> all(KubeType type) {
        return read.computeIfAbsent(type, cluster::list);
    }

    /** The Ingresses the Kong Ingress Controller takes as routes. */
    List<ObjectNode> kongIngresses() {
        return all(KubeType.INGRESS).stream()
                .filter(KongManifests::isKongIngress)
                .toList();
    }

    /** The KongConsumers of class {@code kong}: KIC ignores the others. */
    List<ObjectNode> kongConsumers() {
        return all(KubeType.KONG_CONSUMER).stream()
                .filter(c -> KongManifests.CLASS.equals(
                        KongManifests.annotation(c, KongManifests.INGRESS_CLASS).orElse("")))
                .toList();
    }

    Optional<ObjectNode> byUid(KubeType type, String uid) {
        return all(type).stream().filter(o -> uid.equals(KubeObjects.uid(o))).findFirst();
    }

    Optional<ObjectNode> byName(KubeType type, String name) {
        return all(type).stream().filter(o -> name.equals(KubeObjects.name(o))).findFirst();
    }

    Set<String> names(KubeType type) {
        return all(type).stream().map(KubeObjects::name).collect(Collectors.toSet());
    }
}
