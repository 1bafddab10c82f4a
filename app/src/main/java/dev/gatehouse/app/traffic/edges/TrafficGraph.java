package dev.gatehouse.app.traffic.edges;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the traffic mapping needs to know of the drawn graph: the node ids of the callers, of the gateway and of the
 * upstreams. Edge ids follow the topology graph's ({@code ns:<from>-><to>}, {@code ew:<from>-><to>}), so an event's
 * edges are the drawn ones when they exist.
 *
 * @param anonymous  the node of callers without a consumer
 * @param gateway    the node requests pass through: Kong's, or the mesh's delegated gateway data plane ("" = none)
 * @param consumers  consumer username, custom id and id → client node id
 * @param services   {@code <mesh>/<service>} → mesh service node id
 * @param externals  upstream host → external node id
 * @param plainMeshes meshes without mTLS: their inbound records cannot name the source service (no client
 *                   certificate), so their hops are counted from the outbound records, which do
 */
public record TrafficGraph(
        String anonymous,
        String gateway,
        Map<String, String> consumers,
        Map<String, String> services,
        Map<String, String> externals,
        Set<String> plainMeshes) {

    /** A graph with nothing known: gateway events still map, to ids no drawn node has. */
    public static final TrafficGraph EMPTY =
            new TrafficGraph("client:anonymous", "gateway", Map.of(), Map.of(), Map.of(), Set.of());

    /** The suffix of the upstream hosts that name a mesh service. */
    static final String MESH_SUFFIX = ".mesh";

    public TrafficGraph {
        consumers = Map.copyOf(consumers);
        services = Map.copyOf(services);
        externals = Map.copyOf(externals);
        plainMeshes = Set.copyOf(plainMeshes);
    }

    /** The id of a north-south edge, as the topology graph spells it. */
    public static String northSouth(String from, String to) {
        return "ns:" + from + "->" + to;
    }

    /** The id of an east-west edge, as the topology graph spells it. */
    public static String eastWest(String from, String to) {
        return "ew:" + from + "->" + to;
    }

    /** The node of mesh service {@code service} in {@code mesh}, as the topology graph names it. */
    public static String serviceNode(String mesh, String service) {
        return "svc:" + mesh + "/" + service;
    }

    /** The caller's node: the consumer's, else the anonymous one. */
    String client(String consumer) {
        if (consumer.isEmpty()) {
            return anonymous;
        }
        return consumers.getOrDefault(consumer, "client:" + consumer);
    }

    /**
     * Where a gateway request went upstream: {@code x.mesh} is mesh service {@code x} (in the gateway's mesh when
     * it has the service, else the first mesh that does), any other host its external node.
     */
    String upstream(String host) {
        if (host.isEmpty()) {
            return "";
        }
        String lower = host.toLowerCase(java.util.Locale.ROOT);
        if (lower.endsWith(MESH_SUFFIX)) {
            String name = lower.substring(0, lower.length() - MESH_SUFFIX.length());
            Optional<String> node = services.entrySet().stream()
                    .filter(e -> e.getKey().endsWith("/" + name))
                    .map(Map.Entry::getValue)
                    .sorted((a, b) -> Boolean.compare(!inGatewayMesh(b), !inGatewayMesh(a)))
                    .findFirst();
            if (node.isPresent()) {
                return node.get();
            }
        }
        return externals.getOrDefault(host, "ext:" + host);
    }

    private boolean inGatewayMesh(String node) {
        int slash = gateway.indexOf('/');
        return gateway.startsWith("svc:") && slash > 0 && node.startsWith(gateway.substring(0, slash + 1));
    }
}
