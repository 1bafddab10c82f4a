package dev.gatehouse.mesh.dataplane;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.mesh.policy.AccessLogPolicies;
import dev.gatehouse.mesh.policy.PermissionEngine;
import dev.gatehouse.mesh.policy.PolicySnapshot;
import dev.gatehouse.mesh.resource.Resource;
import dev.gatehouse.mesh.resource.ResourceCodec;
import dev.gatehouse.mesh.resource.dataplane.DataplaneSpec;
import dev.gatehouse.mesh.resource.dataplane.DataplaneType;
import dev.gatehouse.mesh.resource.mesh.MeshSpec;
import dev.gatehouse.mesh.resource.mesh.MeshType;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a data plane knows about its mesh at one store revision: whether mTLS is on, the compiled permission engine,
 * the inbound endpoints of every service (what Kuma's EDS would send) with the service's protocol, and the
 * MeshAccessLog policies. Immutable.
 */
record MeshView(
        long revision,
        boolean mtls,
        boolean permissive,
        PermissionEngine engine,
        Map<String, List<InetSocketAddress>> endpoints,
        Map<String, String> protocols,
        AccessLogPolicies accessLogs) {

    static MeshView fromSnapshot(JsonNode body) {
        PolicySnapshot policies = PolicySnapshot.fromRestSnapshot(body);
        Map<String, List<InetSocketAddress>> endpoints = new HashMap<>();
        Map<String, String> protocols = new HashMap<>();
        for (JsonNode item : body.path(DataplaneType.DESCRIPTOR.wsPath())) {
            Resource r = ResourceCodec.fromRest(DataplaneType.DESCRIPTOR, item);
            DataplaneSpec spec = DataplaneSpec.of(r);
            DataplaneSpec.Networking net = spec.net();
            String host =
                    net.advertisedAddress() != null && !net.advertisedAddress().isEmpty()
                            ? net.advertisedAddress()
                            : net.address();
            for (DataplaneSpec.Inbound in : net.inbounds()) {
                if (in.service() == null
                        || in.port() == null
                        || "NotReady".equals(in.state())
                        || "Ignored".equals(in.state())) {
                    continue;
                }
                String h = in.address() != null && !in.address().isEmpty() ? in.address() : host;
                endpoints
                        .computeIfAbsent(in.service(), k -> new ArrayList<>())
                        .add(new InetSocketAddress(h, in.port().intValue())); // resolved here, off the event loops
                String protocol = in.tagsOrEmpty().getOrDefault(DataplaneSpec.PROTOCOL_TAG, "tcp");
                protocols.merge(in.service(), protocol, MeshView::commonProtocol);
            }
        }
        endpoints.replaceAll((k, v) -> List.copyOf(v));
        // mtls.backends[].mode PERMISSIVE: inbounds also accept plaintext (Kuma <= 2.14).
        boolean permissive = MeshSpec.of(ResourceCodec.fromRest(MeshType.DESCRIPTOR, body.path("mesh")))
                .enabledBackend()
                .map(b -> "PERMISSIVE".equals(b.mode()))
                .orElse(false);
        return new MeshView(
                body.path("revision").asLong(),
                policies.mtlsEnabled(),
                permissive,
                PermissionEngine.compile(policies),
                Map.copyOf(endpoints),
                Map.copyOf(protocols),
                AccessLogPolicies.fromRestSnapshot(body));
    }

    /**
     * Two endpoints' protocols as one service's, as Kuma infers an outbound's protocol from its endpoints
     * ({@code inferServiceProtocol}, pkg/xds/context/mesh_context_builder.go @v2.14.3): the same one, {@code http} for
     * http and http2, else {@code tcp}.
     */
    private static String commonProtocol(String a, String b) {
        if (a.equals(b)) {
            return a;
        }
        boolean http = (a.equals("http") || a.equals("http2")) && (b.equals("http") || b.equals("http2"));
        return http ? "http" : "tcp";
    }

    /** The protocol of a destination service: {@code tcp} unless all its endpoints say otherwise. */
    String protocolOf(String service) {
        return protocols.getOrDefault(service, "tcp");
    }

    List<InetSocketAddress> endpointsOf(String service) {
        return endpoints.getOrDefault(service, List.of());
    }
}
