package dev.gatehouse.mesh.resource.dataplane;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.mesh.resource.GoDuration;
import dev.gatehouse.mesh.resource.MetaRules;
import dev.gatehouse.mesh.validation.Addresses;
import dev.gatehouse.mesh.validation.FieldPath;
import dev.gatehouse.mesh.validation.InvalidResourceException;
import dev.gatehouse.mesh.validation.TagRules;
import dev.gatehouse.mesh.validation.Violations;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Dataplane checks of kumahq/kuma {@code pkg/core/resources/apis/mesh/dataplane_validator.go} @v2.14.3, in its order
 * and with its field paths and messages (its tests: {@code dataplane_validator_test.go}).
 */
public final class DataplaneRules {
    /** {@code core_meta.SupportedProtocols} in the order Kuma prints them. */
    public static final List<String> SUPPORTED_PROTOCOLS = List.of("grpc", "http", "http2", "kafka", "tcp");
    /** What {@code core_meta.ParseProtocol} knows (case-insensitive). */
    private static final List<String> PARSEABLE_PROTOCOLS =
            List.of("http", "http2", "tcp", "tls", "grpc", "kafka", "mysql");
    /** {@code allowedKinds}, sorted as Kuma prints them. */
    private static final List<String> BACKEND_REF_KINDS =
            List.of("MeshExternalService", "MeshMultiZoneService", "MeshService");

    private static final List<String> GATEWAY_TYPES = List.of("DELEGATED", "BUILTIN");
    private static final List<String> LISTENER_TYPES = List.of("Unspecified", "ZoneIngress", "ZoneEgress");
    private static final String LOOPBACK = "127.0.0.1";

    private DataplaneRules() {}

    /** {@code DataplaneResource.Validate}. */
    public static Violations validate(DataplaneSpec dp) {
        Violations v = new Violations();
        FieldPath net = FieldPath.of("networking");
        if (dp.networking() == null) {
            v.add(net, "must be defined");
            return v;
        }
        DataplaneSpec.Networking n = dp.networking();
        rejectUnknownEnums(n);
        if (n.admin() != null) {
            long adminPort = n.admin().port() == null ? 0 : n.admin().port();
            if (usesInboundInterface(n, adminPort)) {
                v.add(net.field("admin").field("port"), "must differ from inbound");
            }
            if (usesOutboundInterface(n, adminPort)) {
                v.add(net.field("admin").field("port"), "must differ from outbound");
            }
        }
        DataplaneSpec.Gateway gateway = n.gateway();
        if (gateway != null && !gateway.builtin()) {
            if (!n.inbounds().isEmpty()) {
                v.add(net.field("inbound"), "inbound cannot be defined for delegated gateways");
            }
            if (!n.listenersOrEmpty().isEmpty()) {
                v.add(net.field("listeners"), "listeners cannot be defined for delegated gateways");
            }
            v.addAt(net.field("gateway"), gateway(gateway));
            v.addAll(networking(n));
            v.addAll(probes(dp.probes()));
        } else if (gateway != null) {
            if (!n.inbounds().isEmpty()) {
                v.add(net.field("inbound"), "inbound cannot be defined for builtin gateways");
            }
            if (!n.outbounds().isEmpty()) {
                v.add(net.field("outbound"), "outbound cannot be defined for builtin gateways");
            }
            if (!n.listenersOrEmpty().isEmpty()) {
                v.add(net.field("listeners"), "listeners cannot be defined for builtin gateways");
            }
            if (dp.probes() != null) {
                v.add(net.field("probes"), "probes cannot be defined for builtin gateways");
            }
            v.addAt(net.field("gateway"), gateway(gateway));
            v.addAll(networking(n));
        } else {
            v.addAll(networking(n));
            v.addAll(probes(dp.probes()));
            if (dp.metrics() != null) {
                v.addAll(metrics(dp.metrics()));
            }
            v.addAt(net.field("listeners"), listeners(n));
        }
        return v;
    }

    /** protojson refuses an unknown enum value before validation runs. */
    private static void rejectUnknownEnums(DataplaneSpec.Networking n) {
        if (n.gateway() != null
                && n.gateway().type() != null
                && !GATEWAY_TYPES.contains(n.gateway().type())) {
            throw new InvalidResourceException(
                    "invalid value for enum type: \"" + n.gateway().type() + "\"");
        }
        for (DataplaneSpec.Listener l : n.listenersOrEmpty()) {
            if (l.type() != null && !LISTENER_TYPES.contains(l.type())) {
                throw new InvalidResourceException("invalid value for enum type: \"" + l.type() + "\"");
            }
        }
    }

    /**
     * {@code UsesInboundInterface(127.0.0.1, port)}: an inbound's own address and port, or its application's
     * ({@code serviceAddress}, {@code servicePort}, defaulting to those), overlap loopback at that port.
     */
    private static boolean usesInboundInterface(DataplaneSpec.Networking n, long port) {
        for (DataplaneSpec.Inbound in : n.inbounds()) {
            String dataplaneIp = nonEmpty(in.address()) ? in.address() : n.address();
            String workloadIp = nonEmpty(in.serviceAddress()) ? in.serviceAddress() : dataplaneIp;
            long dataplanePort = in.port() == null ? 0 : in.port();
            long workloadPort = in.servicePort() != null && in.servicePort() != 0 ? in.servicePort() : dataplanePort;
            if (port == dataplanePort && overlapsLoopback(dataplaneIp)
                    || port == workloadPort && overlapsLoopback(workloadIp)) {
                return true;
            }
        }
        return false;
    }

    /** {@code UsesOutboundInterface(127.0.0.1, port)}; an outbound's address defaults to 127.0.0.1. */
    private static boolean usesOutboundInterface(DataplaneSpec.Networking n, long port) {
        for (DataplaneSpec.Outbound out : n.outbounds()) {
            String ip = nonEmpty(out.address()) ? out.address() : LOOPBACK;
            if (out.port() != null && port == out.port() && overlapsLoopback(ip)) {
                return true;
            }
        }
        return false;
    }

    /** Kuma's {@code overlap(127.0.0.1, net.ParseIP(ip))}: the wildcard or loopback itself (also IPv4-mapped). */
    private static boolean overlapsLoopback(String ip) {
        Optional<InetAddress> a = parseIp(ip);
        return a.isPresent()
                && (a.get().isAnyLocalAddress() || a.get().getHostAddress().equals(LOOPBACK));
    }

    private static Optional<InetAddress> parseIp(String ip) {
        if (!Addresses.isIp(ip)) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(ip)); // a literal: no lookup
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** {@code validateNetworking}. */
    private static Violations networking(DataplaneSpec.Networking n) {
        Violations v = new Violations();
        FieldPath path = FieldPath.of("networking");
        v.addAll(address(path, n.address()));
        for (int i = 0; i < n.inbounds().size(); i++) {
            DataplaneSpec.Inbound in = n.inbounds().get(i);
            FieldPath field = path.field("inbound").index(i);
            v.addAt(field, inbound(in, n.address()));
            // Only inbounds with tags need the service tag (with InboundTagsDisabled they have none).
            if (!in.tagsOrEmpty().isEmpty() && !in.tagsOrEmpty().containsKey(TagRules.SERVICE_TAG)) {
                v.add(field.field("tags").key(TagRules.SERVICE_TAG), "tag has to exist");
            }
        }
        for (int i = 0; i < n.outbounds().size(); i++) {
            v.addAt(path.field("outbound").index(i), outbound(n.outbounds().get(i)));
        }
        // "transparentProxing" is Kuma's spelling of this path.
        v.addAt(path.field("transparentProxing"), transparentProxying(n.transparentProxying()));
        return v;
    }

    /** {@code validateAddress}. */
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

    /** {@code validateInbound}. */
    private static Violations inbound(DataplaneSpec.Inbound in, String dpAddress) {
        Violations v = new Violations();
        v.addAll(TagRules.port(FieldPath.of("port"), in.port()));
        if (in.servicePort() != null && in.servicePort() != 0) {
            v.addAll(TagRules.port(FieldPath.of("servicePort"), in.servicePort()));
        }
        boolean samePort = in.servicePort() == null
                || in.servicePort() == 0
                || in.servicePort().equals(in.port());
        if (nonEmpty(in.serviceAddress())) {
            if (!Addresses.isIp(in.serviceAddress())) {
                v.add("serviceAddress", "serviceAddress has to be valid IP address");
            }
            if (in.serviceAddress().equals(dpAddress) && samePort) {
                v.add("serviceAddress", "serviceAddress and servicePort has to differ from address and port");
            }
        }
        if (nonEmpty(in.address())) {
            if (!Addresses.isIp(in.address())) {
                v.add("address", "address has to be valid IP address");
            }
            if (in.address().equals(in.serviceAddress()) && samePort) {
                v.add("serviceAddress", "serviceAddress and servicePort has to differ from address and port");
            }
        }
        v.addAll(TagRules.tags(
                FieldPath.of("tags"),
                in.tags(),
                new TagRules.Options(false, false, (path, out) -> protocolTag(path, in.tagsOrEmpty(), out))));
        if (nonEmpty(in.protocol()) && !knownProtocol(in.protocol())) {
            v.add("protocol", "has an invalid value \"" + in.protocol() + "\". " + allowed());
        }
        v.addAll(serviceProbe(in.serviceProbe()));
        return v;
    }

    private static void protocolTag(FieldPath path, Map<String, String> tags, Violations out) {
        if (tags.containsKey(DataplaneSpec.PROTOCOL_TAG)) {
            String value = tags.get(DataplaneSpec.PROTOCOL_TAG) == null ? "" : tags.get(DataplaneSpec.PROTOCOL_TAG);
            if (!knownProtocol(value)) {
                out.add(
                        path.key(DataplaneSpec.PROTOCOL_TAG),
                        "tag \"" + DataplaneSpec.PROTOCOL_TAG + "\" has an invalid value \"" + value + "\". "
                                + allowed());
            }
        }
    }

    private static boolean knownProtocol(String p) {
        return PARSEABLE_PROTOCOLS.contains(p.toLowerCase(Locale.ROOT));
    }

    private static String allowed() {
        return "Allowed values: " + String.join(", ", SUPPORTED_PROTOCOLS);
    }

    /** {@code validateServiceProbe}: {@code ValidateDuration} and {@code ValidateThreshold} of what is set. */
    private static Violations serviceProbe(DataplaneSpec.ServiceProbe probe) {
        Violations v = new Violations();
        if (probe == null) {
            return v;
        }
        FieldPath path = FieldPath.of("serviceProbe");
        positiveDuration(v, path.field("interval"), probe.interval());
        positiveDuration(v, path.field("timeout"), probe.timeout());
        positiveThreshold(v, path.field("unhealthyThreshold"), probe.unhealthyThreshold());
        positiveThreshold(v, path.field("healthyThreshold"), probe.healthyThreshold());
        return v;
    }

    private static void positiveDuration(Violations v, FieldPath path, String duration) {
        if (duration == null) {
            return;
        }
        try {
            if (GoDuration.parseNanos(duration) == 0) {
                v.add(path, "must have a positive value");
            }
        } catch (GoDuration.Invalid e) {
            // refused when the body was decoded ("bad Duration"); not reached
            v.add(path, "must have a valid value");
        }
    }

    private static void positiveThreshold(Violations v, FieldPath path, Long threshold) {
        if (threshold != null && threshold == 0) {
            v.add(path, "must have a positive value");
        }
    }

    /** {@code validateOutbound}. */
    private static Violations outbound(DataplaneSpec.Outbound out) {
        Violations v = new Violations();
        v.addAll(TagRules.port(FieldPath.of("port"), out.port()));
        if (nonEmpty(out.address()) && !Addresses.isIp(out.address())) {
            v.add("address", "address has to be valid IP address");
        }
        // GetService() is the outbound's kuma.io/service tag.
        boolean hasTags = !out.tagsOrEmpty().isEmpty();
        if (out.backendRef() != null) {
            DataplaneSpec.BackendRef ref = out.backendRef();
            if (ref.kind() == null || !BACKEND_REF_KINDS.contains(ref.kind())) {
                v.add("backendRef.kind", "invalid value. Available values are: " + String.join(",", BACKEND_REF_KINDS));
            }
            if (!nonEmpty(ref.name()) && (ref.labels() == null || ref.labels().isEmpty())) {
                v.add("backendRef", "either 'name' or 'labels' should be specified");
            }
            // For MeshExternalService the port comes from its endpoints.
            if (!"MeshExternalService".equals(ref.kind())) {
                v.addAll(TagRules.port(FieldPath.of("backendRef").field("port"), ref.port()));
            }
        } else if (!hasTags) {
            v.add("tags", "mandatory tag \"" + TagRules.SERVICE_TAG + "\" is missing");
        } else {
            v.addAll(TagRules.tags(FieldPath.of("tags"), out.tags(), new TagRules.Options(false, true, null)));
        }
        if (out.backendRef() != null && hasTags) {
            v.add("backendRef", "both backendRef and tags/service cannot be defined");
        }
        return v;
    }

    /** {@code validateTransparentProxying}: the reachable backend refs. */
    private static Violations transparentProxying(DataplaneSpec.TransparentProxying tp) {
        Violations v = new Violations();
        if (tp == null || tp.reachableBackends() == null) {
            return v;
        }
        FieldPath refs = FieldPath.of("reachableBackends.refs");
        List<DataplaneSpec.ReachableBackend> all = tp.reachableBackends().refsOrEmpty();
        for (int i = 0; i < all.size(); i++) {
            DataplaneSpec.ReachableBackend ref =
                    all.get(i) == null ? new DataplaneSpec.ReachableBackend(null, null, null, null, null) : all.get(i);
            FieldPath item = refs.index(i);
            if (ref.kind() == null || !BACKEND_REF_KINDS.contains(ref.kind())) {
                v.add(
                        item.field("kind"),
                        "invalid value. Available values are: " + String.join(",", BACKEND_REF_KINDS));
            }
            boolean name = nonEmpty(ref.name());
            boolean namespace = nonEmpty(ref.namespace());
            boolean labels = ref.labels() != null && !ref.labels().isEmpty();
            if (name) {
                v.addAt(item.field("name"), MetaRules.identifier(ref.name()));
            }
            if (!name && !namespace && !labels) {
                v.add(item.field("name"), "name or labels are required");
            }
            if (!name && namespace) {
                v.add(item.field("name"), "name is required, when namespace is defined");
            }
            if ((name || namespace) && labels) {
                v.add(item.field("labels"), "labels cannot be defined when name is specified");
            }
        }
        return v;
    }

    /** {@code validateProbes}: the virtual probes port and every endpoint's ports and paths. */
    private static Violations probes(DataplaneSpec.Probes probes) {
        Violations v = new Violations();
        if (probes == null) {
            return v;
        }
        FieldPath path = FieldPath.of("probes");
        v.addAll(TagRules.port(path.field("port"), probes.port()));
        List<DataplaneSpec.ProbeEndpoint> endpoints = probes.endpointsOrEmpty();
        for (int i = 0; i < endpoints.size(); i++) {
            DataplaneSpec.ProbeEndpoint e =
                    endpoints.get(i) == null ? new DataplaneSpec.ProbeEndpoint(null, null, null) : endpoints.get(i);
            FieldPath item = path.field("endpoints").index(i);
            v.addAll(TagRules.port(item.field("inboundPort"), e.inboundPort()));
            if (!RequestUri.parses(e.inboundPath())) {
                v.add(item.field("inboundPath"), "should be a valid URL Path");
            }
            if (!RequestUri.parses(e.path())) {
                v.add(item.field("path"), "should be a valid URL Path");
            }
        }
        return v;
    }

    /** {@code validateMetricsBackend}: a Prometheus backend and its configuration. */
    private static Violations metrics(DataplaneSpec.Metrics metrics) {
        Violations v = new Violations();
        FieldPath path = FieldPath.of("metrics");
        if (!"prometheus".equals(metrics.type())) {
            v.add(path.field("type"), "unknown backend type. Available backends: \"prometheus\"");
        } else {
            v.addAt(path.field("conf"), prometheusConf(metrics.conf()));
        }
        return v;
    }

    /**
     * {@code validatePrometheusConfig} (mesh_validator.go): skipMTLS and tls only when they agree, and unique
     * aggregate names. (Kuma also compiles {@code envoy.filterRegex} with Go's regexp; not checked here.)
     */
    private static Violations prometheusConf(JsonNode conf) {
        Violations v = new Violations();
        if (conf == null || !conf.isObject()) {
            return v;
        }
        JsonNode skipMtls = conf.get("skipMTLS");
        JsonNode tls = conf.get("tls");
        if (skipMtls != null && !skipMtls.isNull() && tls != null && !tls.isNull()) {
            boolean skip = skipMtls.asBoolean();
            JsonNode m = tls.path("mode");
            // jsonpb takes an enum's name or its number (activeMTLSBackend = 0, providedTLS = 1, disabled = 2).
            List<String> modes = List.of("activeMTLSBackend", "providedTLS", "disabled");
            String mode = !m.isNumber()
                    ? m.asText(modes.get(0))
                    : m.asInt() >= 0 && m.asInt() < modes.size() ? modes.get(m.asInt()) : "";
            boolean agree = !skip && mode.equals("activeMTLSBackend") || skip && mode.equals("disabled");
            if (!agree) {
                return v.add("", "skipMTLS and tls configuration cannot be defined together");
            }
        }
        Set<String> names = new HashSet<>();
        JsonNode aggregate = conf.path("aggregate");
        for (int i = 0; i < aggregate.size(); i++) {
            String name = aggregate.get(i).path("name").asText("");
            if (!names.add(name)) {
                v.add(
                        FieldPath.of("aggregate").index(i).field("name"),
                        "duplicate entry: " + name + ", values have to be unique");
            }
        }
        return v;
    }

    /** {@code validateListeners}: types, addresses, ports, unique names and address:port pairs. */
    private static Violations listeners(DataplaneSpec.Networking n) {
        Violations v = new Violations();
        Set<String> names = new HashSet<>();
        n.inbounds().forEach(in -> names.add(in.sectionName()));
        Map<String, String> typeByAddressPort = new HashMap<>();
        List<DataplaneSpec.Listener> listeners = n.listenersOrEmpty();
        for (int i = 0; i < listeners.size(); i++) {
            DataplaneSpec.Listener l =
                    listeners.get(i) == null ? new DataplaneSpec.Listener(null, null, null, null) : listeners.get(i);
            FieldPath item = FieldPath.root().index(i);
            String type = l.type() == null ? "Unspecified" : l.type();
            if (type.equals("Unspecified")) {
                v.add(item.field("type"), "type must be ZoneIngress or ZoneEgress");
            }
            v.addAll(address(item, l.address()));
            v.addAll(TagRules.port(item.field("port"), l.port()));
            if (nonEmpty(l.name())) {
                if (!names.add(l.name())) {
                    v.add(item.field("name"), "name \"" + l.name() + "\" must be unique across inbounds and listeners");
                }
            }
            String key = (l.address() == null ? "" : l.address()) + ":" + (l.port() == null ? 0 : l.port());
            String existing = typeByAddressPort.putIfAbsent(key, type);
            if (existing != null) {
                v.add(
                        item,
                        existing.equals(type)
                                ? "address:port " + key + " is already used by another listener"
                                : "address:port " + key + " is used by listeners of different types");
            }
            for (DataplaneSpec.Inbound in : n.inbounds()) {
                String inboundAddress = nonEmpty(in.address()) ? in.address() : n.address();
                if (((inboundAddress == null ? "" : inboundAddress) + ":" + (in.port() == null ? 0 : in.port()))
                        .equals(key)) {
                    v.add(item, "address:port " + key + " collides with an inbound listener");
                    break;
                }
            }
        }
        return v;
    }

    /** {@code validateGateway}: tags, the service tag once there are any, and only tcp as protocol. */
    private static Violations gateway(DataplaneSpec.Gateway g) {
        Map<String, String> tags = g.tagsOrEmpty();
        return TagRules.tags(FieldPath.of("tags"), tags, new TagRules.Options(false, !tags.isEmpty(), (path, out) -> {
            if (tags.containsKey(DataplaneSpec.PROTOCOL_TAG)) {
                String protocol =
                        tags.get(DataplaneSpec.PROTOCOL_TAG) == null ? "" : tags.get(DataplaneSpec.PROTOCOL_TAG);
                if (!protocol.equalsIgnoreCase("tcp")) {
                    out.add(
                            path.key(DataplaneSpec.PROTOCOL_TAG),
                            "other values than tcp are not allowed, provided value \"" + protocol + "\"");
                }
            }
        }));
    }

    private static boolean nonEmpty(String s) {
        return s != null && !s.isEmpty();
    }
}
