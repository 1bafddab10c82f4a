package dev.gatehouse.mesh.dataplane;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.mesh.policy.InboundTarget;
import dev.gatehouse.mesh.resource.Resource;
import dev.gatehouse.mesh.resource.ResourceCodec;
import dev.gatehouse.mesh.resource.dataplane.DataplaneSpec;
import dev.gatehouse.mesh.resource.dataplane.DataplaneType;
import dev.gatehouse.mesh.validation.InvalidResourceException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Universal {@code Dataplane} resource as {@code kuma-dp run --dataplane-file} takes it, with the listeners it
 * asks for. Port 0 (a Gatehouse extension for embedding and tests) means "any free port": the data plane binds first
 * and registers the resource with the ports it actually got.
 */
public record DataplaneDefinition(
        String mesh,
        String name,
        ObjectNode resource,
        DataplaneSpec spec,
        List<Inbound> inbounds,
        List<Outbound> outbounds) {
    /** One {@code inbound[]}: where to listen, where the app is, its tags. */
    public record Inbound(
            int index,
            String listenHost,
            int port,
            String serviceHost,
            int servicePort,
            Map<String, String> tags,
            String inboundName) {
        public String service() {
            return tags.get(DataplaneSpec.SERVICE_TAG);
        }

        /** {@code kuma.io/protocol: http} (or http2/grpc): denials answer 403 instead of closing. */
        public boolean http() {
            String p = protocol();
            return p.equals("http") || p.equals("http2") || p.equals("grpc");
        }

        public String protocol() {
            return tags.getOrDefault(DataplaneSpec.PROTOCOL_TAG, "tcp");
        }
    }

    /** One {@code outbound[]}: the local port and the mesh service it leads to. */
    public record Outbound(int index, String listenHost, int port, String service) {}

    /** Parses Universal YAML or JSON; rejects anything that is not a Dataplane a sidecar can serve. */
    public static DataplaneDefinition parse(String text) {
        JsonNode node = ResourceCodec.parseBody(text.getBytes(StandardCharsets.UTF_8), DataplaneType.DESCRIPTOR);
        String type = ResourceCodec.typeOf(node);
        if (!"Dataplane".equals(type)) {
            throw new InvalidResourceException("the dataplane file must hold a resource of type Dataplane, got "
                    + (type.isEmpty() ? "none" : type));
        }
        Resource r = ResourceCodec.fromRest(DataplaneType.DESCRIPTOR, node);
        if (r.name().isEmpty()) {
            throw new InvalidResourceException("name: cannot be empty");
        }
        String mesh = r.mesh().isEmpty() ? "default" : r.mesh();
        DataplaneSpec spec = DataplaneSpec.of(r);
        DataplaneSpec.Networking net = spec.net();
        if (net.address() == null || net.address().isEmpty()) {
            throw new InvalidResourceException("networking.address: address can't be empty");
        }
        if (net.inbounds().isEmpty() && spec.gateway().isEmpty()) {
            throw new InvalidResourceException("networking: has to contain at least one inbound interface or gateway");
        }
        List<Inbound> inbounds = new ArrayList<>();
        for (int i = 0; i < net.inbounds().size(); i++) {
            DataplaneSpec.Inbound in = net.inbounds().get(i);
            int port = in.port() == null ? 0 : in.port().intValue();
            int servicePort = (int) in.effectiveServicePort();
            if (servicePort == 0) {
                throw new InvalidResourceException(
                        "networking.inbound[" + i + "].servicePort: required when port is 0");
            }
            if (in.service() == null || in.service().isEmpty()) {
                throw new InvalidResourceException(
                        "networking.inbound[" + i + "].tags[\"kuma.io/service\"]: tag has to exist");
            }
            // Kuma: inbound.address defaults to networking.address, serviceAddress to the inbound address.
            String listen = nonEmpty(in.address(), net.address());
            String serviceHost = nonEmpty(in.serviceAddress(), listen);
            inbounds.add(
                    new Inbound(i, listen, port, serviceHost, servicePort, Map.copyOf(in.tagsOrEmpty()), in.name()));
        }
        List<Outbound> outbounds = new ArrayList<>();
        for (int i = 0; i < net.outbounds().size(); i++) {
            DataplaneSpec.Outbound out = net.outbounds().get(i);
            String service = out.tagsOrEmpty().get(DataplaneSpec.SERVICE_TAG);
            if (service == null
                    && out.backendRef() != null
                    && "MeshService".equals(out.backendRef().kind())) {
                service = out.backendRef().name();
            }
            if (service == null || service.isEmpty()) {
                throw new InvalidResourceException("networking.outbound[" + i
                        + "]: needs tags[\"kuma.io/service\"] (or a MeshService backendRef)");
            }
            outbounds.add(new Outbound(
                    i,
                    nonEmpty(out.address(), "127.0.0.1"),
                    out.port() == null ? 0 : out.port().intValue(),
                    service));
        }
        ObjectNode resource = (ObjectNode) node.deepCopy();
        resource.put("mesh", mesh);
        return new DataplaneDefinition(mesh, r.name(), resource, spec, List.copyOf(inbounds), List.copyOf(outbounds));
    }

    /** The resource to register, with the ports the listeners are really bound to. */
    public ObjectNode withBoundPorts(int[] inboundPorts, int[] outboundPorts) {
        ObjectNode copy = resource.deepCopy();
        ObjectNode net = (ObjectNode) copy.path("networking");
        JsonNode in = net.path("inbound");
        for (int i = 0; i < inboundPorts.length; i++) {
            ObjectNode o = (ObjectNode) in.get(i);
            o.put("port", inboundPorts[i]);
            if (!o.hasNonNull("servicePort") || o.path("servicePort").asLong() == 0) {
                o.put("servicePort", inbounds.get(i).servicePort());
            }
        }
        JsonNode out = net.path("outbound");
        for (int i = 0; i < outboundPorts.length; i++) {
            ((ObjectNode) out.get(i)).put("port", outboundPorts[i]);
        }
        copy.remove(List.of("creationTime", "modificationTime"));
        return copy;
    }

    /** The policy engine's view of one of our inbounds. */
    InboundTarget target(Inbound in, int boundPort) {
        Resource r = ResourceCodec.fromRest(DataplaneType.DESCRIPTOR, resource);
        return new InboundTarget(name, r.labels(), in.tags(), in.inboundName(), boundPort);
    }

    /** The Dataplane's labels (what a {@code Dataplane} targetRef selects by). */
    public Map<String, String> labels() {
        return ResourceCodec.fromRest(DataplaneType.DESCRIPTOR, resource).labels();
    }

    /** The identity tag of this proxy (first service of its inbounds, or the gateway's). */
    public String service() {
        List<String> services = spec.services();
        return services.isEmpty() ? "" : services.get(0);
    }

    /** Kuma's {@code GetIP()}: {@code networking.advertisedAddress}, else {@code networking.address}. */
    public String ip() {
        return nonEmpty(spec.net().advertisedAddress(), spec.net().address());
    }

    private static String nonEmpty(String v, String fallback) {
        return v == null || v.isEmpty() ? fallback : v;
    }
}
