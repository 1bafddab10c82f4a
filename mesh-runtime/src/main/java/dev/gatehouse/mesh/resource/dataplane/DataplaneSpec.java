package dev.gatehouse.mesh.resource.dataplane;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.mesh.resource.Resource;
import dev.gatehouse.mesh.resource.ResourceCodec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Typed view of a Dataplane body (api/mesh/v1alpha1/dataplane.proto @v2.14.3). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DataplaneSpec(Networking networking, Probes probes, Metrics metrics) {
    public static final String SERVICE_TAG = "kuma.io/service";
    public static final String PROTOCOL_TAG = "kuma.io/protocol";

    /** The typed view of a Dataplane resource; an undecodable body is a 400. */
    public static DataplaneSpec of(Resource r) {
        return ResourceCodec.typed(r.spec(), DataplaneSpec.class);
    }

    /** {@code networking} section. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Networking(
            String address,
            String advertisedAddress,
            List<Inbound> inbound,
            List<Outbound> outbound,
            Gateway gateway,
            Admin admin,
            TransparentProxying transparentProxying,
            List<Listener> listeners) {
        public List<Inbound> inbounds() {
            return inbound == null ? List.of() : inbound;
        }

        public List<Outbound> outbounds() {
            return outbound == null ? List.of() : outbound;
        }

        public List<Listener> listenersOrEmpty() {
            return listeners == null ? List.of() : listeners;
        }
    }

    /** One inbound listener. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Inbound(
            Long port,
            Long servicePort,
            String serviceAddress,
            String address,
            Map<String, String> tags,
            String name,
            String state,
            String protocol,
            ServiceProbe serviceProbe) {
        public Map<String, String> tagsOrEmpty() {
            return tags == null ? Map.of() : tags;
        }

        public String service() {
            return tagsOrEmpty().get(SERVICE_TAG);
        }

        /** The app's port: {@code servicePort}, defaulting to {@code port}. */
        public long effectiveServicePort() {
            return servicePort != null && servicePort != 0 ? servicePort : port == null ? 0 : port;
        }

        /** Kuma's {@code GetSectionName}: the name, else the port as text. */
        public String sectionName() {
            return name != null && !name.isEmpty() ? name : String.valueOf(port == null ? 0 : port);
        }
    }

    /** {@code inbound[].serviceProbe}: durations as written (Go syntax), thresholds as numbers. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ServiceProbe(String interval, String timeout, Long unhealthyThreshold, Long healthyThreshold) {}

    /** One outbound listener. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Outbound(String address, Long port, Map<String, String> tags, BackendRef backendRef) {
        public Map<String, String> tagsOrEmpty() {
            return tags == null ? Map.of() : tags;
        }
    }

    /** {@code outbound[].backendRef}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record BackendRef(String kind, String name, Long port, Map<String, String> labels) {}

    /** {@code networking.gateway}; type defaults to DELEGATED (enum value 0). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Gateway(String type, Map<String, String> tags) {
        public boolean builtin() {
            return "BUILTIN".equals(type);
        }

        public Map<String, String> tagsOrEmpty() {
            return tags == null ? Map.of() : tags;
        }
    }

    /** {@code networking.admin}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Admin(Long port) {}

    /** {@code networking.listeners[]} (zone ingress and egress listeners). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Listener(String type, String address, Long port, String name) {}

    /** {@code networking.transparentProxying}: only what is validated. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TransparentProxying(ReachableBackends reachableBackends) {}

    /** {@code transparentProxying.reachableBackends}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ReachableBackends(List<ReachableBackend> refs) {
        public List<ReachableBackend> refsOrEmpty() {
            return refs == null ? List.of() : refs;
        }
    }

    /** One {@code reachableBackends.refs[]} item. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ReachableBackend(String kind, String name, String namespace, Long port, Map<String, String> labels) {}

    /** {@code probes}: the virtual probes endpoint. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Probes(Long port, List<ProbeEndpoint> endpoints) {
        public List<ProbeEndpoint> endpointsOrEmpty() {
            return endpoints == null ? List.of() : endpoints;
        }
    }

    /** One {@code probes.endpoints[]} item. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ProbeEndpoint(Long inboundPort, String inboundPath, String path) {}

    /** {@code metrics}: the data plane's metrics backend. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Metrics(String name, String type, JsonNode conf) {}

    public Networking net() {
        return networking == null ? new Networking(null, null, null, null, null, null, null, null) : networking;
    }

    public Optional<Gateway> gateway() {
        return Optional.ofNullable(net().gateway());
    }

    /**
     * Every tag of the proxy: union of inbound tags (or gateway tags), values per key in order of appearance.
     * This is what goes into {@code kuma://tag/value} SANs (Kuma {@code Dataplane.TagSet}).
     */
    public Map<String, List<String>> tagSet() {
        Map<String, List<String>> all = new LinkedHashMap<>();
        List<Map<String, String>> sources = new ArrayList<>();
        gateway().ifPresent(g -> sources.add(g.tagsOrEmpty()));
        net().inbounds().forEach(i -> sources.add(i.tagsOrEmpty()));
        for (Map<String, String> tags : sources) {
            tags.forEach((k, v) -> {
                List<String> values = all.computeIfAbsent(k, x -> new ArrayList<>());
                if (!values.contains(v)) {
                    values.add(v);
                }
            });
        }
        return all;
    }

    /** Values of {@code kuma.io/service} across inbounds (or the gateway). */
    public List<String> services() {
        return tagSet().getOrDefault(SERVICE_TAG, List.of());
    }
}
