package dev.gatehouse.app.meshpolicy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.meshpolicy.Narrowing.Method;
import dev.gatehouse.app.meshpolicy.Narrowing.Narrowed;
import dev.gatehouse.app.meshpolicy.Narrowing.NotNarrowable;
import dev.gatehouse.app.meshpolicy.Narrowing.Reason;
import dev.gatehouse.app.repository.mesh.MeshEdit;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Narrowing a policy by one pair, for the legacy TrafficPermission and MeshTrafficPermission shapes of Kuma's docs
 * (shared/reference/kuma-mesh.md 1.3 and 1.4: app/_src/policies/traffic-permissions.md, meshtrafficpermission.md).
 * Each narrowing is judged by mesh-runtime's PermissionEngine: exactly the one pair goes from allowed to denied.
 */
class PolicyNarrowingTest {

    private static final JsonMapper JSON = new JsonMapper();
    private static final List<String> SERVICES = List.of("gateway", "demo-app", "redis", "web");

    private static ObjectNode json(String text) {
        try {
            return (ObjectNode) JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Kuma's default allow-all, as GET returns it (with the times the control plane sets). */
    private static final String ALLOW_ALL = """
            {"type":"TrafficPermission","mesh":"default","name":"allow-all-default",
             "creationTime":"2026-12-03T10:00:00Z","modificationTime":"2026-12-03T10:00:00Z",
             "sources":[{"match":{"kuma.io/service":"*"}}],
             "destinations":[{"match":{"kuma.io/service":"*"}}]}""";

    private static ObjectNode trafficPermission(String name, List<String> sources, List<String> destinations) {
        ObjectNode policy = json("{\"type\":\"TrafficPermission\",\"mesh\":\"default\",\"name\":\"" + name + "\"}");
        sources.forEach(
                s -> policy.withArray("sources").addObject().putObject("match").put("kuma.io/service", s));
        destinations.forEach(d ->
                policy.withArray("destinations").addObject().putObject("match").put("kuma.io/service", d));
        return policy;
    }

    /** The allowed pairs before and after, and that only {@code source->destination} went. */
    private static void assertRemovesOnly(List<ObjectNode> policies, Narrowing narrowing, String pair) {
        assertThat(narrowing).isInstanceOf(Narrowed.class);
        EngineVerdicts mesh = new EngineVerdicts(policies.toArray(ObjectNode[]::new));
        Set<String> before = mesh.allowedPairs(SERVICES);
        assertThat(before).contains(pair);
        Set<String> expected = new TreeSet<>(before);
        expected.remove(pair);
        assertThat(mesh.apply(((Narrowed) narrowing).edits()).allowedPairs(SERVICES))
                .isEqualTo(expected);
    }

    private static JsonNode resourceOf(MeshEdit edit) {
        return edit.resource().orElseThrow();
    }

    @Test
    void allowAllWithMeshTrafficPermissionGetsAnMtpForTheDestinationThatKeepsEveryOtherSource() {
        ObjectNode allowAll = json(ALLOW_ALL);
        Narrowing narrowing = PolicyNarrowing.narrow(allowAll, "gateway", "redis", true);

        assertRemovesOnly(List.of(allowAll), narrowing, "gateway->redis");
        Narrowed narrowed = (Narrowed) narrowing;
        assertThat(narrowed.method()).isEqualTo(Method.OVERRIDE);
        // A Deny alone would take redis's inbound from the TrafficPermission and deny every client (plugin.go).
        assertThat(resourceOf(narrowed.edits().get(0)).toString())
                .contains("\"kind\":\"Mesh\"")
                .contains("\"action\":\"Deny\"");
    }

    @Test
    void allowAllWithoutMeshTrafficPermissionCannotBeNarrowed() {
        assertThat(PolicyNarrowing.narrow(json(ALLOW_ALL), "gateway", "redis", false))
                .isEqualTo(new NotNarrowable(Reason.WILDCARD_SOURCES));
    }

    @Test
    void aTrafficPermissionForSeveralDestinationsIsSplit() {
        ObjectNode policy = trafficPermission("frontends", List.of("gateway", "web"), List.of("demo-app", "redis"));
        Narrowing narrowing = PolicyNarrowing.narrow(policy, "gateway", "redis", false);

        assertRemovesOnly(List.of(policy), narrowing, "gateway->redis");
        Narrowed narrowed = (Narrowed) narrowing;
        assertThat(narrowed.method()).isEqualTo(Method.SPLIT);
        assertThat(narrowed.edits())
                .extracting(MeshEdit::name)
                .containsExactly("frontends", "frontends-except-gateway-to-redis");
    }

    @Test
    void aTrafficPermissionForOneDestinationLosesTheSource() {
        ObjectNode policy = trafficPermission("to-redis", List.of("gateway", "demo-app"), List.of("redis"));
        policy.put("creationTime", "2026-12-03T10:00:00Z").put("modificationTime", "2026-12-03T11:00:00Z");
        Narrowing narrowing = PolicyNarrowing.narrow(policy, "gateway", "redis", true);

        // Expressible as a TrafficPermission, so it stays one even where MTP is known.
        assertRemovesOnly(List.of(policy), narrowing, "gateway->redis");
        Narrowed narrowed = (Narrowed) narrowing;
        assertThat(narrowed.method()).isEqualTo(Method.REPLACE);
        assertThat(resourceOf(narrowed.edits().get(0)).has("creationTime")).isFalse();
        assertThat(resourceOf(narrowed.edits().get(0)).has("modificationTime")).isFalse();
    }

    @Test
    void aTrafficPermissionFromOneSourceToSeveralKeepsTheOtherDestinations() {
        ObjectNode policy = trafficPermission("gateway-out", List.of("gateway"), List.of("demo-app", "redis"));
        Narrowing narrowing = PolicyNarrowing.narrow(policy, "gateway", "redis", false);

        assertRemovesOnly(List.of(policy), narrowing, "gateway->redis");
        assertThat(((Narrowed) narrowing).edits()).hasSize(1);
    }

    @Test
    void aWildcardDestinationIsOutrankedByAPolicyNamingTheDestination() {
        // A more specific destination selector wins the inbound (connection_matcher.go rank).
        ObjectNode policy = trafficPermission("to-all", List.of("gateway", "web"), List.of("*"));
        ObjectNode allowAll = json(ALLOW_ALL);
        Narrowing narrowing = PolicyNarrowing.narrow(policy, "gateway", "redis", false);

        assertRemovesOnly(List.of(allowAll, policy), narrowing, "gateway->redis");
    }

    @Test
    void aWildcardDestinationWithTheOnlySourceNeedsMeshTrafficPermission() {
        ObjectNode policy = trafficPermission("gateway-to-all", List.of("gateway"), List.of("*"));
        assertThat(PolicyNarrowing.narrow(policy, "gateway", "redis", false))
                .isEqualTo(new NotNarrowable(Reason.NO_SOURCE_LEFT));
        Narrowing narrowing = PolicyNarrowing.narrow(policy, "gateway", "redis", true);
        assertRemovesOnly(List.of(policy), narrowing, "gateway->redis");
    }

    @Test
    void aMeshTrafficPermissionForTheDestinationGetsADenyForTheSource() {
        ObjectNode policy = json("""
                {"type":"MeshTrafficPermission","mesh":"default","name":"to-redis",
                 "creationTime":"2026-12-03T10:00:00Z","modificationTime":"2026-12-03T10:00:00Z",
                 "spec":{"targetRef":{"kind":"MeshSubset","tags":{"kuma.io/service":"redis"}},
                  "from":[{"targetRef":{"kind":"MeshSubset","tags":{"kuma.io/service":"gateway"}},
                           "default":{"action":"Allow"}},
                          {"targetRef":{"kind":"MeshSubset","tags":{"kuma.io/service":"demo-app"}},
                           "default":{"action":"Allow"}}]}}""");
        Narrowing narrowing = PolicyNarrowing.narrow(policy, "gateway", "redis", true);

        assertRemovesOnly(List.of(policy), narrowing, "gateway->redis");
        Narrowed narrowed = (Narrowed) narrowing;
        assertThat(narrowed.method()).isEqualTo(Method.REPLACE);
        assertThat(resourceOf(narrowed.edits().get(0)).path("spec").path("from"))
                .hasSize(2)
                .last()
                .satisfies(item ->
                        assertThat(item.path("default").path("action").asText()).isEqualTo("Deny"));
    }

    @Test
    void aMeshWideMeshTrafficPermissionIsOverriddenForTheDestination() {
        // Kuma's doc "allow everything": targetRef Mesh, from Mesh → Allow.
        ObjectNode policy = json("""
                {"type":"MeshTrafficPermission","mesh":"default","name":"allow-all",
                 "spec":{"targetRef":{"kind":"Mesh"},
                  "from":[{"targetRef":{"kind":"Mesh"},"default":{"action":"Allow"}}]}}""");
        Narrowing narrowing = PolicyNarrowing.narrow(policy, "demo-app", "gateway", true);

        assertRemovesOnly(List.of(policy), narrowing, "demo-app->gateway");
        assertThat(((Narrowed) narrowing).method()).isEqualTo(Method.OVERRIDE);
        assertThat(((Narrowed) narrowing).edits())
                .extracting(MeshEdit::name)
                .containsExactly("deny-demo-app-to-gateway");
    }

    @Test
    void aMeshTrafficPermissionThatAllowsOnlyThePairIsDeleted() {
        ObjectNode policy = PermissionTemplates.allow("default", "gateway", "demo-app", true);
        Narrowing narrowing = PolicyNarrowing.narrow(policy, "gateway", "demo-app", true);

        assertThat(narrowing)
                .isInstanceOfSatisfying(
                        Narrowed.class, n -> assertThat(n.method()).isEqualTo(Method.DELETE));
        assertRemovesOnly(List.of(policy), narrowing, "gateway->demo-app");
    }

    @Test
    void aSubsetTargetOverSeveralServicesHasNoMoreSpecificPlaceForADeny() {
        ObjectNode policy = json("""
                {"type":"MeshTrafficPermission","mesh":"default","name":"east",
                 "spec":{"targetRef":{"kind":"MeshSubset","tags":{"kuma.io/zone":"east"}},
                  "from":[{"targetRef":{"kind":"MeshSubset","tags":{"kuma.io/service":"gateway"}},
                           "default":{"action":"Allow"}}]}}""");
        assertThat(PolicyNarrowing.narrow(policy, "gateway", "redis", true))
                .isEqualTo(new NotNarrowable(Reason.SAME_PRECEDENCE));
    }

    @Test
    void spiffeRulesAreNotNarrowed() {
        ObjectNode policy = json("""
                {"type":"MeshTrafficPermission","mesh":"default","name":"by-identity",
                 "spec":{"targetRef":{"kind":"Mesh"},
                  "rules":[{"default":{"allow":[{"spiffeID":{"type":"Prefix","value":"spiffe://default/"}}]}}]}}""");
        assertThat(PolicyNarrowing.narrow(policy, "gateway", "redis", true))
                .isEqualTo(new NotNarrowable(Reason.SPIFFE_RULES));
    }

    @Test
    void aPolicyThatDoesNotAllowThePairSaysSo() {
        ObjectNode deny = PermissionTemplates.deny("default", "gateway", "redis");
        assertThat(PolicyNarrowing.narrow(deny, "gateway", "redis", true))
                .isEqualTo(new NotNarrowable(Reason.PAIR_NOT_ALLOWED));
        ObjectNode other = trafficPermission("web-to-redis", List.of("web"), List.of("redis"));
        assertThat(PolicyNarrowing.narrow(other, "gateway", "redis", false))
                .isEqualTo(new NotNarrowable(Reason.PAIR_NOT_ALLOWED));
    }

    @Test
    void selectorsWithOtherTagsAreLeftToTheEditor() {
        ObjectNode policy = json("""
                {"type":"TrafficPermission","mesh":"default","name":"v1-only",
                 "sources":[{"match":{"kuma.io/service":"gateway"}}],
                 "destinations":[{"match":{"kuma.io/service":"redis","version":"v1"}}]}""");
        assertThat(PolicyNarrowing.narrow(policy, "gateway", "redis", true))
                .isEqualTo(new NotNarrowable(Reason.TAG_SELECTORS));
        ObjectNode anyVersion = json("""
                {"type":"TrafficPermission","mesh":"default","name":"any-version",
                 "sources":[{"match":{"kuma.io/service":"*","version":"*"}}],
                 "destinations":[{"match":{"kuma.io/service":"redis"}}]}""");
        assertThat(PolicyNarrowing.narrow(anyVersion, "gateway", "redis", true))
                .isEqualTo(new NotNarrowable(Reason.TAG_SELECTORS));
    }

    @Test
    void otherPolicyTypesAreNotNarrowed() {
        assertThat(PolicyNarrowing.narrow(
                        json("{\"type\":\"MeshTimeout\",\"mesh\":\"default\",\"name\":\"t\"}"), "a", "b", true))
                .isEqualTo(new NotNarrowable(Reason.UNSUPPORTED_TYPE));
    }
}
