package dev.gatehouse.app.pages.topology;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.repository.mesh.PermissionMatrix;
import dev.gatehouse.app.repository.mesh.PolicyRef;
import dev.gatehouse.app.repository.mesh.ServiceAccess;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/** Answers shaped as the gateway and the control plane give them, for tests of the graph without a network. */
final class TopologyFixtures {

    static final ObjectMapper JSON = new ObjectMapper();

    private TopologyFixtures() {}

    static ObjectNode json(String text) {
        try {
            return (ObjectNode) JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    static ObjectNode mesh(String name, boolean mtls) {
        return json(
                mtls
                        ? "{\"type\":\"Mesh\",\"name\":\"" + name
                                + "\",\"mtls\":{\"enabledBackend\":\"ca-1\",\"backends\":[{\"name\":\"ca-1\",\"type\":\"builtin\"}]}}"
                        : "{\"type\":\"Mesh\",\"name\":\"" + name + "\"}");
    }

    /** A DataplaneOverview as InsightViews writes it (Kuma's shape): one inbound, online or not, a certificate. */
    static ObjectNode dataplane(String mesh, String name, String service, boolean online, String expiry) {
        String subscription = online
                ? "{\"id\":\"s1\",\"connectTime\":\"2026-12-03T10:00:00Z\"}"
                : "{\"id\":\"s1\",\"connectTime\":\"2026-12-03T10:00:00Z\",\"disconnectTime\":\"2026-12-03T11:00:00Z\"}";
        String mtls = expiry == null ? "" : ",\"mTLS\":{\"certificateExpirationTime\":\"" + expiry + "\"}";
        return json("{\"type\":\"DataplaneOverview\",\"mesh\":\"" + mesh + "\",\"name\":\"" + name
                + "\",\"dataplane\":{\"networking\":{\"address\":\"127.0.0.1\",\"inbound\":[{\"port\":1,\"tags\":{\"kuma.io/service\":\""
                + service + "\"}}]}},\"dataplaneInsight\":{\"subscriptions\":[" + subscription + "]" + mtls + "}}");
    }

    /** A delegated gateway data plane (no inbound, {@code networking.gateway}). */
    static ObjectNode gatewayDataplane(String mesh, String name, String service) {
        return json(
                "{\"type\":\"DataplaneOverview\",\"mesh\":\"" + mesh + "\",\"name\":\"" + name
                        + "\",\"dataplane\":{\"networking\":{\"address\":\"127.0.0.1\",\"gateway\":{\"type\":\"DELEGATED\",\"tags\":{\"kuma.io/service\":\""
                        + service
                        + "\"}}}},\"dataplaneInsight\":{\"subscriptions\":[{\"id\":\"g\",\"connectTime\":\"2026-12-03T10:00:00Z\"}]}}");
    }

    /** A complete matrix over {@code services}: each ordered pair gets {@code access(source, destination)}. */
    static PermissionMatrix matrix(
            String mesh, boolean mtls, List<String> services, BiFunction<String, String, ServiceAccess.Access> access) {
        List<ServiceAccess> pairs = new ArrayList<>();
        for (String s : services) {
            for (String d : services) {
                if (!s.equals(d)) {
                    ServiceAccess.Access a = access.apply(s, d);
                    Optional<PolicyRef> policy = switch (a) {
                        case ALLOWED -> Optional.of(new PolicyRef("MeshTrafficPermission", "allow-" + s + "-" + d));
                        case ALLOWED_BY_ALLOW_ALL ->
                            Optional.of(new PolicyRef("TrafficPermission", "allow-all-default"));
                        default -> Optional.empty();
                    };
                    pairs.add(new ServiceAccess(s, d, a, policy, policy.isPresent() ? "from * : Allow" : ""));
                }
            }
        }
        return new PermissionMatrix(mesh, mtls, PermissionMatrix.Source.CONTROL_PLANE, services, pairs);
    }

    /** The seed's gateway: a consumer, one protected route to demo-app.mesh, one open route to an external host. */
    static GatewaySnapshot seedGateway() {
        return new GatewaySnapshot(
                "Kong",
                List.of(json("{\"id\":\"c1\",\"username\":\"alice\"}")),
                List.of(
                        json("{\"id\":\"s1\",\"name\":\"demo\",\"host\":\"demo-app.mesh\"}"),
                        json("{\"id\":\"s2\",\"name\":\"httpbin\",\"host\":\"httpbin.org\"}")),
                List.of(
                        json("{\"id\":\"r1\",\"name\":\"demo-rt\",\"service\":{\"id\":\"s1\"}}"),
                        json("{\"id\":\"r2\",\"name\":\"bin-rt\",\"service\":{\"id\":\"s2\"}}")),
                List.of(json("{\"id\":\"p1\",\"name\":\"key-auth\",\"enabled\":true,\"service\":{\"id\":\"s1\"}}")));
    }

    /** The seed's mesh: gateway, demo-app (two instances, one offline), redis. */
    static MeshSnapshot seedMesh(PermissionMatrix matrix) {
        return new MeshSnapshot(
                mesh("default", matrix.mtlsEnabled()),
                List.of(
                        gatewayDataplane("default", "gateway-1", "gateway"),
                        dataplane("default", "demo-app-1", "demo-app", true, "2026-12-04T10:00:00Z"),
                        dataplane("default", "demo-app-2", "demo-app", false, null),
                        dataplane("default", "redis-1", "redis", true, null)),
                Optional.of(matrix),
                Optional.empty());
    }
}
