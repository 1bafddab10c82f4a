package dev.gatehouse.mesh.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.mesh.resource.Resource;
import dev.gatehouse.mesh.resource.ResourceCodec;
import dev.gatehouse.mesh.resource.dataplane.DataplaneSpec;
import dev.gatehouse.mesh.resource.dataplane.DataplaneType;
import dev.gatehouse.mesh.resource.meshtrafficpermission.MeshTrafficPermissionType;
import dev.gatehouse.mesh.resource.trafficpermission.TrafficPermissionType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The effective permission between the services of one mesh, pair by pair: the one place that turns the permission
 * engine's decisions into what the console draws. The control plane's {@code _permission-matrix} inspection and the
 * console (for a real Kuma, from the Universal JSON its REST API returns) both run this class.
 *
 * <p>Services are the {@code kuma.io/service} tags of the mesh's data planes, delegated gateways included. A pair is
 * decided as {@code GET /meshes/{mesh}/_permissions?source=S&destination=D} decides it: the client carries the tags
 * of the first data plane of S (only {@code kuma.io/service: S} when S has none), the destination is the first inbound
 * of D (a stand-in inbound when D has none, as for a gateway). Each pair then gets an {@link Access}: not enforced
 * when mTLS is off; denied; allowed by an allow-all policy (zero trust off); or allowed.
 */
public final class ServicePermissions {

    /** The effective permission of a pair, as the console shows it. */
    public enum Access {
        /** A policy that names these services (or a subset holding them) allows it. */
        ALLOWED,
        /** A policy that allows every client to every service allows it, by its rule for any client. */
        ALLOWED_BY_ALLOW_ALL,
        /** A policy denies it, or nothing allows it while mTLS is on. */
        DENIED,
        /** mTLS is off, so Kuma enforces no permission. */
        NOT_ENFORCED
    }

    /** One ordered pair: its access, the deciding policy (none when nothing matched or mTLS is off), the rule in words. */
    public record Pair(String source, String destination, Access access, Optional<PolicyRef> policy, String rule) {}

    /** Every ordered pair of {@code services} (no self-pairs), ordered by source, then destination. */
    public record Matrix(String mesh, boolean mtlsEnabled, List<String> services, List<Pair> pairs) {
        public Matrix {
            services = List.copyOf(services);
            pairs = List.copyOf(pairs);
        }

        /**
         * The compact JSON of the control plane's {@code _permission-matrix}: per destination, the verdict most
         * sources get ({@code otherSources}) and the groups of sources that get another one.
         */
        public ObjectNode toJson() {
            ObjectNode out = ResourceCodec.JSON.createObjectNode();
            out.put("mesh", mesh);
            out.put("mtlsEnabled", mtlsEnabled);
            ArrayNode names = out.putArray("services");
            services.forEach(names::add);
            Map<String, Map<Outcome, List<String>>> byDestination = new LinkedHashMap<>();
            services.forEach(s -> byDestination.put(s, new LinkedHashMap<>()));
            for (Pair p : pairs) {
                byDestination
                        .get(p.destination())
                        .computeIfAbsent(Outcome.of(p), v -> new ArrayList<>())
                        .add(p.source());
            }
            ArrayNode destinations = out.putArray("destinations");
            byDestination.forEach((destination, groups) -> {
                ObjectNode d = destinations.addObject();
                d.put("service", destination);
                Outcome most = groups.entrySet().stream()
                        .max(Comparator.comparingInt((Map.Entry<Outcome, List<String>> e) ->
                                e.getValue().size()))
                        .map(Map.Entry::getKey)
                        .orElse(null);
                if (most == null) {
                    d.putNull("otherSources");
                } else {
                    most.write(d.putObject("otherSources"));
                }
                ArrayNode listed = d.putArray("groups");
                groups.forEach((outcome, sources) -> {
                    if (!outcome.equals(most)) {
                        ObjectNode g = listed.addObject();
                        outcome.write(g);
                        ArrayNode a = g.putArray("sources");
                        sources.forEach(a::add);
                    }
                });
            });
            return out;
        }

        /** Reads what {@link #toJson} wrote. */
        public static Matrix fromJson(JsonNode json) {
            List<String> services = new ArrayList<>();
            json.path("services").forEach(s -> services.add(s.asText()));
            List<Pair> pairs = new ArrayList<>();
            for (JsonNode d : json.path("destinations")) {
                String destination = d.path("service").asText();
                Set<String> listed = new HashSet<>();
                for (JsonNode g : d.path("groups")) {
                    Outcome v = Outcome.read(g);
                    for (JsonNode s : g.path("sources")) {
                        listed.add(s.asText());
                        pairs.add(v.pair(s.asText(), destination));
                    }
                }
                if (d.path("otherSources").isObject()) {
                    Outcome rest = Outcome.read(d.path("otherSources"));
                    for (String s : services) {
                        if (!s.equals(destination) && !listed.contains(s)) {
                            pairs.add(rest.pair(s, destination));
                        }
                    }
                }
            }
            Map<String, Integer> order = new HashMap<>();
            for (int i = 0; i < services.size(); i++) {
                order.put(services.get(i), i);
            }
            pairs.sort(Comparator.comparing((Pair p) -> order.getOrDefault(p.source(), -1))
                    .thenComparing(p -> order.getOrDefault(p.destination(), -1)));
            return new Matrix(
                    json.path("mesh").asText(), json.path("mtlsEnabled").asBoolean(), services, pairs);
        }

        /** The pair from {@code source} to {@code destination}, if both are services of the mesh. */
        public Optional<Pair> pair(String source, String destination) {
            return pairs.stream()
                    .filter(p -> p.source().equals(source) && p.destination().equals(destination))
                    .findFirst();
        }
    }

    /**
     * One inbound of a data plane as the {@code _permissions} inspection reports it: port, name, tags, the policy
     * family that governs it ({@link InboundPermissions.Mode}), the matched policies, the ordered from-rules and the
     * verdict of each client subset.
     */
    public record Inbound(
            long port,
            String name,
            Map<String, String> tags,
            String mode,
            List<PolicyRef> policies,
            List<InboundRule> rules,
            List<ClientVerdict> clients) {}

    /** One ordered from-rule: clients with these tags get this action (Kuma's name), because of this policy. */
    public record InboundRule(Map<String, String> from, String action, PolicyRef policy) {}

    /** What clients with these tags get, and from which policy (null when nothing matched). */
    public record ClientVerdict(Map<String, String> tags, String verdict, boolean allowed, PolicyRef policy) {}

    /** What a group of pairs shares: access, deciding policy and rule. */
    private record Outcome(Access access, PolicyRef policy, String rule) {
        static Outcome of(Pair p) {
            return new Outcome(p.access(), p.policy().orElse(null), p.rule());
        }

        static Outcome read(JsonNode o) {
            JsonNode p = o.path("policy");
            return new Outcome(
                    Access.valueOf(o.path("access").asText()),
                    p.isObject()
                            ? new PolicyRef(
                                    p.path("type").asText(), p.path("name").asText())
                            : null,
                    o.path("rule").asText());
        }

        void write(ObjectNode o) {
            o.put("access", access.name());
            if (policy == null) {
                o.putNull("policy");
            } else {
                o.putObject("policy").put("type", policy.type()).put("name", policy.name());
            }
            o.put("rule", rule);
        }

        Pair pair(String source, String destination) {
            return new Pair(source, destination, access, Optional.ofNullable(policy), rule);
        }
    }

    private final PermissionEngine engine;
    private final List<String> services;
    private final Map<String, ClientIdentity> clients = new HashMap<>();
    private final Map<String, InboundTarget> destinations = new HashMap<>();
    private final Set<PolicyRef> allowAll;

    private ServicePermissions(PermissionEngine engine, List<Resource> dataplanes) {
        this.engine = engine;
        // One pass, each spec read once; first come first served gives what clientOf and targetsOf give.
        Set<String> names = new TreeSet<>();
        for (Resource dp : dataplanes) {
            DataplaneSpec spec = DataplaneSpec.of(dp);
            List<String> own = spec.services();
            names.addAll(own);
            if (!own.isEmpty()) {
                ClientIdentity identity = identityOf(spec);
                own.forEach(s -> clients.putIfAbsent(s, identity));
            }
            for (InboundTarget t : InboundTarget.of(dp)) {
                if (t.service() != null) {
                    destinations.putIfAbsent(t.service(), t);
                }
            }
        }
        this.services = List.copyOf(names);
        this.allowAll = allowAllPolicies(engine.snapshot());
    }

    /** Pairs of a mesh whose engine is already compiled (the control plane's, memoised per inbound). */
    public static ServicePermissions of(PermissionEngine engine, Collection<Resource> dataplanes) {
        return new ServicePermissions(engine, List.copyOf(dataplanes));
    }

    /**
     * Pairs of a mesh from the Universal JSON its REST API returns: the Mesh, its data planes (Dataplane items, or
     * the DataplaneOverview items of {@code dataplanes+insights}), its TrafficPermission and MeshTrafficPermission
     * items.
     */
    public static ServicePermissions fromRest(
            JsonNode mesh,
            Collection<? extends JsonNode> dataplanes,
            Collection<? extends JsonNode> trafficPermissions,
            Collection<? extends JsonNode> meshTrafficPermissions) {
        ObjectNode snapshot = ResourceCodec.JSON.createObjectNode();
        snapshot.set("mesh", mesh);
        ArrayNode tps = snapshot.putArray(TrafficPermissionType.DESCRIPTOR.wsPath());
        trafficPermissions.forEach(tps::add);
        ArrayNode mtps = snapshot.putArray(MeshTrafficPermissionType.DESCRIPTOR.wsPath());
        meshTrafficPermissions.forEach(mtps::add);
        PermissionEngine engine = PermissionEngine.compile(PolicySnapshot.fromRestSnapshot(snapshot));
        List<Resource> dps = new ArrayList<>();
        for (JsonNode dp : dataplanes) {
            dps.add(ResourceCodec.fromRest(DataplaneType.DESCRIPTOR, dataplaneOf(dp)));
        }
        return new ServicePermissions(engine, dps);
    }

    /** A DataplaneOverview carries the Dataplane's spec under {@code dataplane}; a Dataplane item is itself. */
    private static JsonNode dataplaneOf(JsonNode item) {
        if (item.has("networking") || !item.path("dataplane").isObject()) {
            return item;
        }
        ObjectNode dp = ((ObjectNode) item.get("dataplane")).deepCopy();
        dp.put("type", DataplaneType.DESCRIPTOR.name());
        dp.set("mesh", item.path("mesh"));
        dp.set("name", item.path("name"));
        if (item.has("labels")) {
            dp.set("labels", item.get("labels"));
        }
        return dp;
    }

    /**
     * The inbounds of {@code dataplane} with the permissions {@code engine} computes for each: what the control
     * plane's {@code GET /meshes/{mesh}/dataplanes/{name}/_permissions} answers.
     */
    public static List<Inbound> inbounds(PermissionEngine engine, Resource dataplane) {
        List<Inbound> out = new ArrayList<>();
        for (InboundTarget target : InboundTarget.of(dataplane)) {
            InboundPermissions perms = engine.forInbound(target);
            List<InboundRule> rules = new ArrayList<>();
            for (InboundPermissions.Rule r : perms.rules()) {
                rules.add(new InboundRule(r.clientSubset(), r.action().kumaName(), r.policy()));
            }
            List<ClientVerdict> clients = new ArrayList<>();
            for (InboundPermissions.ClientVerdict c : perms.clients()) {
                clients.add(new ClientVerdict(
                        c.clientSubset(), c.verdict().kumaName(), c.verdict().allowed(), c.policy()));
            }
            out.add(new Inbound(
                    target.port(),
                    target.inboundName(),
                    target.inboundTags(),
                    perms.mode().name(),
                    perms.matchedPolicies(),
                    List.copyOf(rules),
                    List.copyOf(clients)));
        }
        return List.copyOf(out);
    }

    /** The inbounds of a data plane given as Universal JSON (a Dataplane or DataplaneOverview item) of this mesh. */
    public List<Inbound> inbounds(JsonNode dataplane) {
        return inbounds(engine, ResourceCodec.fromRest(DataplaneType.DESCRIPTOR, dataplaneOf(dataplane)));
    }

    public String mesh() {
        return engine.snapshot().mesh();
    }

    public boolean mtlsEnabled() {
        return engine.snapshot().mtlsEnabled();
    }

    /** The services of the mesh, sorted. */
    public List<String> services() {
        return services;
    }

    /** Every ordered pair of services. */
    public Matrix matrix() {
        int n = services.size();
        Pair[][] bySource = new Pair[n][n];
        for (int j = 0; j < n; j++) {
            String destination = services.get(j);
            InboundPermissions inbound = inbound(destination);
            // The sources of one destination share a handful of outcomes: one per rule that matches.
            Map<Object, Outcome> outcomes = new IdentityHashMap<>();
            for (int i = 0; i < n; i++) {
                if (i != j) {
                    Outcome o = outcome(inbound, client(services.get(i)), outcomes);
                    bySource[i][j] = o.pair(services.get(i), destination);
                }
            }
        }
        List<Pair> pairs = new ArrayList<>(n * Math.max(0, n - 1));
        for (Pair[] row : bySource) {
            for (Pair p : row) {
                if (p != null) {
                    pairs.add(p);
                }
            }
        }
        return new Matrix(mesh(), mtlsEnabled(), services, pairs);
    }

    /** One pair; either service may be one no data plane has (what-if). */
    public Pair decide(String source, String destination) {
        return outcome(inbound(destination), client(source), new IdentityHashMap<>())
                .pair(source, destination);
    }

    private ClientIdentity client(String service) {
        return clients.getOrDefault(service, ClientIdentity.ofService(service));
    }

    private InboundPermissions inbound(String service) {
        return engine.forInbound(destinations.getOrDefault(service, InboundTarget.ofService(service)));
    }

    private static final Object NO_MATCH = new Object();

    /**
     * The engine's decision for {@code client} at {@code inbound} ({@link InboundPermissions#decide} reads the same
     * matching rule or source), with its access and rule in words; {@code seen} keeps one outcome per matching rule.
     */
    private Outcome outcome(InboundPermissions inbound, ClientIdentity client, Map<Object, Outcome> seen) {
        return switch (inbound.mode()) {
            case MTLS_OFF ->
                seen.computeIfAbsent(
                        NO_MATCH,
                        k -> new Outcome(
                                Access.NOT_ENFORCED,
                                null,
                                "mTLS is off in mesh " + mesh() + ", so no permission is enforced"));
            case NONE ->
                seen.computeIfAbsent(
                        NO_MATCH,
                        k -> new Outcome(
                                Access.DENIED, null, "no TrafficPermission or MeshTrafficPermission selects it: Deny"));
            case MESH_TRAFFIC_PERMISSION -> {
                InboundPermissions.Rule r = inbound.matchingRule(client);
                yield seen.computeIfAbsent(
                        r == null ? NO_MATCH : r,
                        k -> r == null
                                ? new Outcome(Access.DENIED, null, "no from-rule matches: Deny")
                                : new Outcome(
                                        access(r.action(), r.policy(), r.clientSubset()),
                                        r.policy(),
                                        "from " + target(r.kind(), r.clientSubset()) + ": "
                                                + r.action().kumaName()));
            }
            case TRAFFIC_PERMISSION -> {
                Map<String, String> source = inbound.matchingSource(client);
                PolicyRef policy = inbound.matchedPolicies().get(0);
                yield seen.computeIfAbsent(
                        source == null ? NO_MATCH : source,
                        k -> source == null
                                ? new Outcome(Access.DENIED, policy, "no source matches: Deny")
                                : new Outcome(
                                        access(Verdict.ALLOW, policy, source),
                                        policy,
                                        "source " + tags(source) + ": Allow"));
            }
            case MESH_TRAFFIC_PERMISSION_RULES -> {
                Decision d = inbound.decide(client);
                yield new Outcome(
                        access(d.verdict(), null, Map.of()),
                        d.policy(),
                        "rules: " + d.reason() + ": " + d.verdict().kumaName());
            }
        };
    }

    /** Allowed by an allow-all when an allow-all policy let the client in through its rule for any client. */
    private Access access(Verdict verdict, PolicyRef policy, Map<String, String> clientsMatched) {
        if (!verdict.allowed()) {
            return Access.DENIED;
        }
        boolean anyClient = clientsMatched.values().stream().allMatch("*"::equals);
        return policy != null && anyClient && allowAll.contains(policy) ? Access.ALLOWED_BY_ALLOW_ALL : Access.ALLOWED;
    }

    /** A from item's targetRef in words: {@code Mesh}, {@code MeshService web}, {@code MeshSubset k=v}. */
    private static String target(String kind, Map<String, String> subset) {
        String service = subset.get(ClientIdentity.SERVICE_TAG);
        return switch (kind) {
            case "Mesh" -> "Mesh";
            case "MeshService" -> "MeshService " + service;
            case "MeshServiceSubset" -> {
                Map<String, String> rest = new TreeMap<>(subset);
                rest.remove(ClientIdentity.SERVICE_TAG);
                yield "MeshServiceSubset " + service + (rest.isEmpty() ? "" : " " + tags(rest));
            }
            default -> kind + " " + tags(subset);
        };
    }

    private static String tags(Map<String, String> tags) {
        return new TreeMap<>(tags)
                .entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }

    /**
     * The policies that allow any client to any service: a MeshTrafficPermission whose top-level targetRef is the
     * Mesh with a {@code from} item of kind Mesh that allows and none that denies; a TrafficPermission with source
     * and destination {@code kuma.io/service: '*'} (Kuma's {@code allow-all-<mesh>}).
     */
    private static Set<PolicyRef> allowAllPolicies(PolicySnapshot snapshot) {
        Set<PolicyRef> out = new HashSet<>();
        Map<String, String> any = Map.of(ClientIdentity.SERVICE_TAG, "*");
        for (PolicySnapshot.LegacyPermission p : snapshot.trafficPermissions()) {
            if (p.sources().contains(any) && p.destinations().contains(any)) {
                out.add(PolicyRef.trafficPermission(p.name()));
            }
        }
        for (PolicySnapshot.MeshPermission p : snapshot.meshTrafficPermissions()) {
            boolean wholeMesh =
                    p.targetRef().kind() == null || "Mesh".equals(p.targetRef().kind());
            boolean allowsMesh = p.from().stream()
                    .anyMatch(f -> (f.kind() == null || "Mesh".equals(f.kind()))
                            && f.action().allowed());
            boolean denies = p.from().stream().anyMatch(f -> !f.action().allowed());
            if (wholeMesh && allowsMesh && !denies && p.rules().isEmpty()) {
                out.add(PolicyRef.meshTrafficPermission(p.name()));
            }
        }
        return out;
    }

    /** The client a service connects as: the tags of its first data plane, else only its service tag. */
    public static ClientIdentity clientOf(List<Resource> dataplanes, String service) {
        for (Resource dp : dataplanes) {
            DataplaneSpec spec = DataplaneSpec.of(dp);
            if (spec.services().contains(service)) {
                return identityOf(spec);
            }
        }
        return ClientIdentity.ofService(service);
    }

    /** Every tag of a data plane, as its certificate carries them. */
    private static ClientIdentity identityOf(DataplaneSpec spec) {
        Map<String, Set<String>> tags = new TreeMap<>();
        spec.tagSet().forEach((k, v) -> tags.put(k, Set.copyOf(v)));
        return new ClientIdentity(tags);
    }

    /** The inbounds of a service, in data plane order; a stand-in inbound when it has none (a gateway). */
    public static List<InboundTarget> targetsOf(List<Resource> dataplanes, String service) {
        List<InboundTarget> targets = new ArrayList<>();
        for (Resource dp : dataplanes) {
            InboundTarget.of(dp).stream()
                    .filter(t -> Objects.equals(service, t.service()))
                    .forEach(targets::add);
        }
        if (targets.isEmpty()) {
            targets.add(InboundTarget.ofService(service));
        }
        return targets;
    }
}
