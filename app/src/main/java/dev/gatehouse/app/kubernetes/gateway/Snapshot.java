package dev.gatehouse.app.kubernetes.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.declarative.kubernetes.GatewayRef;
import dev.gatehouse.app.declarative.kubernetes.HttpRoutes;
import dev.gatehouse.app.declarative.kubernetes.KongManifests;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
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
    private final Map<String, Boolean> kongGateways = new HashMap<>();
    private Optional<List<ObjectNode>> gatewayClasses;
    private List<ObjectNode> kongHttpRoutes;

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

    /**
     * The HTTPRoutes the Kong Ingress Controller takes as routes: those attached to a Gateway of a GatewayClass whose
     * controller is KIC's. None where the Gateway API is not installed or not readable here.
     */
    List<ObjectNode> kongHttpRoutes() {
        if (kongHttpRoutes == null) {
            kongHttpRoutes = cluster.listIfReadable(KubeType.HTTP_ROUTE).orElse(List.of()).stream()
                    .filter(route -> HttpRoutes.parents(route).stream()
                            .anyMatch(parent -> isKongGateway(parent, KubeObjects.namespace(route))))
                    .toList();
        }
        return kongHttpRoutes;
    }

    /** The objects Kong routes are made of: Kong's Ingresses and HTTPRoutes. */
    List<ObjectNode> routeObjects() {
        List<ObjectNode> all = new ArrayList<>(kongIngresses());
        all.addAll(kongHttpRoutes());
        return all;
    }

    private boolean isKongGateway(GatewayRef ref, String routeNamespace) {
        String namespace = ref.namespaceFor(routeNamespace);
        return kongGateways.computeIfAbsent(
                namespace + "/" + ref.name(),
                key -> cluster.getIfReadable(KubeType.GATEWAY, namespace, ref.name())
                        .map(gateway -> isKongClass(
                                gateway.path("spec").path("gatewayClassName").asText()))
                        // A Gateway this account may not read: trust the one the connection writes routes for.
                        .orElseGet(() -> cluster.routesGateway()
                                .map(mine -> mine.name().equals(ref.name())
                                        && mine.namespaceFor(cluster.namespace())
                                                .equals(namespace))
                                .orElse(false)));
    }

    private boolean isKongClass(String name) {
        if (gatewayClasses == null) {
            gatewayClasses = cluster.listIfReadable(KubeType.GATEWAY_CLASS);
        }
        return gatewayClasses
                .map(classes -> classes.stream()
                        .anyMatch(c -> name.equals(KubeObjects.name(c))
                                && HttpRoutes.CONTROLLER.equals(
                                        c.path("spec").path("controllerName").asText())))
                // GatewayClasses are cluster-scoped; without the right to read them, KIC's guides' class name.
                .orElse(KongManifests.CLASS.equals(name));
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
