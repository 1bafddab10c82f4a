package dev.gatehouse.mesh.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.mesh.resource.Resource;
import dev.gatehouse.mesh.resource.ResourceCodec;
import dev.gatehouse.mesh.resource.TargetRef;
import dev.gatehouse.mesh.resource.meshaccesslog.MeshAccessLogSpec;
import dev.gatehouse.mesh.resource.meshaccesslog.MeshAccessLogSpec.Backend;
import dev.gatehouse.mesh.resource.meshaccesslog.MeshAccessLogType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Which MeshAccessLog backends apply to which traffic of one proxy, with the targetRef matching of the permission
 * engine ({@link PermissionEngine#selects}): the top-level targetRef selects the proxy (for {@code to[]}) or each of
 * its inbounds (for {@code from[]} and {@code rules[]}); {@code to[]} items apply to outbound traffic to their
 * {@code Mesh} or {@code MeshService}, {@code from[]} items (kind {@code Mesh}) and {@code rules[]} to inbound
 * traffic. Where several entries apply, policies are taken least specific first (top-level kind, then name in
 * reverse, as Kuma sorts them) and the last entry's backends replace the earlier ones (Kuma merges {@code default}s
 * and replaces lists: pkg/plugins/policies/core/rules/merge); {@code rules[]} entries all fire (a connection that
 * satisfies several rules is logged to each rule's backends), a rule with SPIFFE-ID {@code matches} only for clients
 * whose {@code spiffe://<mesh>/<service>} matches. Immutable.
 */
public final class AccessLogPolicies {
    private record Policy(String name, MeshAccessLogSpec spec) {}

    private final String mesh;
    private final List<Policy> policies;

    private AccessLogPolicies(String mesh, List<Policy> policies) {
        this.mesh = mesh;
        this.policies = policies;
    }

    /** Built from MeshAccessLog resources of {@code mesh} (other types are skipped). */
    public static AccessLogPolicies of(String mesh, Collection<Resource> resources) {
        List<Policy> list = new ArrayList<>();
        for (Resource r : resources) {
            if (r.type() == MeshAccessLogType.DESCRIPTOR) {
                list.add(
                        new Policy(r.labels().getOrDefault("kuma.io/display-name", r.name()), MeshAccessLogSpec.of(r)));
            }
        }
        // least specific first; names in reverse, so the alphabetically first policy applies last (as Kuma's sort)
        list.sort(Comparator.comparing((Policy p) -> rank(p.spec().targetRefOrMesh()))
                .thenComparing(Policy::name, Comparator.reverseOrder()));
        return new AccessLogPolicies(mesh, List.copyOf(list));
    }

    /** Built from the body of {@code GET /meshes/{mesh}/_snapshot}. */
    public static AccessLogPolicies fromRestSnapshot(JsonNode body) {
        List<Resource> list = new ArrayList<>();
        for (JsonNode item : body.path(MeshAccessLogType.DESCRIPTOR.wsPath())) {
            list.add(ResourceCodec.fromRest(MeshAccessLogType.DESCRIPTOR, item));
        }
        return of(body.path("mesh").path("name").asText(""), list);
    }

    public boolean isEmpty() {
        return policies.isEmpty();
    }

    /**
     * The backends for one proxy.
     *
     * @param dataplane the Dataplane's name
     * @param labels    its labels
     * @param inbounds  its inbounds, by inbound index (empty for a delegated gateway)
     * @param proxyTags the tags a top-level targetRef is matched against for outbound traffic when the proxy has no
     *                  inbounds (a delegated gateway's {@code kuma.io/service})
     */
    public ProxyAccessLogs forProxy(
            String dataplane, Map<String, String> labels, List<InboundTarget> inbounds, Map<String, String> proxyTags) {
        List<InboundTarget> selectables =
                inbounds.isEmpty() ? List.of(new InboundTarget(dataplane, labels, proxyTags, null, 0)) : inbounds;
        List<Backend> outboundMesh = null;
        Map<String, List<Backend>> outboundByService = new HashMap<>();
        List<List<InboundRule>> inbound = new ArrayList<>();
        for (int i = 0; i < inbounds.size(); i++) {
            inbound.add(new ArrayList<>());
        }
        List<List<Backend>> fromBackends = new ArrayList<>();
        for (int i = 0; i < inbounds.size(); i++) {
            fromBackends.add(null);
        }
        // to[]: Mesh items first, then MeshService items, each in policy order; the last one wins per service.
        for (Policy p : policies) {
            TargetRef top = p.spec().targetRefOrMesh();
            if (selectables.stream().noneMatch(t -> PermissionEngine.selects(withoutSection(top), t))) {
                continue;
            }
            for (MeshAccessLogSpec.Item to : p.spec().toOrEmpty()) {
                if (to.targetRef() != null && "Mesh".equals(to.targetRef().kind())) {
                    outboundMesh = backends(to);
                }
            }
        }
        for (Policy p : policies) {
            TargetRef top = p.spec().targetRefOrMesh();
            if (selectables.stream().noneMatch(t -> PermissionEngine.selects(withoutSection(top), t))) {
                continue;
            }
            for (MeshAccessLogSpec.Item to : p.spec().toOrEmpty()) {
                TargetRef ref = to.targetRef();
                if (ref != null && "MeshService".equals(ref.kind()) && ref.name() != null) {
                    outboundByService.put(ref.name(), backends(to));
                }
            }
        }
        for (Policy p : policies) {
            TargetRef top = p.spec().targetRefOrMesh();
            for (int i = 0; i < inbounds.size(); i++) {
                if (!PermissionEngine.selects(top, inbounds.get(i))) {
                    continue;
                }
                for (MeshAccessLogSpec.Item from : p.spec().fromOrEmpty()) {
                    fromBackends.set(i, backends(from));
                }
                for (MeshAccessLogSpec.Rule rule : p.spec().rulesOrEmpty()) {
                    List<Backend> b = rule.conf() == null || rule.conf().backends() == null
                            ? List.of()
                            : List.copyOf(rule.conf().backends());
                    inbound.get(i).add(new InboundRule(spiffeMatchers(rule.matches()), b));
                }
            }
        }
        for (int i = 0; i < inbounds.size(); i++) {
            if (fromBackends.get(i) != null) {
                inbound.get(i).add(0, new InboundRule(null, fromBackends.get(i)));
            }
            inbound.set(i, List.copyOf(inbound.get(i)));
        }
        return new ProxyAccessLogs(
                mesh,
                List.copyOf(inbound),
                outboundMesh == null ? List.of() : outboundMesh,
                Map.copyOf(outboundByService));
    }

    private static TargetRef withoutSection(TargetRef ref) {
        return new TargetRef(
                ref.kind(), ref.name(), ref.namespace(), ref.mesh(), ref.tags(), ref.labels(), null, ref.proxyTypes());
    }

    private static List<Backend> backends(MeshAccessLogSpec.Item item) {
        return item.conf() == null || item.conf().backends() == null
                ? List.of()
                : List.copyOf(item.conf().backends());
    }

    /** SPIFFE-ID matchers of a rule ({@code null}: the rule has no matches and applies to every client). */
    private static List<SpiffeMatch> spiffeMatchers(JsonNode matches) {
        if (matches == null || !matches.isArray() || matches.isEmpty()) {
            return null;
        }
        List<SpiffeMatch> out = new ArrayList<>();
        for (JsonNode m : matches) {
            JsonNode id = m.path("spiffeID");
            if (id.isObject()) {
                out.add(new SpiffeMatch(
                        !"Prefix".equals(id.path("type").asText()),
                        id.path("value").asText()));
            }
        }
        return List.copyOf(out); // only SNI matches (zone proxies): matches no sidecar client
    }

    private static int rank(TargetRef ref) {
        return PermissionEngine.KIND_ORDER.getOrDefault(ref.kind() == null ? "Mesh" : ref.kind(), 0);
    }

    /** A SPIFFE-ID matcher of a rule. */
    public record SpiffeMatch(boolean exact, String value) {
        boolean matches(String id) {
            return exact ? id.equals(value) : id.startsWith(value);
        }
    }

    /** One inbound entry: matchers ({@code null} = every client) and its backends. */
    public record InboundRule(List<SpiffeMatch> matches, List<Backend> backends) {}

    /**
     * The MeshAccessLog backends of one proxy: per inbound (by index) and per destination service of its outbounds.
     */
    public record ProxyAccessLogs(
            String mesh,
            List<List<InboundRule>> inbound,
            List<Backend> outboundMesh,
            Map<String, List<Backend>> outboundByService) {

        /** No MeshAccessLog applies to this proxy. */
        public static ProxyAccessLogs none() {
            return new ProxyAccessLogs("", List.of(), List.of(), Map.of());
        }

        /** The backends of a connection or request to inbound {@code index} from {@code sourceService}. */
        public Set<Backend> inbound(int index, String sourceService) {
            if (index < 0 || index >= inbound.size() || inbound.get(index).isEmpty()) {
                return Set.of();
            }
            String id = "spiffe://" + mesh + "/" + Objects.requireNonNullElse(sourceService, "");
            Set<Backend> out = new LinkedHashSet<>();
            for (InboundRule r : inbound.get(index)) {
                if (r.matches() == null || r.matches().stream().anyMatch(m -> m.matches(id))) {
                    out.addAll(r.backends());
                }
            }
            return out;
        }

        /** The backends of a connection from this proxy to {@code service}. */
        public List<Backend> outbound(String service) {
            return outboundByService.getOrDefault(service, outboundMesh);
        }

        /** Every backend some traffic of this proxy is logged to. */
        public Set<Backend> all() {
            Set<Backend> out = new LinkedHashSet<>(outboundMesh);
            outboundByService.values().forEach(out::addAll);
            inbound.forEach(rules -> rules.forEach(r -> out.addAll(r.backends())));
            return out;
        }
    }
}
