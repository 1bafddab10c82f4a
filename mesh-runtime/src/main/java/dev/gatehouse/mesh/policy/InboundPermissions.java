package dev.gatehouse.mesh.policy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The permission state of one inbound, computed once per policy snapshot: which policies apply and the ordered
 * rules a connecting client is checked against. Immutable; {@link #decide} is the per-connection call.
 */
public final class InboundPermissions {
    /** Which family of policy governs the inbound. */
    public enum Mode {
        MTLS_OFF,
        MESH_TRAFFIC_PERMISSION_RULES,
        MESH_TRAFFIC_PERMISSION,
        TRAFFIC_PERMISSION,
        NONE
    }

    /** One ordered from-rule: its targetRef kind, client subset, action and the policy it came from. */
    public record Rule(String kind, Map<String, String> clientSubset, Verdict action, PolicyRef policy) {}

    /** A client subset and the verdict it gets; what the inspection endpoint lists as allowed clients. */
    public record ClientVerdict(Map<String, String> clientSubset, Verdict verdict, PolicyRef policy) {}

    private final String mesh;
    private final Mode mode;
    private final List<PolicyRef> matchedPolicies;
    private final List<Rule> rules;
    private final List<PolicySnapshot.SpiffeRule> spiffeRules;
    private final List<PolicyRef> spiffeRuleOrigins;
    private final PolicySnapshot.LegacyPermission legacy;

    InboundPermissions(
            String mesh,
            Mode mode,
            List<PolicyRef> matchedPolicies,
            List<Rule> rules,
            List<PolicySnapshot.SpiffeRule> spiffeRules,
            List<PolicyRef> spiffeRuleOrigins,
            PolicySnapshot.LegacyPermission legacy) {
        this.mesh = mesh;
        this.mode = mode;
        this.matchedPolicies = List.copyOf(matchedPolicies);
        this.rules = List.copyOf(rules);
        this.spiffeRules = List.copyOf(spiffeRules);
        this.spiffeRuleOrigins = List.copyOf(spiffeRuleOrigins);
        this.legacy = legacy;
    }

    public Mode mode() {
        return mode;
    }

    /** Policies that select this inbound, least specific first (MTP) or the one chosen (legacy). */
    public List<PolicyRef> matchedPolicies() {
        return matchedPolicies;
    }

    /** From-rules in merge order: a later matching rule overrides an earlier one. */
    public List<Rule> rules() {
        return rules;
    }

    public Decision decide(ClientIdentity client) {
        return switch (mode) {
            case MTLS_OFF ->
                new Decision(
                        Verdict.ALLOW,
                        null,
                        "mTLS is disabled in mesh " + mesh + ", so traffic permissions are not enforced");
            case NONE ->
                new Decision(Verdict.DENY, null, "no TrafficPermission or MeshTrafficPermission selects this inbound");
            case TRAFFIC_PERMISSION -> decideLegacy(client);
            case MESH_TRAFFIC_PERMISSION -> decideFrom(client);
            case MESH_TRAFFIC_PERMISSION_RULES -> decideSpiffe(client);
        };
    }

    private Decision decideLegacy(ClientIdentity client) {
        PolicyRef ref = PolicyRef.trafficPermission(legacy.name());
        Map<String, String> source = matchingSource(client);
        if (source != null) {
            return new Decision(
                    Verdict.ALLOW, ref, "source " + source + " of the most specific TrafficPermission matches");
        }
        return new Decision(Verdict.DENY, ref, "no source of the most specific TrafficPermission matches the client");
    }

    private Decision decideFrom(ClientIdentity client) {
        Rule r = matchingRule(client);
        if (r != null) {
            return new Decision(
                    r.action(),
                    r.policy(),
                    "from " + describe(r.clientSubset()) + " → " + r.action().kumaName());
        }
        return new Decision(Verdict.DENY, null, "no MeshTrafficPermission from-rule matches the client");
    }

    /** The from-rule that decides for {@code client}: the last matching one in merge order; null when none does. */
    Rule matchingRule(ClientIdentity client) {
        // Scan from the end and stop at the first match.
        for (int i = rules.size() - 1; i >= 0; i--) {
            Rule r = rules.get(i);
            if (client.matches(r.clientSubset())) {
                return r;
            }
        }
        return null;
    }

    /** The source selector of the chosen TrafficPermission that admits {@code client}; null when none does. */
    Map<String, String> matchingSource(ClientIdentity client) {
        if (legacy == null) {
            return null;
        }
        return legacy.sources().stream().filter(client::matches).findFirst().orElse(null);
    }

    private Decision decideSpiffe(ClientIdentity client) {
        Set<String> ids = client.spiffeIds(mesh);
        PolicyRef allowedBy = null;
        Verdict allowVerdict = null;
        for (int i = 0; i < spiffeRules.size(); i++) {
            PolicySnapshot.SpiffeRule r = spiffeRules.get(i);
            if (!r.matches(ids)) {
                continue;
            }
            if (r.action() == Verdict.DENY) {
                return new Decision(Verdict.DENY, spiffeRuleOrigins.get(i), "deny rule " + r.value() + " matches");
            }
            if (allowedBy == null) {
                allowedBy = spiffeRuleOrigins.get(i);
                allowVerdict = r.action();
            }
        }
        if (allowedBy == null) {
            return new Decision(Verdict.DENY, null, "no MeshTrafficPermission rule matches the client");
        }
        return new Decision(allowVerdict, allowedBy, "allow rule matches");
    }

    /**
     * The verdict of every distinct client subset named by the rules (most specific first), or the sources of the
     * chosen TrafficPermission; the console shows these as "allowed clients".
     */
    public List<ClientVerdict> clients() {
        List<ClientVerdict> out = new ArrayList<>();
        switch (mode) {
            case TRAFFIC_PERMISSION ->
                legacy.sources()
                        .forEach(s -> out.add(
                                new ClientVerdict(s, Verdict.ALLOW, PolicyRef.trafficPermission(legacy.name()))));
            case MESH_TRAFFIC_PERMISSION -> {
                Map<Map<String, String>, ClientVerdict> bySubset = new LinkedHashMap<>();
                for (Rule r : rules) {
                    ClientIdentity representative = ClientIdentity.ofTags(r.clientSubset());
                    Decision d = decideFrom(representative);
                    bySubset.put(r.clientSubset(), new ClientVerdict(r.clientSubset(), d.verdict(), d.policy()));
                }
                out.addAll(bySubset.values());
                out.sort(Comparator.comparingInt(
                        (ClientVerdict c) -> -c.clientSubset().size()));
            }
            case MTLS_OFF -> out.add(new ClientVerdict(Map.of(ClientIdentity.SERVICE_TAG, "*"), Verdict.ALLOW, null));
            default -> {
                // NONE and rules[] (SPIFFE matchers) have no tag subsets to list.
            }
        }
        return out;
    }

    private static String describe(Map<String, String> subset) {
        return subset.isEmpty() ? "Mesh" : subset.toString();
    }
}
