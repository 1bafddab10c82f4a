package dev.gatehouse.app.pages.topology;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.pages.entities.KeyAuthCoverage;
import dev.gatehouse.app.pages.entities.NaturalOrder;
import dev.gatehouse.app.pages.entities.Rows;
import dev.gatehouse.app.pages.routes.MeshHops;
import dev.gatehouse.app.repository.mesh.PermissionMatrix;
import dev.gatehouse.app.repository.mesh.ServiceAccess;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Builds the {@link TopologyGraph} from what the gateway and the control plane answered; pure, so it is tested
 * without JavaFX or a network. North-south: each consumer and "anonymous" reach the gateway, which reaches a mesh
 * service or an external host per route. East-west: one edge per ordered pair of mesh services the permission
 * matrix lets through (and denied pairs on request).
 */
public final class TopologyBuilder {

    /** The node id of callers without credentials. */
    public static final String ANONYMOUS_ID = "client:anonymous";
    /** The node id of a gateway outside the mesh (Kong). */
    public static final String KONG_ID = "gateway";

    private TopologyBuilder() {}

    /** The node id of mesh service {@code service} in {@code mesh}. */
    public static String serviceId(String mesh, String service) {
        return "svc:" + mesh + "/" + service;
    }

    public static TopologyGraph build(TopologySources sources, GraphOptions options) {
        Map<String, TopologyNode> services = new LinkedHashMap<>();
        List<TopologyEdge> edges = new ArrayList<>();
        List<MeshSummary> summaries = new ArrayList<>();
        String meshGateway = null;
        for (MeshSnapshot mesh : sources.meshes()) {
            String gateway = addMesh(mesh, options, services, edges, summaries);
            if (meshGateway == null) {
                meshGateway = gateway;
            }
        }
        List<TopologyNode> nodes = new ArrayList<>();
        List<TopologyNode> externals = new ArrayList<>();
        if (sources.gateway().isPresent()) {
            GatewaySnapshot gateway = sources.gateway().get();
            String gatewayId = meshGateway;
            if (gatewayId == null) {
                gatewayId = KONG_ID;
                nodes.add(new TopologyNode(KONG_ID, NodeKind.GATEWAY, gateway.product(), "", false, List.of()));
            }
            addNorthSouth(gateway, gatewayId, services, nodes, externals, edges);
        }
        List<TopologyNode> meshNodes = new ArrayList<>(services.values());
        meshNodes.sort(Comparator.comparing((TopologyNode n) -> n.kind() != NodeKind.GATEWAY)
                .thenComparing(TopologyNode::mesh)
                .thenComparing(TopologyNode::label, NaturalOrder.INSTANCE));
        nodes.addAll(meshNodes);
        externals.sort(Comparator.comparing(TopologyNode::label, NaturalOrder.INSTANCE));
        nodes.addAll(externals);
        return new TopologyGraph(nodes, edges, summaries);
    }

    /** Adds one mesh's services and permission edges; returns the node id of its gateway data plane, if any. */
    private static String addMesh(
            MeshSnapshot mesh,
            GraphOptions options,
            Map<String, TopologyNode> services,
            List<TopologyEdge> edges,
            List<MeshSummary> summaries) {
        String name = mesh.name();
        String backend = mesh.mesh().path("mtls").path("enabledBackend").asText("");
        boolean mtls = mesh.matrix().map(PermissionMatrix::mtlsEnabled).orElse(!backend.isEmpty());
        Map<String, List<DataplaneInfo>> byService = new TreeMap<>();
        String gatewayService = null;
        for (ObjectNode overview : mesh.dataplanes()) {
            JsonNode dataplane = overview.has("dataplane") ? overview.path("dataplane") : overview;
            JsonNode networking = dataplane.path("networking");
            DataplaneInfo info = dataplane(overview, networking);
            String gateway = networking
                    .path("gateway")
                    .path("tags")
                    .path("kuma.io/service")
                    .asText("");
            if (!gateway.isEmpty()) {
                gatewayService = gateway;
                byService.computeIfAbsent(gateway, k -> new ArrayList<>()).add(info);
            }
            for (JsonNode inbound : networking.path("inbound")) {
                String service = inbound.path("tags").path("kuma.io/service").asText("");
                if (!service.isEmpty()) {
                    List<DataplaneInfo> list = byService.computeIfAbsent(service, k -> new ArrayList<>());
                    if (!list.contains(info)) {
                        list.add(info);
                    }
                }
            }
        }
        mesh.matrix().ifPresent(m -> m.services().forEach(s -> byService.computeIfAbsent(s, k -> new ArrayList<>())));
        for (Map.Entry<String, List<DataplaneInfo>> service : byService.entrySet()) {
            NodeKind kind = service.getKey().equals(gatewayService) ? NodeKind.GATEWAY : NodeKind.SERVICE;
            String id = serviceId(name, service.getKey());
            services.put(id, new TopologyNode(id, kind, service.getKey(), name, mtls, service.getValue()));
        }
        int wholesale = 0;
        boolean hidden = false;
        if (mesh.matrix().isPresent()) {
            List<ServiceAccess> pairs = mesh.matrix().get().pairs();
            wholesale = (int) pairs.stream().filter(TopologyBuilder::wholesale).count();
            hidden = wholesale > options.wholesaleCap() && !options.showWholesale();
            for (ServiceAccess pair : pairs) {
                boolean draw = switch (pair.access()) {
                    case ALLOWED -> true;
                    case DENIED -> options.showDenied();
                    case ALLOWED_BY_ALLOW_ALL, NOT_ENFORCED -> !hidden;
                };
                if (draw) {
                    edges.add(TopologyEdge.eastWest(
                            serviceId(name, pair.source()), serviceId(name, pair.destination()), pair));
                }
            }
        }
        boolean notEnforced = !mtls;
        summaries.add(new MeshSummary(
                name,
                mtls,
                backend,
                mesh.matrix().map(PermissionMatrix::source),
                wholesale,
                hidden,
                notEnforced,
                mesh.problem()));
        return gatewayService == null ? null : serviceId(name, gatewayService);
    }

    /** Pairs that pass without any policy naming them: an allow-all policy, or nothing enforced (mTLS off). */
    static boolean wholesale(ServiceAccess pair) {
        return pair.access() == ServiceAccess.Access.ALLOWED_BY_ALLOW_ALL
                || pair.access() == ServiceAccess.Access.NOT_ENFORCED;
    }

    private static DataplaneInfo dataplane(ObjectNode overview, JsonNode networking) {
        boolean online = false;
        for (JsonNode subscription : overview.path("dataplaneInsight").path("subscriptions")) {
            online |= subscription.path("disconnectTime").isMissingNode()
                    || subscription.path("disconnectTime").isNull();
        }
        String expiry = overview.path("dataplaneInsight")
                .path("mTLS")
                .path("certificateExpirationTime")
                .asText("");
        return new DataplaneInfo(
                overview.path("name").asText(),
                networking.path("address").asText(""),
                online,
                expiry.isEmpty() ? Optional.empty() : Optional.of(expiry));
    }

    private static void addNorthSouth(
            GatewaySnapshot gateway,
            String gatewayId,
            Map<String, TopologyNode> services,
            List<TopologyNode> nodes,
            List<TopologyNode> externals,
            List<TopologyEdge> edges) {
        KeyAuthCoverage coverage = new KeyAuthCoverage(gateway.plugins());
        Map<String, ObjectNode> kongServices = new LinkedHashMap<>();
        gateway.services().forEach(s -> kongServices.put(Rows.text(s, "id"), s));
        Map<String, List<RouteLink>> byTarget = new LinkedHashMap<>();
        List<RouteLink> open = new ArrayList<>();
        List<ObjectNode> routes = new ArrayList<>(gateway.routes());
        routes.sort(Comparator.comparing(Rows::label, NaturalOrder.INSTANCE));
        for (ObjectNode route : routes) {
            RouteLink link = new RouteLink(Rows.label(route), coverage.isProtected(route));
            if (!link.keyAuth()) {
                open.add(link);
            }
            ObjectNode service = kongServices.get(Rows.refId(route, "service"));
            if (service == null) {
                continue;
            }
            String host = Rows.text(service, "host");
            String target = MeshHops.meshService(host)
                    .flatMap(name -> services.values().stream()
                            .filter(n -> n.label().equals(name))
                            .map(TopologyNode::id)
                            .findFirst())
                    .orElseGet(() -> {
                        String id = "ext:" + host;
                        if (externals.stream().noneMatch(n -> n.id().equals(id))) {
                            externals.add(new TopologyNode(id, NodeKind.EXTERNAL, host, "", false, List.of()));
                        }
                        return id;
                    });
            byTarget.computeIfAbsent(target, k -> new ArrayList<>()).add(link);
        }
        List<TopologyNode> clients = new ArrayList<>();
        for (ObjectNode consumer : gateway.consumers()) {
            clients.add(new TopologyNode(
                    "client:" + Rows.text(consumer, "id"),
                    NodeKind.CLIENT,
                    Rows.label(consumer),
                    "",
                    false,
                    List.of()));
        }
        clients.sort(Comparator.comparing(TopologyNode::label, NaturalOrder.INSTANCE));
        nodes.add(0, new TopologyNode(ANONYMOUS_ID, NodeKind.ANONYMOUS, "anonymous", "", false, List.of()));
        nodes.addAll(1, clients);
        // Anonymous callers get through on the routes nothing protects; consumers (with their key) on all of them.
        if (!open.isEmpty()) {
            edges.add(TopologyEdge.northSouth(ANONYMOUS_ID, gatewayId, open));
        }
        clients.forEach(c -> edges.add(TopologyEdge.northSouth(c.id(), gatewayId, List.of())));
        byTarget.forEach((target, links) -> edges.add(TopologyEdge.northSouth(gatewayId, target, links)));
    }
}
