package dev.gatehouse.app.kubernetes.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.declarative.kubernetes.GatewayRef;
import dev.gatehouse.app.kubernetes.testing.GatewayMockCluster;
import dev.gatehouse.app.repository.gateway.EntityKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Kong routes as Gateway API HTTPRoutes, against Fabric8's mock API server in CRUD mode with the Gateway API
 * installed: written as KIC's Gateway API guide writes them (parentRefs to the Gateway {@code kong}, PathPrefix
 * matches, one backendRef), read back as the Kong route KIC makes of them (kubernetes-ingress-controller
 * internal/dataplane/translator/subtranslator/httproute.go: Exact {@code /p} is Kong's {@code ~/p$}, a
 * RegularExpression header is Kong's {@code ~*} regex, strip_path false and preserve_host true by default), with
 * plugins attached through {@code konghq.com/plugins}; HTTPRoutes of another implementation's Gateway left out.
 */
class KubernetesHttpRoutesTest {

    private static final String NS = GatewayMockCluster.NAMESPACE;
    private static final ObjectMapper JSON = new ObjectMapper();

    private GatewayMockCluster cluster;
    private KubernetesGatewayRepository gateway;

    @BeforeEach
    void start() {
        cluster = GatewayMockCluster.start();
        cluster.serveGatewayApi();
        gateway = cluster.repository(Optional.empty(), GatewayRef.parse("kong"));
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    private JsonNode httpRoute(String name) {
        GenericKubernetesResource found = cluster.client()
                .genericKubernetesResources("gateway.networking.k8s.io/v1", "HTTPRoute")
                .inNamespace(NS)
                .withName(name)
                .get();
        return found == null ? null : JSON.valueToTree(found);
    }

    @Test
    void aRouteMadeHereIsAnHttpRouteOnTheGatewayAndReadsBackTheSame() {
        ObjectNode service = gateway.create(
                        EntityKind.SERVICES, object().put("name", "orders").put("url", "http://orders:8080"))
                .join();
        ObjectNode route = object().put("name", "orders-rt");
        route.putArray("paths").add("/orders");
        route.putArray("hosts").add("shop.example.com");
        route.putArray("methods").add("GET");
        route.putObject("service").put("id", service.path("id").asText());
        ObjectNode created = gateway.create(EntityKind.ROUTES, route).join();

        JsonNode written = httpRoute("orders-rt");
        assertThat(written).isNotNull();
        assertThat(cluster.client()
                        .network()
                        .v1()
                        .ingresses()
                        .inNamespace(NS)
                        .list()
                        .getItems())
                .isEmpty();
        assertThat(written.at("/spec/parentRefs/0/name").asText()).isEqualTo("kong");
        assertThat(written.at("/spec/hostnames/0").asText()).isEqualTo("shop.example.com");
        assertThat(written.at("/spec/rules/0/matches/0/path/type").asText()).isEqualTo("PathPrefix");
        assertThat(written.at("/spec/rules/0/matches/0/path/value").asText()).isEqualTo("/orders");
        assertThat(written.at("/spec/rules/0/matches/0/method").asText()).isEqualTo("GET");
        assertThat(written.at("/spec/rules/0/backendRefs/0/name").asText()).isEqualTo("orders");
        assertThat(written.at("/spec/rules/0/backendRefs/0/port").asInt()).isEqualTo(8080);

        assertThat(created.path("id").asText())
                .isEqualTo(written.at("/metadata/uid").asText());
        assertThat(created.path("paths")).containsExactly(JsonNodeFactory.instance.textNode("/orders"));
        assertThat(created.path("hosts")).containsExactly(JsonNodeFactory.instance.textNode("shop.example.com"));
        assertThat(created.path("methods")).containsExactly(JsonNodeFactory.instance.textNode("GET"));
        assertThat(created.path("service").path("id").asText())
                .isEqualTo(service.path("id").asText());
        assertThat(created.path("strip_path").asBoolean()).isTrue();
        assertThat(gateway.get(EntityKind.ROUTES, "orders-rt").join()).isEqualTo(created);

        // A key-auth plugin on the route: a KongPlugin named by the HTTPRoute's konghq.com/plugins.
        ObjectNode plugin = object().put("name", "key-auth");
        plugin.putObject("route").put("id", created.path("id").asText());
        ObjectNode keyAuth = gateway.create(EntityKind.PLUGINS, plugin).join();
        assertThat(keyAuth.path("route").path("id").asText())
                .isEqualTo(created.path("id").asText());
        assertThat(httpRoute("orders-rt")
                        .at("/metadata/annotations/konghq.com~1plugins")
                        .asText())
                .isEqualTo("orders-rt-key-auth");

        // New paths rewrite the rules and keep the parentRefs.
        ObjectNode changes = object();
        changes.putArray("paths").add("/orders").add("~/v[0-9]+/orders");
        ObjectNode updated = gateway.update(
                        EntityKind.ROUTES, created.path("id").asText(), changes)
                .join();
        assertThat(updated.path("paths").toString()).isEqualTo("[\"/orders\",\"~/v[0-9]+/orders\"]");
        JsonNode rewritten = httpRoute("orders-rt");
        assertThat(rewritten.at("/spec/parentRefs/0/name").asText()).isEqualTo("kong");
        assertThat(rewritten.at("/spec/rules/0/matches/1/path/type").asText()).isEqualTo("RegularExpression");
        assertThat(rewritten.at("/spec/rules/0/matches/1/path/value").asText()).isEqualTo("/v[0-9]+/orders");

        // Deleting the route deletes its HTTPRoute and the KongPlugin only it named, as Kong deletes a route's plugins.
        gateway.delete(EntityKind.ROUTES, created.path("id").asText()).join();
        assertThat(httpRoute("orders-rt")).isNull();
        assertThat(gateway.listAll(EntityKind.PLUGINS).join()).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void handWrittenHttpRoutesReadAsKicTranslatesThemAndOtherGatewaysRoutesAreNotKongs() {
        cluster.client()
                .services()
                .inNamespace(NS)
                .resource(new io.fabric8.kubernetes.api.model.ServiceBuilder()
                        .withNewMetadata()
                        .withName("billing")
                        .endMetadata()
                        .withNewSpec()
                        .addNewPort()
                        .withPort(80)
                        .endPort()
                        .endSpec()
                        .build())
                .create();
        Map<String, Object> rule = Map.of(
                "matches",
                List.of(Map.of(
                        "path", Map.of("type", "Exact", "value", "/invoices"),
                        "method", "POST",
                        "headers", List.of(Map.of("type", "RegularExpression", "name", "x-tenant", "value", "^a.*")))),
                "backendRefs",
                List.of(Map.of("name", "billing", "port", 80)));
        for (String parent : List.of("kong", "other")) {
            GenericKubernetesResource route = new io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder()
                    .withApiVersion("gateway.networking.k8s.io/v1")
                    .withKind("HTTPRoute")
                    .withNewMetadata()
                    .withName("billing-" + parent)
                    .withNamespace(NS)
                    .endMetadata()
                    .build();
            route.setAdditionalProperty(
                    "spec", Map.of("parentRefs", List.of(Map.of("name", parent)), "rules", List.of(rule)));
            cluster.client()
                    .genericKubernetesResources("gateway.networking.k8s.io/v1", "HTTPRoute")
                    .inNamespace(NS)
                    .resource(route)
                    .create();
        }

        List<ObjectNode> routes = gateway.listAll(EntityKind.ROUTES).join();

        assertThat(routes).extracting(r -> r.path("name").asText()).containsExactly("billing-kong");
        ObjectNode billing = routes.getFirst();
        assertThat(billing.path("paths").toString()).isEqualTo("[\"~/invoices$\"]");
        assertThat(billing.path("methods").toString()).isEqualTo("[\"POST\"]");
        assertThat(billing.path("headers").toString()).isEqualTo("{\"x-tenant\":[\"~*^a.*\"]}");
        assertThat(billing.path("strip_path").asBoolean()).isFalse();
        assertThat(billing.path("preserve_host").asBoolean()).isTrue();
        // Its Exact match would be rewritten as a regex: still what Kong runs. A filter would be lost, so refused.
        ObjectNode changes = object();
        changes.putArray("paths").add("/invoices");
        assertThat(gateway.update(EntityKind.ROUTES, billing.path("id").asText(), changes)
                        .join()
                        .path("paths")
                        .toString())
                .isEqualTo("[\"/invoices\"]");
        // Its regex header match stays a regex (Kong's ~* form read back as RegularExpression).
        assertThat(httpRoute("billing-kong")
                        .at("/spec/rules/0/matches/0/headers/0/type")
                        .asText())
                .isEqualTo("RegularExpression");
        assertThat(httpRoute("billing-kong")
                        .at("/spec/rules/0/matches/0/headers/0/value")
                        .asText())
                .isEqualTo("^a.*");
        GenericKubernetesResource withFilter = cluster.client()
                .genericKubernetesResources("gateway.networking.k8s.io/v1", "HTTPRoute")
                .inNamespace(NS)
                .withName("billing-kong")
                .get();
        Map<String, Object> spec =
                (Map<String, Object>) withFilter.getAdditionalProperties().get("spec");
        Map<String, Object> filtered =
                new java.util.HashMap<>(((List<Map<String, Object>>) spec.get("rules")).getFirst());
        filtered.put(
                "filters",
                List.of(Map.of(
                        "type",
                        "RequestHeaderModifier",
                        "requestHeaderModifier",
                        Map.of("add", List.of(Map.of("name", "x-from", "value", "gatehouse"))))));
        Map<String, Object> newSpec = new java.util.HashMap<>(spec);
        newSpec.put("rules", List.of(filtered));
        withFilter.setAdditionalProperty("spec", newSpec);
        cluster.client()
                .genericKubernetesResources("gateway.networking.k8s.io/v1", "HTTPRoute")
                .inNamespace(NS)
                .resource(withFilter)
                .update();
        changes.putArray("paths").add("/bills");
        Throwable refused = org.assertj.core.api.Assertions.catchThrowable(
                () -> gateway.update(EntityKind.ROUTES, billing.path("id").asText(), changes)
                        .join());
        assertThat(refused)
                .rootCause()
                .hasMessageContaining("this HTTPRoute's rule has filters, which rewriting its matches would drop");
        assertThat(httpRoute("billing-kong").at("/spec/rules/0/filters/0/type").asText())
                .isEqualTo("RequestHeaderModifier");
        assertThat(billing.path("service").path("id").asText())
                .isEqualTo(cluster.client()
                        .services()
                        .inNamespace(NS)
                        .withName("billing")
                        .get()
                        .getMetadata()
                        .getUid());
    }
}
