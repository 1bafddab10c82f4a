package dev.gatehouse.mesh.resource.dataplane;

import dev.gatehouse.mesh.validation.Addresses;
import dev.gatehouse.mesh.validation.FieldPath;
import dev.gatehouse.mesh.validation.InvalidResourceException;
import dev.gatehouse.mesh.validation.TagRules;
import dev.gatehouse.mesh.validation.Violations;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Dataplane checks of kumahq/kuma {@code pkg/core/resources/apis/mesh/dataplane_validator.go} @v2.14.3. */
public final class DataplaneRules {
    /** {@code core_meta.SupportedProtocols} in the order Kuma prints them. */
    public static final List<String> SUPPORTED_PROTOCOLS = List.of("grpc", "http", "http2", "kafka", "tcp");
    private static final List<String> PARSEABLE_PROTOCOLS = List.of("http", "http2", "tcp", "tls", "grpc", "kafka", "mysql");
    private static final List<String> BACKEND_REF_KINDS = List.of("MeshExternalService", "MeshMultiZoneService", "MeshService");

    private DataplaneRules() {
    }

    public static Violations validate(DataplaneSpec dp) {
        Violations v = new Violations();
        FieldPath net = FieldPath.of("networking");
        if (dp.networking() == null) {
            v.add(net, "must be defined");
            return v;
        }
        DataplaneSpec.Networking n = dp.networking();
        if (n.gateway() != null && n.gateway().type() != null
                && !List.of("DELEGATED", "BUILTIN").contains(n.gateway().type())) {
            // protojson rejects an unknown enum value before validation runs.
            throw new InvalidResourceException("invalid value for enum type: \"" + n.gateway().type() + "\"");
        }
        if (n.admin() != null && n.admin().port() != null) {
            long admin = n.admin().port();
            if (n.inbounds().stream().anyMatch(i -> i.port() != null && i.port() == admin)) {
                v.add(net.field("admin").field("port"), "must differ from inbound");
            }
            if (n.outbounds().stream().anyMatch(o -> o.port() != null && o.port() == admin
                    && (o.address() == null || o.address().isEmpty() || o.address().equals("127.0.0.1")))) {
                v.add(net.field("admin").field("port"), "must differ from outbound");
            }
        }
        if (n.gateway() != null && !n.gateway().builtin()) {
            if (!n.inbounds().isEmpty()) {
                v.add(net.field("inbound"), "inbound cannot be defined for delegated gateways");
            }
            v.addAt(net.field("gateway"), gateway(n.gateway()));
        } else if (n.gateway() != null) {
            if (!n.inbounds().isEmpty()) {
                v.add(net.field("inbound"), "inbound cannot be defined for builtin gateways");
            }
            if (!n.outbounds().isEmpty()) {
                v.add(net.field("outbound"), "outbound cannot be defined for builtin gateways");
            }
            v.addAt(net.field("gateway"), gateway(n.gateway()));
        }
        v.addAll(networking(n));
        return v;
    }

    private static Violations networking(DataplaneSpec.Networking n) {
        Violations v = new Violations();
        FieldPath path = FieldPath.of("networking");
        v.addAll(address(path, n.address()));
        for (int i = 0; i < n.inbounds().size(); i++) {
            DataplaneSpec.Inbound in = n.inbounds().get(i);
            FieldPath field = path.field("inbound").index(i);
            v.addAt(field, inbound(in, n.address()));
            if (!in.tagsOrEmpty().isEmpty() && !in.tagsOrEmpty().containsKey(TagRules.SERVICE_TAG)) {
                v.add(field.field("tags").key(TagRules.SERVICE_TAG), "tag has to exist");
            }
        }
        for (int i = 0; i < n.outbounds().size(); i++) {
            v.addAt(path.field("outbound").index(i), outbound(n.outbounds().get(i)));
        }
        return v;
    }

    private static Violations address(FieldPath path, String address) {
        Violations v = new Violations();
        if (address == null || address.isEmpty()) {
            v.add(path.field("address"), "address can't be empty");
            return v;
        }
        if (address.equals("0.0.0.0") || address.equals("::")) {
            v.add(path.field("address"), "must not be 0.0.0.0 or ::");
        }
        if (!Addresses.isIp(address) && !Addresses.isDnsName(address)) {
            v.add(path.field("address"), "address has to be valid IP address or domain name");
        }
        return v;
    }

    private static Violations inbound(DataplaneSpec.Inbound in, String dpAddress) {
        Violations v = new Violations();
        v.addAll(TagRules.port(FieldPath.of("port"), in.port()));
        if (in.servicePort() != null && in.servicePort() != 0) {
            v.addAll(TagRules.port(FieldPath.of("servicePort"), in.servicePort()));
        }
        boolean samePort = in.servicePort() == null || in.servicePort() == 0 || in.servicePort().equals(in.port());
        if (in.serviceAddress() != null && !in.serviceAddress().isEmpty()) {
            if (!Addresses.isIp(in.serviceAddress())) {
                v.add("serviceAddress", "serviceAddress has to be valid IP address");
            }
            if (in.serviceAddress().equals(dpAddress) && samePort) {
                v.add("serviceAddress", "serviceAddress and servicePort has to differ from address and port");
            }
        }
        if (in.address() != null && !in.address().isEmpty()) {
            if (!Addresses.isIp(in.address())) {
                v.add("address", "address has to be valid IP address");
            }
            if (in.address().equals(in.serviceAddress()) && samePort) {
                v.add("serviceAddress", "serviceAddress and servicePort has to differ from address and port");
            }
        }
        v.addAll(TagRules.tags(FieldPath.of("tags"), in.tags(), new TagRules.Options(false, false,
                (path, out) -> protocolTag(path, in.tagsOrEmpty(), out))));
        if (in.protocol() != null && !in.protocol().isEmpty() && !knownProtocol(in.protocol())) {
            v.add("protocol", "has an invalid value \"" + in.protocol() + "\". " + allowed());
        }
        return v;
    }

    private static void protocolTag(FieldPath path, Map<String, String> tags, Violations out) {
        String value = tags.get(DataplaneSpec.PROTOCOL_TAG);
        if (value != null && !knownProtocol(value)) {
            out.add(path.key(DataplaneSpec.PROTOCOL_TAG), "tag \"" + DataplaneSpec.PROTOCOL_TAG + "\" has an invalid value \""
                    + value + "\". " + allowed());
        }
    }

    private static boolean knownProtocol(String p) {
        return PARSEABLE_PROTOCOLS.contains(p.toLowerCase(Locale.ROOT));
    }

    private static String allowed() {
        return "Allowed values: " + String.join(", ", SUPPORTED_PROTOCOLS);
    }

    private static Violations outbound(DataplaneSpec.Outbound out) {
        Violations v = new Violations();
        v.addAll(TagRules.port(FieldPath.of("port"), out.port()));
        if (out.address() != null && !out.address().isEmpty() && !Addresses.isIp(out.address())) {
            v.add("address", "address has to be valid IP address");
        }
        boolean hasService = out.service() != null && !out.service().isEmpty();
        if (out.backendRef() != null) {
            DataplaneSpec.BackendRef ref = out.backendRef();
            if (!BACKEND_REF_KINDS.contains(ref.kind())) {
                v.add("backendRef.kind", "invalid value. Available values are: " + String.join(",", BACKEND_REF_KINDS));
            }
            if ((ref.name() == null || ref.name().isEmpty()) && (ref.labels() == null || ref.labels().isEmpty())) {
                v.add("backendRef", "either 'name' or 'labels' should be specified");
            }
            if (!"MeshExternalService".equals(ref.kind())) {
                v.addAll(TagRules.port(FieldPath.of("backendRef").field("port"), ref.port()));
            }
        } else if (out.tagsOrEmpty().isEmpty()) {
            if (!hasService) {
                v.add("tags", "mandatory tag \"" + TagRules.SERVICE_TAG + "\" is missing");
            }
        } else {
            v.addAll(TagRules.tags(FieldPath.of("tags"), out.tags(), new TagRules.Options(false, true, null)));
        }
        if (out.backendRef() != null && (!out.tagsOrEmpty().isEmpty() || hasService)) {
            v.add("backendRef", "both backendRef and tags/service cannot be defined");
        }
        return v;
    }

    private static Violations gateway(DataplaneSpec.Gateway g) {
        Map<String, String> tags = g.tagsOrEmpty();
        return TagRules.tags(FieldPath.of("tags"), tags, new TagRules.Options(false, !tags.isEmpty(), (path, out) -> {
            String protocol = tags.get(DataplaneSpec.PROTOCOL_TAG);
            if (protocol != null && !protocol.equalsIgnoreCase("tcp")) {
                out.add(path.key(DataplaneSpec.PROTOCOL_TAG), "other values than tcp are not allowed, provided value \"" + protocol + "\"");
            }
        }));
    }
}
