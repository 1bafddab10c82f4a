package dev.gatehouse.mesh.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.gatehouse.mesh.resource.Resource;
import dev.gatehouse.mesh.resource.ResourceCodec;
import dev.gatehouse.mesh.resource.meshaccesslog.MeshAccessLogSpec.Backend;
import dev.gatehouse.mesh.resource.meshaccesslog.MeshAccessLogType;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which MeshAccessLog backends apply to which traffic of a proxy (targetRef matching as the permission engine's;
 * lists replaced by the more specific policy as Kuma's merge in pkg/plugins/policies/core/rules/merge does).
 */
class AccessLogPoliciesTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final InboundTarget REDIS = new InboundTarget(
            "redis-1", Map.of("team", "data"), Map.of("kuma.io/service", "redis", "version", "v2"), null, 6379);

    private static Resource mal(String name, String spec) throws Exception {
        return ResourceCodec.fromRest(
                MeshAccessLogType.DESCRIPTOR,
                YAML.readTree("type: MeshAccessLog\nmesh: default\nname: " + name + "\nspec:\n" + spec.indent(2)));
    }

    private static String tcp(String address) {
        return "{type: Tcp, tcp: {address: '" + address + "'}}";
    }

    private static List<String> addresses(java.util.Collection<Backend> backends) {
        return backends.stream().map(b -> b.tcp().address()).toList();
    }

    private static AccessLogPolicies policies(Resource... rs) {
        return AccessLogPolicies.of("default", Arrays.asList(rs));
    }

    @Test
    void fromAppliesToSelectedInboundsToToOutboundsByDestination() throws Exception {
        AccessLogPolicies p = policies(
                mal(
                        "everything",
                        "from: [{targetRef: {kind: Mesh}, default: {backends: [" + tcp("a:1") + "]}}]\n"
                                + "to: [{targetRef: {kind: Mesh}, default: {backends: [" + tcp("b:1") + "]}},"
                                + " {targetRef: {kind: MeshService, name: web}, default: {backends: [" + tcp("c:1")
                                + "]}}]"),
                mal(
                        "only-api",
                        "targetRef: {kind: MeshService, name: api}\n"
                                + "from: [{targetRef: {kind: Mesh}, default: {backends: [" + tcp("d:1") + "]}}]"));
        AccessLogPolicies.ProxyAccessLogs redis = p.forProxy("redis-1", Map.of(), List.of(REDIS), Map.of());
        assertThat(addresses(redis.inbound(0, "web"))).containsExactly("a:1");
        assertThat(addresses(redis.outbound("db"))).containsExactly("b:1");
        assertThat(addresses(redis.outbound("web"))).containsExactly("c:1");
        assertThat(addresses(redis.all())).containsExactlyInAnyOrder("a:1", "b:1", "c:1");
    }

    @Test
    void theMoreSpecificPolicyReplacesTheBackendsOfTheLessSpecific() throws Exception {
        AccessLogPolicies p = policies(
                mal(
                        "subset",
                        "targetRef: {kind: MeshSubset, tags: {version: v2}}\n"
                                + "from: [{targetRef: {kind: Mesh}, default: {backends: [" + tcp("subset:1") + "]}}]"),
                mal("mesh", "from: [{targetRef: {kind: Mesh}, default: {backends: [" + tcp("mesh:1") + "]}}]"),
                mal(
                        "other",
                        "targetRef: {kind: MeshSubset, tags: {version: v1}}\n"
                                + "from: [{targetRef: {kind: Mesh}, default: {backends: [" + tcp("v1:1") + "]}}]"));
        assertThat(addresses(p.forProxy("redis-1", Map.of(), List.of(REDIS), Map.of())
                        .inbound(0, "web")))
                .containsExactly("subset:1");
    }

    @Test
    void rulesFireIndependentlyAndSpiffeMatchesSelectClients() throws Exception {
        AccessLogPolicies p = policies(mal(
                "rules",
                "targetRef: {kind: Dataplane, labels: {team: data}}\nrules:\n"
                        + "  - default: {backends: [" + tcp("all:1") + "]}\n"
                        + "  - matches: [{spiffeID: {type: Exact, value: 'spiffe://default/web'}}]\n"
                        + "    default: {backends: [" + tcp("web:1") + "]}"));
        AccessLogPolicies.ProxyAccessLogs redis =
                p.forProxy("redis-1", Map.of("team", "data"), List.of(REDIS), Map.of());
        assertThat(addresses(redis.inbound(0, "web"))).containsExactly("all:1", "web:1");
        assertThat(addresses(redis.inbound(0, "api"))).containsExactly("all:1");
        assertThat(addresses(redis.outbound("web"))).isEmpty();
        AccessLogPolicies.ProxyAccessLogs other =
                p.forProxy("web-1", Map.of("team", "web"), List.of(InboundTarget.ofService("web")), Map.of());
        assertThat(other.all()).isEmpty();
    }

    @Test
    void aDelegatedGatewayIsSelectedByItsServiceTagForOutboundTraffic() throws Exception {
        AccessLogPolicies p = policies(mal(
                "gw",
                "targetRef: {kind: MeshService, name: kong}\n" + "to: [{targetRef: {kind: Mesh}, default: {backends: ["
                        + tcp("gw:1") + "]}}]"));
        assertThat(addresses(p.forProxy("kong-1", Map.of(), List.of(), Map.of("kuma.io/service", "kong"))
                        .outbound("web")))
                .containsExactly("gw:1");
        assertThat(p.forProxy("redis-1", Map.of(), List.of(REDIS), Map.of()).all())
                .isEmpty();
    }
}
