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
public record DataplaneSpec(Networking networking) {
    public static final String SERVICE_TAG = "kuma.io/service";
    public static final String PROTOCOL_TAG = "kuma.io/protocol";

    /** The typed view of a Dataplane resource; an undecodable body is a 400. */
    public static DataplaneSpec of(Resource r) {
        return ResourceCodec.typed(r.spec(), DataplaneSpec.class);
    }

    /** {@code networking} section. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Networking(String address, String advertisedAddress, List<Inbound> inbound, List<Outbound> outbound,
                             Gateway gateway, Admin admin, JsonNode transparentProxying) {
        public List<Inbound> inbounds() {
            return inbound == null ? List.of() : inbound;
        }

        public List<Outbound> outbounds() {
            return outbound == null ? List.of() : outbound;
        }
    }

    /** One inbound listener. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Inbound(Long port, Long servicePort, String serviceAddress, String address,
                          Map<String, String> tags, String name, String state, String protocol) {
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
    }

    /** One outbound listener. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Outbound(String address, Long port, Map<String, String> tags, BackendRef backendRef, String service) {
        public Map<String, String> tagsOrEmpty() {
            return tags == null ? Map.of() : tags;
        }
    }

    /** {@code outbound[].backendRef}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record BackendRef(String kind, String name, Long port, Map<String, String> labels) {
    }

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
    public record Admin(Long port) {
    }

    public Networking net() {
        return networking == null ? new Networking(null, null, null, null, null, null, null) : networking;
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
