package dev.gatehouse.app.tour;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The mesh services that play the seed's gateway, demo-app and redis on this connection. In the sandbox and a Kuma on
 * Universal they are named so; Kuma on Kubernetes names a service {@code <name>_<namespace>_svc_<port>}
 * (pkg/plugins/runtime/k8s/util: {@code ServiceTag}), and the gateway is whatever Service fronts the Kong proxy, so
 * the gateway is also found as the one service of the mesh's delegated gateway data planes.
 */
record SeedServices(String gateway, String demoApp, String redis) {

    /** The seed's own names, for a mesh where nothing else is known. */
    static final SeedServices SEED = new SeedServices(TourSeed.GATEWAY, TourSeed.DEMO_APP, TourSeed.REDIS);

    /** Resolved among {@code services} (the mesh's) and its {@code dataplanes} (items or overviews). */
    static SeedServices in(List<String> services, List<ObjectNode> dataplanes) {
        String gateway = named(services, TourSeed.GATEWAY);
        if (!services.contains(gateway)) {
            Set<String> delegated = delegatedGateways(dataplanes);
            if (delegated.size() == 1) {
                gateway = delegated.iterator().next();
            }
        }
        return new SeedServices(gateway, named(services, TourSeed.DEMO_APP), named(services, TourSeed.REDIS));
    }

    /** {@code name} itself, else the one service named {@code name_<namespace>_svc_<port>}, else {@code name}. */
    static String named(List<String> services, String name) {
        if (services.contains(name)) {
            return name;
        }
        List<String> kubernetes = services.stream()
                .filter(s -> s.startsWith(name + "_") && s.contains("_svc_"))
                .toList();
        return kubernetes.size() == 1 ? kubernetes.getFirst() : name;
    }

    private static Set<String> delegatedGateways(List<ObjectNode> dataplanes) {
        Set<String> out = new TreeSet<>();
        for (JsonNode item : dataplanes) {
            JsonNode dataplane = item.has("networking") ? item : item.path("dataplane");
            JsonNode gateway = dataplane.path("networking").path("gateway");
            if ("DELEGATED".equals(gateway.path("type").asText("DELEGATED"))
                    && gateway.path("tags").hasNonNull("kuma.io/service")) {
                out.add(gateway.path("tags").path("kuma.io/service").asText());
            }
        }
        return out;
    }
}
