package dev.gatehouse.mesh.policy;

import dev.gatehouse.mesh.resource.TargetRef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Kuma's traffic-permission semantics as a pure function of a {@link PolicySnapshot}.
 * <ul>
 *   <li>Nothing is enforced unless the mesh has mTLS on (MeshTrafficPermission plugin {@code Apply}, v2.14.3).</li>
 *   <li>If any MeshTrafficPermission selects an inbound it decides; {@code rules[]} take precedence over
 *       {@code from[]}; otherwise the legacy TrafficPermission decides; with neither, deny (plugin.go
 *       {@code configureLegacyRules}).</li>
 *   <li>Legacy: one TrafficPermission per inbound, the best-ranked destination selector (more tags, then more exact
 *       tags; a tie goes to the policy created later; policies scanned by name) — pkg/core/policy/connection_matcher.go
 *       {@code SelectInboundConnectionPolicy} @2.9.0.</li>
 *   <li>MeshTrafficPermission: policies sorted by top-level kind (Mesh &lt; Dataplane &lt; MeshSubset &lt;
 *       MeshService &lt; MeshServiceSubset; a Dataplane ref by name beats labels, with sectionName beats without),
 *       then display name in reverse; all from[] items merged in that order, the last one matching the client wins;
 *       no match = deny — pkg/plugins/policies/core/rules/{rules.go,sort/sort.go}, api/common/v1alpha1/targetref.go.</li>
 * </ul>
 * The engine indexes policies once; {@link #forInbound} results are memoised per inbound, so a data plane calls
 * {@link InboundPermissions#decide} per connection.
 */
public final class PermissionEngine {
    static final Map<String, Integer> KIND_ORDER = Map.of(
            "Mesh",
            1,
            "Dataplane",
            2,
            "MeshSubset",
            3,
            "MeshGateway",
            4,
            "MeshService",
            5,
            "MeshExternalService",
            6,
            "MeshMultiZoneService",
            7,
            "MeshServiceSubset",
            8,
            "MeshHTTPRoute",
            9);

    private final PolicySnapshot snapshot;
    private final Map<String, List<Candidate>> legacyByService = new HashMap<>();
    private final List<Candidate> legacyOther = new ArrayList<>();
    private final Map<String, List<PolicySnapshot.MeshPermission>> mtpByService = new HashMap<>();
    private final Map<String, List<PolicySnapshot.MeshPermission>> mtpByDataplaneKey = new HashMap<>();
    private final List<PolicySnapshot.MeshPermission> mtpOther = new ArrayList<>();
    private final Map<InboundTarget, InboundPermissions> memo = new ConcurrentHashMap<>();

    /** A legacy policy with one destination selector. */
    private record Candidate(PolicySnapshot.LegacyPermission policy, Map<String, String> destination) {}

    private PermissionEngine(PolicySnapshot snapshot) {
        this.snapshot = snapshot;
        List<PolicySnapshot.LegacyPermission> byName = new ArrayList<>(snapshot.trafficPermissions());
        byName.sort(Comparator.comparing(PolicySnapshot.LegacyPermission::name));
        for (PolicySnapshot.LegacyPermission p : byName) {
            for (Map<String, String> dest : p.destinations()) {
                String service = dest.get(ClientIdentity.SERVICE_TAG);
                Candidate c = new Candidate(p, dest);
                if (service != null && !service.equals("*")) {
                    legacyByService
                            .computeIfAbsent(service, k -> new ArrayList<>())
                            .add(c);
                } else {
                    legacyOther.add(c);
                }
            }
        }
        for (PolicySnapshot.MeshPermission p : snapshot.meshTrafficPermissions()) {
            String service = serviceOf(p.targetRef());
            String dpKey = dataplaneKeyOf(p.targetRef());
            if (service != null) {
                mtpByService.computeIfAbsent(service, k -> new ArrayList<>()).add(p);
            } else if (dpKey != null) {
                mtpByDataplaneKey.computeIfAbsent(dpKey, k -> new ArrayList<>()).add(p);
            } else {
                mtpOther.add(p);
            }
        }
    }

    public static PermissionEngine compile(PolicySnapshot snapshot) {
        return new PermissionEngine(snapshot);
    }

    public PolicySnapshot snapshot() {
        return snapshot;
    }

    /** Decides one connection from {@code client} to {@code target}. */
    public Decision decide(InboundTarget target, ClientIdentity client) {
        return forInbound(target).decide(client);
    }

    public InboundPermissions forInbound(InboundTarget target) {
        return memo.computeIfAbsent(target, this::compute);
    }

    /** Decides without the per-inbound memo: the cost of the first connection to an inbound after a change. */
    public Decision decideUncached(InboundTarget target, ClientIdentity client) {
        return compute(target).decide(client);
    }

    private InboundPermissions compute(InboundTarget target) {
        String mesh = snapshot.mesh();
        if (!snapshot.mtlsEnabled()) {
            return new InboundPermissions(
                    mesh, InboundPermissions.Mode.MTLS_OFF, List.of(), List.of(), List.of(), List.of(), null);
        }
        List<PolicySnapshot.MeshPermission> matched = matchedMeshPermissions(target);
        if (!matched.isEmpty()) {
            List<PolicyRef> refs = matched.stream()
                    .map(p -> PolicyRef.meshTrafficPermission(p.name()))
                    .toList();
            List<PolicySnapshot.SpiffeRule> spiffe = new ArrayList<>();
            List<PolicyRef> spiffeOrigins = new ArrayList<>();
            List<InboundPermissions.Rule> rules = new ArrayList<>();
            for (PolicySnapshot.MeshPermission p : matched) {
                PolicyRef ref = PolicyRef.meshTrafficPermission(p.name());
                for (PolicySnapshot.SpiffeRule r : p.rules()) {
                    spiffe.add(r);
                    spiffeOrigins.add(ref);
                }
                for (PolicySnapshot.FromItem item : p.from()) {
                    rules.add(new InboundPermissions.Rule(
                            item.kind() == null ? "Mesh" : item.kind(), item.subset(), item.action(), ref));
                }
            }
            InboundPermissions.Mode mode = spiffe.isEmpty()
                    ? InboundPermissions.Mode.MESH_TRAFFIC_PERMISSION
                    : InboundPermissions.Mode.MESH_TRAFFIC_PERMISSION_RULES;
            return new InboundPermissions(mesh, mode, refs, rules, spiffe, spiffeOrigins, null);
        }
        PolicySnapshot.LegacyPermission legacy = bestLegacy(target.inboundTags());
        if (legacy != null) {
            return new InboundPermissions(
                    mesh,
                    InboundPermissions.Mode.TRAFFIC_PERMISSION,
                    List.of(PolicyRef.trafficPermission(legacy.name())),
                    List.of(),
                    List.of(),
                    List.of(),
                    legacy);
        }
        return new InboundPermissions(
                mesh, InboundPermissions.Mode.NONE, List.of(), List.of(), List.of(), List.of(), null);
    }

    /** {@code SelectInboundConnectionPolicy}: best rank wins; equal rank goes to the later-created policy. */
    private PolicySnapshot.LegacyPermission bestLegacy(Map<String, String> inboundTags) {
        PolicySnapshot.LegacyPermission best = null;
        int bestTotal = 0;
        int bestExact = 0;
        List<Candidate> exact = legacyByService.getOrDefault(inboundTags.get(ClientIdentity.SERVICE_TAG), List.of());
        // Candidates must be visited in name order across both lists, as Kuma scans policies sorted by name.
        List<Candidate> all = merge(exact, legacyOther);
        for (Candidate c : all) {
            if (!selectorMatches(c.destination(), inboundTags)) {
                continue;
            }
            int total = c.destination().size();
            int exactCount = (int) c.destination().values().stream()
                    .filter(v -> !v.equals("*"))
                    .count();
            int cmp = total != bestTotal ? total - bestTotal : exactCount - bestExact;
            boolean sameRankLater =
                    cmp == 0 && best != null && c.policy().creationTime().isAfter(best.creationTime());
            if (cmp > 0 || sameRankLater) {
                best = c.policy();
                bestTotal = total;
                bestExact = exactCount;
            }
        }
        return best;
    }

    private static List<Candidate> merge(List<Candidate> a, List<Candidate> b) {
        if (a.isEmpty()) {
            return b;
        }
        if (b.isEmpty()) {
            return a;
        }
        List<Candidate> out = new ArrayList<>(a.size() + b.size());
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (j >= b.size()
                    || (i < a.size()
                            && a.get(i)
                                            .policy()
                                            .name()
                                            .compareTo(b.get(j).policy().name())
                                    <= 0)) {
                out.add(a.get(i++));
            } else {
                out.add(b.get(j++));
            }
        }
        return out;
    }

    /** Kuma {@code TagSelector.Matches}: every selector tag present; value equal or {@code *}. */
    static boolean selectorMatches(Map<String, String> selector, Map<String, String> tags) {
        for (Map.Entry<String, String> e : selector.entrySet()) {
            String v = tags.get(e.getKey());
            if (v == null || (!e.getValue().equals("*") && !e.getValue().equals(v))) {
                return false;
            }
        }
        return true;
    }

    private List<PolicySnapshot.MeshPermission> matchedMeshPermissions(InboundTarget target) {
        Set<PolicySnapshot.MeshPermission> candidates =
                new LinkedHashSet<>(mtpByService.getOrDefault(target.service(), List.of()));
        if (!mtpByDataplaneKey.isEmpty()) {
            candidates.addAll(mtpByDataplaneKey.getOrDefault("name\u0000" + target.dataplane(), List.of()));
            for (Map.Entry<String, String> label : target.dataplaneLabels().entrySet()) {
                candidates.addAll(mtpByDataplaneKey.getOrDefault(
                        "label\u0000" + label.getKey() + "\u0000" + label.getValue(), List.of()));
            }
        }
        candidates.addAll(mtpOther);
        List<PolicySnapshot.MeshPermission> matched = new ArrayList<>();
        for (PolicySnapshot.MeshPermission p : candidates) {
            if (selects(p.targetRef(), target)) {
                matched.add(p);
            }
        }
        matched.sort(PermissionEngine::compareSpecificity);
        return matched;
    }

    /** Whether a top-level targetRef selects an inbound. */
    static boolean selects(TargetRef ref, InboundTarget target) {
        String kind = ref.kind() == null ? "Mesh" : ref.kind();
        return switch (kind) {
            case "Mesh" -> true;
            case "MeshSubset" -> selectorMatches(ref.tagsOrEmpty(), target.inboundTags());
            case "MeshService" ->
                ref.name() != null
                        ? Objects.equals(ref.name(), target.service())
                        : selectorMatches(ref.labelsOrEmpty(), target.dataplaneLabels());
            case "MeshServiceSubset" ->
                Objects.equals(ref.name(), target.service())
                        && selectorMatches(ref.tagsOrEmpty(), target.inboundTags());
            case "Dataplane" ->
                (ref.name() == null || ref.name().isEmpty() || ref.name().equals(target.dataplane()))
                        && selectorMatches(ref.labelsOrEmpty(), target.dataplaneLabels())
                        && (ref.sectionName() == null
                                || ref.sectionName().isEmpty()
                                || ref.sectionName().equals(target.inboundName())
                                || ref.sectionName().equals(Long.toString(target.port())));
            default -> false;
        };
    }

    /** Least specific first, so that the most specific policy's items merge last. */
    static int compareSpecificity(PolicySnapshot.MeshPermission a, PolicySnapshot.MeshPermission b) {
        TargetRef ra = a.targetRef();
        TargetRef rb = b.targetRef();
        int c = KIND_ORDER.getOrDefault(kind(ra), 0) - KIND_ORDER.getOrDefault(kind(rb), 0);
        if (c != 0) {
            return c;
        }
        if ("Dataplane".equals(kind(ra)) && "Dataplane".equals(kind(rb))) {
            boolean aName = ra.name() != null && !ra.name().isEmpty();
            boolean bName = rb.name() != null && !rb.name().isEmpty();
            if (aName && rb.labels() != null) {
                return 1;
            }
            if (ra.labels() != null && bName) {
                return -1;
            }
            boolean aSection = ra.sectionName() != null && !ra.sectionName().isEmpty();
            boolean bSection = rb.sectionName() != null && !rb.sectionName().isEmpty();
            if (aSection != bSection) {
                return aSection ? 1 : -1;
            }
        }
        // CompareByDisplayName compares b to a: names sort in reverse, so the alphabetically first applies last.
        return b.displayName().compareTo(a.displayName());
    }

    private static String kind(TargetRef ref) {
        return ref.kind() == null ? "Mesh" : ref.kind();
    }

    /**
     * An index key for a Dataplane targetRef: its name, else its first label (the proxy must carry that label);
     * null when it selects every dataplane.
     */
    private static String dataplaneKeyOf(TargetRef ref) {
        if (!"Dataplane".equals(kind(ref))) {
            return null;
        }
        if (ref.name() != null && !ref.name().isEmpty()) {
            return "name\u0000" + ref.name();
        }
        return ref.labelsOrEmpty().entrySet().stream()
                .min(Map.Entry.comparingByKey())
                .map(e -> "label\u0000" + e.getKey() + "\u0000" + e.getValue())
                .orElse(null);
    }

    /** The service a top-level targetRef is limited to, when it names exactly one (for indexing). */
    private static String serviceOf(TargetRef ref) {
        String kind = kind(ref);
        if (kind.equals("MeshService") || kind.equals("MeshServiceSubset")) {
            return ref.name();
        }
        if (kind.equals("MeshSubset")) {
            String s = ref.tagsOrEmpty().get(ClientIdentity.SERVICE_TAG);
            return s != null && !s.equals("*") ? s : null;
        }
        return null;
    }
}
