package dev.gatehouse.mesh.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.gatehouse.mesh.resource.Resource;
import dev.gatehouse.mesh.resource.ResourceCodec;
import dev.gatehouse.mesh.resource.ResourceTypeDescriptor;
import dev.gatehouse.mesh.resource.registry.BuiltinResourceTypes;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Decision cases for the permission engine. Each case names its source: a section of
 * shared/reference/kuma-mesh.md ("ref §x") or a kumahq/kuma file (v2.14.3 unless a tag is given) or a Kuma doc page.
 */
class PermissionEngineTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String MTLS_ON = "mtls: {enabledBackend: ca-1, backends: [{name: ca-1, type: builtin}]}";

    // ---------- helpers: policies written as Universal YAML, parsed by the same codec the API uses ----------

    private static Resource res(String yaml, Instant created) {
        try {
            JsonNode node = YAML.readTree(yaml);
            ResourceTypeDescriptor type = BuiltinResourceTypes.REGISTRY
                    .byName(node.path("type").asText())
                    .orElseThrow();
            return ResourceCodec.fromRest(type, node).withTimes(created, created, 1);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static PermissionEngine engine(boolean mtls, String... policies) {
        Resource mesh = res("type: Mesh\nname: default\n" + (mtls ? MTLS_ON : ""), Instant.EPOCH);
        List<Resource> list = new ArrayList<>();
        for (int i = 0; i < policies.length; i++) {
            list.add(res(policies[i], Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i)));
        }
        return PermissionEngine.compile(PolicySnapshot.of(mesh, list));
    }

    private static String tp(String name, String source, String destination) {
        return "type: TrafficPermission\nname: " + name + "\nmesh: default\nsources: [{match: " + source + "}]\n"
                + "destinations: [{match: " + destination + "}]\n";
    }

    private static String allowAll() {
        return tp("allow-all-default", "{kuma.io/service: '*'}", "{kuma.io/service: '*'}");
    }

    private static String mtp(String name, String targetRef, String... froms) {
        StringBuilder b = new StringBuilder("type: MeshTrafficPermission\nname: " + name + "\nmesh: default\nspec:\n");
        if (targetRef != null) {
            b.append("  targetRef: ").append(targetRef).append('\n');
        }
        b.append("  from:\n");
        for (String f : froms) {
            b.append("    - ").append(f).append('\n');
        }
        return b.toString();
    }

    private static String from(String targetRef, String action) {
        return "{targetRef: " + targetRef + ", default: {action: " + action + "}}";
    }

    private static InboundTarget inbound(String service) {
        return new InboundTarget("dp-" + service, Map.of(), Map.of("kuma.io/service", service), null, 15000);
    }

    private static ClientIdentity client(String service) {
        return ClientIdentity.ofService(service);
    }

    private static void assertDecision(Decision d, Verdict verdict, String policyName) {
        assertThat(d.verdict()).as(d.reason()).isEqualTo(verdict);
        if (policyName == null) {
            assertThat(d.policy()).isNull();
        } else {
            assertThat(d.policy()).isNotNull();
            assertThat(d.policy().name()).isEqualTo(policyName);
        }
    }

    @Nested
    class Enforcement {
        @Test // ref §1.5 "permissions have always been enforced only when mesh mTLS is on"; plugin.go Apply skips
        // without mTLS
        void mtlsOffMeansAllowWithoutPolicies() {
            Decision d = engine(false).decide(inbound("backend"), client("web"));
            assertDecision(d, Verdict.ALLOW, null);
            assertThat(d.reason()).contains("mTLS is disabled");
        }

        @Test // ref §1.5; docs developer.konghq.com/mesh/meshtrafficpermission "Mutual TLS has to be enabled to make
        // MeshTrafficPermission work"
        void mtlsOffIgnoresDenyPolicies() {
            PermissionEngine e = engine(false, mtp("deny-all", "{kind: Mesh}", from("{kind: Mesh}", "Deny")));
            assertDecision(e.decide(inbound("backend"), client("web")), Verdict.ALLOW, null);
        }

        @Test // ref §2.1 "No permission = deny"; plugin.go configureLegacyRules -> denyRules when no TrafficPermission
        void mtlsOnWithoutAnyPolicyDenies() {
            assertDecision(engine(true).decide(inbound("backend"), client("web")), Verdict.DENY, null);
        }
    }

    @Nested
    class LegacyTrafficPermission {
        @Test // ref §1.3 / §1.5 allow-all-<mesh>; pkg/defaults/mesh/traffic_permission.go
        void allowAllAllowsEveryone() {
            assertDecision(
                    engine(true, allowAll()).decide(inbound("backend"), client("web")),
                    Verdict.ALLOW,
                    "allow-all-default");
        }

        @Test // DESIGN.md seed walkthrough "remove the default allow-all permission (503)"; ref §2.1
        void deletedAllowAllDenies() {
            PermissionEngine before = engine(true, allowAll());
            PermissionEngine after = engine(true);
            assertThat(before.decide(inbound("demo-app"), client("gateway")).allowed())
                    .isTrue();
            assertDecision(after.decide(inbound("demo-app"), client("gateway")), Verdict.DENY, null);
        }

        @Test // ref §2.3 "a more specific TrafficPermission replaces allow-all for that inbound" (connection_matcher.go
        // @2.9.0)
        void specificBeatsWildcardAndReplacesIt() {
            PermissionEngine e = engine(
                    true,
                    allowAll(),
                    tp("frontend-to-backend", "{kuma.io/service: frontend}", "{kuma.io/service: backend}"));
            assertDecision(e.decide(inbound("backend"), client("frontend")), Verdict.ALLOW, "frontend-to-backend");
            assertDecision(e.decide(inbound("backend"), client("web")), Verdict.DENY, "frontend-to-backend");
            assertDecision(e.decide(inbound("web"), client("anyone")), Verdict.ALLOW, "allow-all-default");
        }

        @Test // connection_matcher.go @2.9.0 SelectInboundConnectionPolicy: equal rank -> created later wins
        void equalRankGoesToLaterCreated() {
            PermissionEngine e = engine(
                    true,
                    tp("zz-older", "{kuma.io/service: a}", "{kuma.io/service: backend}"),
                    tp("aa-newer", "{kuma.io/service: b}", "{kuma.io/service: backend}"));
            assertDecision(e.decide(inbound("backend"), client("b")), Verdict.ALLOW, "aa-newer");
            assertDecision(e.decide(inbound("backend"), client("a")), Verdict.DENY, "aa-newer");
        }

        @Test // connection_matcher.go @2.9.0: policies scanned sorted by name; a tie needs a strictly later creation
        // time
        void equalRankAndTimeGoesToFirstName() {
            Resource mesh = res("type: Mesh\nname: default\n" + MTLS_ON, Instant.EPOCH);
            Instant t = Instant.parse("2026-01-01T00:00:00Z");
            PolicySnapshot s = PolicySnapshot.of(
                    mesh,
                    List.of(
                            res(tp("b-policy", "{kuma.io/service: b}", "{kuma.io/service: backend}"), t),
                            res(tp("a-policy", "{kuma.io/service: a}", "{kuma.io/service: backend}"), t)));
            assertDecision(
                    PermissionEngine.compile(s).decide(inbound("backend"), client("a")), Verdict.ALLOW, "a-policy");
        }

        @Test // mesh_proto TagSelectorRank.CompareTo @2.9.0: more matched tags rank higher
        void moreTagsRankHigher() {
            PermissionEngine e = engine(
                    true,
                    tp("v1-only", "{kuma.io/service: canary-client}", "{kuma.io/service: backend, version: v1}"),
                    tp("backend", "{kuma.io/service: '*'}", "{kuma.io/service: backend}"));
            InboundTarget v1 =
                    new InboundTarget("b1", Map.of(), Map.of("kuma.io/service", "backend", "version", "v1"), null, 1);
            assertDecision(e.decide(v1, client("web")), Verdict.DENY, "v1-only");
            assertDecision(e.decide(v1, client("canary-client")), Verdict.ALLOW, "v1-only");
            assertDecision(e.decide(inbound("backend"), client("web")), Verdict.ALLOW, "backend");
        }

        @Test // TagSelectorRank.CompareTo @2.9.0: same number of tags -> more exact (non-'*') matches win
        void exactBeatsWildcardAtEqualTagCount() {
            PermissionEngine e = engine(
                    true,
                    tp("exact", "{kuma.io/service: x}", "{kuma.io/service: backend, version: v1}"),
                    tp("wild", "{kuma.io/service: y}", "{kuma.io/service: backend, version: '*'}"));
            InboundTarget v1 =
                    new InboundTarget("b1", Map.of(), Map.of("kuma.io/service", "backend", "version", "v1"), null, 1);
            assertDecision(e.decide(v1, client("x")), Verdict.ALLOW, "exact");
            InboundTarget v2 =
                    new InboundTarget("b2", Map.of(), Map.of("kuma.io/service", "backend", "version", "v2"), null, 1);
            assertDecision(e.decide(v2, client("y")), Verdict.ALLOW, "wild");
        }

        @Test // network_rbac_configurer.go @2.9.0 principalFromSelector: every non-'*' source tag is an AND-ed kuma://
        // principal
        void sourceTagsMustAllBeCarriedByTheClient() {
            PermissionEngine e = engine(
                    true, tp("prod-only", "{kuma.io/service: frontend, env: prod}", "{kuma.io/service: backend}"));
            ClientIdentity prod =
                    ClientIdentity.fromUris("default", List.of("spiffe://default/frontend", "kuma://env/prod"));
            ClientIdentity dev =
                    ClientIdentity.fromUris("default", List.of("spiffe://default/frontend", "kuma://env/dev"));
            assertDecision(e.decide(inbound("backend"), prod), Verdict.ALLOW, "prod-only");
            assertDecision(e.decide(inbound("backend"), dev), Verdict.DENY, "prod-only");
        }

        @Test // network_rbac_configurer.go @2.9.0 kumaPrincipals: a '*' source value builds no principal (matches
        // anything)
        void wildcardSourceTagMatchesAnyClient() {
            PermissionEngine e = engine(
                    true, tp("any-version", "{kuma.io/service: frontend, version: '*'}", "{kuma.io/service: backend}"));
            assertDecision(e.decide(inbound("backend"), client("frontend")), Verdict.ALLOW, "any-version");
        }

        @Test // dataplane_helpers.go @2.9.0 TagSelector.Matches: every selector tag must exist on the inbound
        void destinationTagMissingOnInboundDoesNotSelect() {
            PermissionEngine e = engine(
                    true,
                    allowAll(),
                    tp("zone-a", "{kuma.io/service: nobody}", "{kuma.io/service: backend, kuma.io/zone: a}"));
            assertDecision(e.decide(inbound("backend"), client("web")), Verdict.ALLOW, "allow-all-default");
        }

        @Test // DESIGN.md seed walkthrough: gateway -> '*' then demo-app -> redis
        void seedWalkthroughWithTrafficPermissions() {
            String gatewayToAll = tp("gateway-to-all", "{kuma.io/service: gateway}", "{kuma.io/service: '*'}");
            PermissionEngine step1 = engine(true, gatewayToAll);
            assertDecision(step1.decide(inbound("demo-app"), client("gateway")), Verdict.ALLOW, "gateway-to-all");
            assertDecision(step1.decide(inbound("redis"), client("demo-app")), Verdict.DENY, "gateway-to-all");
            PermissionEngine step2 = engine(
                    true,
                    gatewayToAll,
                    tp("demo-app-to-redis", "{kuma.io/service: demo-app}", "{kuma.io/service: redis}"));
            assertDecision(step2.decide(inbound("redis"), client("demo-app")), Verdict.ALLOW, "demo-app-to-redis");
        }
    }

    @Nested
    class MeshTrafficPermissionRules {
        @Test // docs developer.konghq.com/mesh/meshtrafficpermission "allow all": targetRef Mesh, from Mesh Allow
        void meshWideAllow() {
            PermissionEngine e = engine(true, mtp("allow-all", "{kind: Mesh}", from("{kind: Mesh}", "Allow")));
            assertDecision(e.decide(inbound("backend"), client("web")), Verdict.ALLOW, "allow-all");
        }

        @Test // ref §2.3 example: from Mesh Allow + from MeshSubset {kuma.io/service: legacy} Deny
        void specificClientDenyInsideMeshAllow() {
            PermissionEngine e = engine(
                    true,
                    mtp(
                            "mixed",
                            "{kind: Mesh}",
                            from("{kind: Mesh}", "Allow"),
                            from("{kind: MeshSubset, tags: {kuma.io/service: legacy}}", "Deny")));
            assertDecision(e.decide(inbound("backend"), client("legacy")), Verdict.DENY, "mixed");
            assertDecision(e.decide(inbound("backend"), client("web")), Verdict.ALLOW, "mixed");
        }

        @Test // rules.go createRule: later (more specific top-level) policy merges last -> Deny overrides Allow
        void denyOverridingAllowFromMoreSpecificPolicy() {
            PermissionEngine e = engine(
                    true,
                    mtp("allow-all", "{kind: Mesh}", from("{kind: Mesh}", "Allow")),
                    mtp("lock-backend", "{kind: MeshService, name: backend}", from("{kind: Mesh}", "Deny")));
            assertDecision(e.decide(inbound("backend"), client("web")), Verdict.DENY, "lock-backend");
            assertDecision(e.decide(inbound("frontend"), client("web")), Verdict.ALLOW, "allow-all");
        }

        @Test // targetref.go order: Mesh(1) < MeshSubset(3): the MeshSubset policy is applied after the Mesh one
        void meshSubsetBeatsMesh() {
            PermissionEngine e = engine(
                    true,
                    mtp(
                            "mesh-deny-orders",
                            "{kind: Mesh}",
                            from("{kind: MeshSubset, tags: {kuma.io/service: orders}}", "Deny")),
                    mtp(
                            "subset-allow-orders",
                            "{kind: MeshSubset, tags: {kuma.io/service: payments}}",
                            from("{kind: MeshSubset, tags: {kuma.io/service: orders}}", "Allow")));
            assertDecision(e.decide(inbound("payments"), client("orders")), Verdict.ALLOW, "subset-allow-orders");
            assertDecision(e.decide(inbound("shipping"), client("orders")), Verdict.DENY, "mesh-deny-orders");
        }

        @Test // rules.go createRule merges confs of all matching items in policy order, not by client specificity
        void policyOrderBeatsClientSpecificity() {
            PermissionEngine e = engine(
                    true,
                    mtp(
                            "mesh-deny-legacy",
                            "{kind: Mesh}",
                            from("{kind: MeshSubset, tags: {kuma.io/service: legacy}}", "Deny")),
                    mtp("backend-open", "{kind: MeshService, name: backend}", from("{kind: Mesh}", "Allow")));
            assertDecision(e.decide(inbound("backend"), client("legacy")), Verdict.ALLOW, "backend-open");
        }

        @Test // ref §2.3 and docs: AllowWithShadowDeny lets traffic through, counted as shadow deny
        void allowWithShadowDenyPassesButIsMarked() {
            PermissionEngine e =
                    engine(true, mtp("shadow", "{kind: Mesh}", from("{kind: Mesh}", "AllowWithShadowDeny")));
            Decision d = e.decide(inbound("backend"), client("web"));
            assertDecision(d, Verdict.ALLOW_WITH_SHADOW_DENY, "shadow");
            assertThat(d.allowed()).isTrue();
        }

        @Test // ref §2.3 "No matching rule for a client -> deny"
        void noMatchingFromItemDenies() {
            PermissionEngine e = engine(
                    true,
                    mtp(
                            "only-orders",
                            "{kind: MeshService, name: payments}",
                            from("{kind: MeshSubset, tags: {kuma.io/service: orders}}", "Allow")));
            assertDecision(e.decide(inbound("payments"), client("web")), Verdict.DENY, null);
            assertDecision(e.decide(inbound("payments"), client("orders")), Verdict.ALLOW, "only-orders");
        }

        @Test // sort.go CompareByDisplayName (b vs a): full tie -> alphabetically first name applied last and wins
        void fullTieGoesToAlphabeticallyFirstName() {
            PermissionEngine e = engine(
                    true,
                    mtp("b-allow", "{kind: Mesh}", from("{kind: Mesh}", "Allow")),
                    mtp("a-deny", "{kind: Mesh}", from("{kind: Mesh}", "Deny")));
            assertDecision(e.decide(inbound("backend"), client("web")), Verdict.DENY, "a-deny");
        }

        @Test // ref §1.4 example (targetRef Dataplane labels {app: payments}); targetref.go Dataplane kind
        void dataplaneLabelsSelectTheProxy() {
            PermissionEngine e = engine(
                    true,
                    mtp(
                            "allow-orders",
                            "{kind: Dataplane, labels: {app: payments}}",
                            from("{kind: MeshSubset, tags: {kuma.io/service: orders}}", "Allow")));
            InboundTarget payments = new InboundTarget(
                    "pay-1", Map.of("app", "payments"), Map.of("kuma.io/service", "payments"), null, 1);
            InboundTarget other =
                    new InboundTarget("pay-2", Map.of("app", "other"), Map.of("kuma.io/service", "payments"), null, 1);
            assertDecision(e.decide(payments, client("orders")), Verdict.ALLOW, "allow-orders");
            assertDecision(e.decide(other, client("orders")), Verdict.DENY, null);
        }

        @Test // targetref.go CompareDataplaneKind: with sectionName is more specific; sectionName selects one inbound
        void sectionNameLimitsToOneInbound() {
            PermissionEngine e = engine(
                    true,
                    mtp("dp-allow", "{kind: Dataplane, name: dp-1}", from("{kind: Mesh}", "Allow")),
                    mtp(
                            "admin-deny",
                            "{kind: Dataplane, name: dp-1, sectionName: admin}",
                            from("{kind: Mesh}", "Deny")));
            InboundTarget main = new InboundTarget("dp-1", Map.of(), Map.of("kuma.io/service", "web"), "main", 8080);
            InboundTarget admin =
                    new InboundTarget("dp-1", Map.of(), Map.of("kuma.io/service", "web-admin"), "admin", 9090);
            assertDecision(e.decide(main, client("x")), Verdict.ALLOW, "dp-allow");
            assertDecision(e.decide(admin, client("x")), Verdict.DENY, "admin-deny");
        }

        @Test // targetref.go CompareDataplaneKind: a Dataplane ref by name beats one by labels
        void dataplaneByNameBeatsLabels() {
            PermissionEngine e = engine(
                    true,
                    mtp("by-name", "{kind: Dataplane, name: dp-1}", from("{kind: Mesh}", "Allow")),
                    mtp("by-labels", "{kind: Dataplane, labels: {team: a}}", from("{kind: Mesh}", "Deny")));
            InboundTarget t = new InboundTarget("dp-1", Map.of("team", "a"), Map.of("kuma.io/service", "web"), null, 1);
            assertDecision(e.decide(t, client("x")), Verdict.ALLOW, "by-name");
        }

        @Test // meshtrafficpermission plugin.go Apply: MTP rules for an inbound take over; legacy TP only where no MTP
        // applies
        void meshTrafficPermissionOverridesTrafficPermission() {
            PermissionEngine e = engine(
                    true,
                    allowAll(),
                    mtp("deny-backend", "{kind: MeshService, name: backend}", from("{kind: Mesh}", "Deny")));
            assertDecision(e.decide(inbound("backend"), client("web")), Verdict.DENY, "deny-backend");
            assertDecision(e.decide(inbound("web"), client("backend")), Verdict.ALLOW, "allow-all-default");
        }

        @Test // rules.go asSubset: MeshServiceSubset = service tag plus its tags; ClientIdentity reads kuma:// SANs
        // (ref §2.2)
        void meshServiceSubsetNeedsServiceAndTags() {
            PermissionEngine e = engine(
                    true,
                    mtp(
                            "v2-clients",
                            "{kind: Mesh}",
                            from("{kind: MeshServiceSubset, name: web, tags: {version: v2}}", "Allow")));
            ClientIdentity v2 =
                    ClientIdentity.fromUris("default", List.of("spiffe://default/web", "kuma://version/v2"));
            ClientIdentity v1 =
                    ClientIdentity.fromUris("default", List.of("spiffe://default/web", "kuma://version/v1"));
            assertDecision(e.decide(inbound("backend"), v2), Verdict.ALLOW, "v2-clients");
            assertDecision(e.decide(inbound("backend"), v1), Verdict.DENY, null);
        }

        @Test // ref §1.4 / 2.7 note: from MeshService kind is the client subset {kuma.io/service: name}
        void fromMeshServiceMatchesClientService() {
            PermissionEngine e =
                    engine(true, mtp("orders", "{kind: Mesh}", from("{kind: MeshService, name: orders}", "Allow")));
            assertDecision(e.decide(inbound("payments"), client("orders")), Verdict.ALLOW, "orders");
            assertDecision(e.decide(inbound("payments"), client("web")), Verdict.DENY, null);
        }

        @Test // MTP spec: targetRef is optional and defaults to Mesh (meshtrafficpermission.go)
        void omittedTargetRefMeansMesh() {
            PermissionEngine e = engine(true, mtp("implicit", null, from("{kind: Mesh}", "Allow")));
            assertDecision(e.decide(inbound("anything"), client("web")), Verdict.ALLOW, "implicit");
        }

        @Test // ref §2.2: a certificate from another trust domain gives no identity in this mesh
        void foreignTrustDomainIsNotAClient() {
            PermissionEngine e = engine(
                    true,
                    mtp(
                            "orders",
                            "{kind: Mesh}",
                            from("{kind: MeshSubset, tags: {kuma.io/service: orders}}", "Allow")));
            ClientIdentity foreign = ClientIdentity.fromUris("default", List.of("spiffe://other-mesh/orders"));
            assertDecision(e.decide(inbound("payments"), foreign), Verdict.DENY, null);
        }

        @Test // ref §2.3 rules[]: any deny match -> DENY, else allow match -> ALLOW, else DENY (docs
        // meshtrafficpermission_experimental)
        void spiffeRulesDenyWins() {
            String rules = """
                    type: MeshTrafficPermission
                    name: spiffe
                    mesh: default
                    spec:
                      targetRef: {kind: Mesh}
                      rules:
                        - default:
                            allow:
                              - spiffeID: {type: Prefix, value: "spiffe://default/"}
                            deny:
                              - spiffeID: {type: Exact, value: "spiffe://default/legacy"}
                    """;
            PermissionEngine e = engine(true, rules);
            assertDecision(e.decide(inbound("backend"), client("web")), Verdict.ALLOW, "spiffe");
            assertDecision(e.decide(inbound("backend"), client("legacy")), Verdict.DENY, "spiffe");
            assertDecision(
                    e.decide(inbound("backend"), ClientIdentity.fromUris("default", List.of())), Verdict.DENY, null);
        }

        @Test // DESIGN.md seed walkthrough, MeshTrafficPermission variant (kuma-counter-demo 001-with-mtls, ref §1.4)
        void seedWalkthroughWithMeshTrafficPermissions() {
            String gateway = mtp(
                    "gateway-in",
                    "{kind: Mesh}",
                    from("{kind: MeshSubset, tags: {kuma.io/service: gateway}}", "Allow"));
            PermissionEngine step1 = engine(true, gateway);
            assertDecision(step1.decide(inbound("demo-app"), client("gateway")), Verdict.ALLOW, "gateway-in");
            assertDecision(step1.decide(inbound("redis"), client("demo-app")), Verdict.DENY, null);
            PermissionEngine step2 = engine(
                    true,
                    gateway,
                    mtp(
                            "redis",
                            "{kind: MeshSubset, tags: {kuma.io/service: redis}}",
                            from("{kind: MeshSubset, tags: {kuma.io/service: demo-app}}", "Allow")));
            assertDecision(step2.decide(inbound("redis"), client("demo-app")), Verdict.ALLOW, "redis");
            assertDecision(step2.decide(inbound("redis"), client("gateway")), Verdict.ALLOW, "gateway-in");
        }
    }

    @Nested
    class Inspection {
        @Test // ref §2.3: per-client verdicts of the merged rules, most specific subset first
        void clientsListsVerdictPerSubset() {
            PermissionEngine e = engine(
                    true,
                    mtp(
                            "mixed",
                            "{kind: Mesh}",
                            from("{kind: Mesh}", "Allow"),
                            from("{kind: MeshSubset, tags: {kuma.io/service: legacy}}", "Deny")));
            InboundPermissions p = e.forInbound(inbound("backend"));
            assertThat(p.mode()).isEqualTo(InboundPermissions.Mode.MESH_TRAFFIC_PERMISSION);
            assertThat(p.clients())
                    .extracting(
                            InboundPermissions.ClientVerdict::clientSubset, InboundPermissions.ClientVerdict::verdict)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(Map.of("kuma.io/service", "legacy"), Verdict.DENY),
                            org.assertj.core.groups.Tuple.tuple(Map.of(), Verdict.ALLOW));
        }

        @Test // connection_matcher.go @2.9.0: the chosen TrafficPermission's sources are the allowed principals
        void legacyClientsAreTheChosenPolicySources() {
            PermissionEngine e = engine(true, tp("fe", "{kuma.io/service: frontend}", "{kuma.io/service: backend}"));
            InboundPermissions p = e.forInbound(inbound("backend"));
            assertThat(p.mode()).isEqualTo(InboundPermissions.Mode.TRAFFIC_PERMISSION);
            assertThat(p.matchedPolicies()).containsExactly(PolicyRef.trafficPermission("fe"));
            assertThat(p.clients())
                    .extracting(InboundPermissions.ClientVerdict::clientSubset)
                    .containsExactly(Map.of("kuma.io/service", "frontend"));
        }
    }
}
