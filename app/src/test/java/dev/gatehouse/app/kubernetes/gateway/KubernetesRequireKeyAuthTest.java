package dev.gatehouse.app.kubernetes.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.kubernetes.testing.GatewayMockCluster;
import dev.gatehouse.app.repository.gateway.EntityKind;
import dev.gatehouse.app.repository.gateway.EntityOwner;
import dev.gatehouse.app.repository.gateway.EntitySchema;
import dev.gatehouse.app.repository.gateway.GatewayRepository;
import dev.gatehouse.app.routeauth.KeyAuthProposal;
import dev.gatehouse.app.routeauth.RouteAuthentication;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * "Require key-auth" on a Kubernetes connection goes through the same GatewayRepository calls as on the sandbox:
 * the route-scoped plugin becomes a KongPlugin named by the route's Ingress ({@code konghq.com/plugins}), the
 * consumers' keys are counted from their credential Secrets, and the route is no longer anonymous afterwards.
 */
class KubernetesRequireKeyAuthTest {

    private static final String NS = GatewayMockCluster.NAMESPACE;

    private GatewayMockCluster cluster;
    private GatewayRepository gateway;

    @BeforeEach
    void start() {
        cluster = GatewayMockCluster.start();
        gateway = cluster.repository(Optional.empty());
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** An open route, alice with one generated key, bob with none; the route as the repository lists it. */
    private ObjectNode openRoute() {
        String serviceId = gateway.create(
                        EntityKind.SERVICES, object().put("name", "orders").put("url", "http://orders.internal"))
                .join()
                .path("id")
                .asText();
        ObjectNode route = object().put("name", "orders-rt");
        route.putArray("paths").add("/orders");
        route.putObject("service").put("id", serviceId);
        ObjectNode created = gateway.create(EntityKind.ROUTES, route).join();
        gateway.create(EntityKind.CONSUMERS, object().put("username", "alice")).join();
        gateway.create(EntityKind.CONSUMERS, object().put("username", "bob")).join();
        gateway.create(new EntityOwner(EntityKind.CONSUMERS, "alice"), EntityKind.KEY_AUTH_CREDENTIALS, object())
                .join();
        return created;
    }

    private KeyAuthProposal propose(ObjectNode route, Optional<EntitySchema> schema) {
        return KeyAuthProposal.of(
                route,
                schema,
                gateway.listAll(EntityKind.CONSUMERS).join(),
                gateway.listAll(EntityKind.KEY_AUTH_CREDENTIALS).join());
    }

    private RouteAuthentication rule() {
        return new RouteAuthentication(gateway.listAll(EntityKind.PLUGINS).join());
    }

    private String ingressPlugins() {
        Map<String, String> annotations = cluster.client()
                .network()
                .v1()
                .ingresses()
                .inNamespace(NS)
                .withName("orders-rt")
                .get()
                .getMetadata()
                .getAnnotations();
        return annotations.getOrDefault("konghq.com/plugins", "");
    }

    private GenericKubernetesResource kongPlugin(String name) {
        return cluster.client()
                .genericKubernetesResources(KubernetesGatewayRepositoryTest.context("kongplugins", "KongPlugin", true))
                .inNamespace(NS)
                .withName(name)
                .get();
    }

    @Test
    void theProposedPluginBecomesAKongPluginOnTheRoutesIngress() throws Exception {
        ObjectNode route = openRoute();
        assertThat(rule().isAnonymous(route)).isTrue();

        // With KIC's Kong Admin API forwarded the schema is known; its config part as Kong serves it.
        EntitySchema schema = EntitySchema.parse("key-auth", new ObjectMapper().readTree("""
                {"fields": [{"config": {"type": "record", "fields": [
                  {"key_names": {"type": "array", "default": ["apikey"]}},
                  {"hide_credentials": {"type": "boolean", "default": false}},
                  {"anonymous": {"type": "string"}}]}}]}
                """));
        KeyAuthProposal proposal = propose(route, Optional.of(schema));
        assertThat(proposal.consumers()).containsExactly(new KeyAuthProposal.ConsumerKeys("alice", 1));

        ObjectNode created =
                gateway.create(EntityKind.PLUGINS, proposal.plugin()).join();
        assertThat(created.path("route").path("id").asText())
                .isEqualTo(route.path("id").asText());
        String name = ingressPlugins();
        assertThat(name).isNotEmpty();
        GenericKubernetesResource plugin = kongPlugin(name);
        assertThat(plugin.getAdditionalProperties()).containsEntry("plugin", "key-auth");
        assertThat(plugin.getAdditionalProperties().get("config"))
                .isEqualTo(Map.of("hide_credentials", false, "key_names", List.of("apikey")));

        assertThat(rule().applying(route))
                .extracting(RouteAuthentication.Applied::plugin, RouteAuthentication.Applied::scope)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("key-auth", RouteAuthentication.Scope.ROUTE));
    }

    @Test
    void withoutTheAdminApiTheKongPluginHasNoConfigAndStillProtectsTheRoute() {
        ObjectNode route = openRoute();
        // Without KIC's Admin API forward there is no schema: the same call the Routes page makes fails.
        assertThat(gateway.pluginSchema("key-auth")).failsWithin(java.time.Duration.ofSeconds(10));
        KeyAuthProposal proposal = propose(route, Optional.empty());

        gateway.create(EntityKind.PLUGINS, proposal.plugin()).join();
        GenericKubernetesResource plugin = kongPlugin(ingressPlugins());
        assertThat(plugin.getAdditionalProperties()).containsEntry("plugin", "key-auth");
        assertThat(plugin.getAdditionalProperties()).doesNotContainKey("config");
        assertThat(rule().isAnonymous(route)).isFalse();
    }
}
