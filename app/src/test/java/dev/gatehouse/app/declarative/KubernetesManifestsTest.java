package dev.gatehouse.app.declarative;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.gatehouse.app.declarative.deck.DeckYaml;
import dev.gatehouse.app.declarative.kubernetes.KubernetesExporter;
import dev.gatehouse.app.declarative.kubernetes.KubernetesOptions;
import dev.gatehouse.app.declarative.kubernetes.KubernetesYaml;
import dev.gatehouse.app.declarative.kubernetes.Manifests;
import dev.gatehouse.app.declarative.kubernetes.MeshState;
import dev.gatehouse.app.testing.CrdSchemas;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The conversion itself, from decK files the seed does not cover: route fields as KIC annotations and HTTPRoute
 * matches, regex paths, service settings, plugins on several scopes, disabled plugins, names Kubernetes would
 * refuse, and what cannot be expressed.
 */
class KubernetesManifestsTest {

    private static final String FILE = """
            _format_version: "3.0"
            services:
            - name: Billing_API
              host: billing.internal
              port: 8443
              protocol: https
              path: /v1
              retries: 3
              plugins:
              - name: rate-limiting
                config:
                  minute: 10
              routes:
              - name: orders
                hosts: [a.test, b.test]
                paths: ["/orders", "~/items/\\\\d+$"]
                methods: [GET, POST]
                strip_path: false
                headers:
                  x-version: [v1, v2]
                plugins:
                - name: request-id
                  enabled: false
                  protocols: [http, ws]
            - name: billing-API
              host: other.internal
              routes:
              - name: other
            - name: idle
              host: idle.internal
              plugins:
              - name: cors
            routes:
            - name: lonely
              paths: [/lonely]
            consumers:
            - custom_id: "42"
              id: 0b7c3a6e-0000-4000-8000-000000000042
            - username: alice
            plugins:
            - name: response-transformer
              route: orders
              consumer: alice
            - name: rate-limiting
              consumer: 0b7c3a6e-0000-4000-8000-000000000042
            """;

    private static Manifests manifests(KubernetesOptions options) {
        return KubernetesExporter.toManifests(Optional.of(DeckYaml.read(FILE)), Optional.empty(), options);
    }

    private static ObjectNode one(Manifests manifests, String kind, String name) {
        List<ObjectNode> found = manifests.ofKind(kind).stream()
                .filter(d -> name.equals(d.path("metadata").path("name").asText()))
                .toList();
        assertThat(found).as(kind + " " + name).hasSize(1);
        return found.getFirst();
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }

    @Test
    void routeFieldsBecomeKicAnnotationsAndIngressRules() {
        Manifests manifests = manifests(KubernetesOptions.defaults());
        ObjectNode ingress = one(manifests, "Ingress", "orders");
        JsonNode annotations = ingress.path("metadata").path("annotations");
        assertThat(annotations.path("konghq.com/methods").asText()).isEqualTo("GET,POST");
        assertThat(annotations.path("konghq.com/strip-path").asText()).isEqualTo("false");
        assertThat(annotations.path("konghq.com/headers.x-version").asText()).isEqualTo("v1,v2");
        assertThat(annotations.has("konghq.com/protocols")).isFalse(); // Kong's and KIC's default
        // one rule per host; a regex path keeps Kong's "~" behind KIC's "/~" marker
        JsonNode rules = ingress.path("spec").path("rules");
        assertThat(rules).hasSize(2);
        assertThat(rules.get(1).path("host").asText()).isEqualTo("b.test");
        List<String> paths = new ArrayList<>();
        rules.get(0)
                .path("http")
                .path("paths")
                .forEach(p -> paths.add(p.path("path").asText()));
        assertThat(paths).containsExactly("/orders", "/~/items/\\d+$");
        JsonNode backend =
                rules.get(0).path("http").path("paths").get(0).path("backend").path("service");
        assertThat(backend.path("name").asText()).isEqualTo("billing-api");
        assertThat(backend.path("port").path("number").asInt()).isEqualTo(8443);
    }

    @Test
    void servicesCarryTheirSettingsAndPluginsAndNamesAreMadeValidAndUnique() {
        Manifests manifests = manifests(KubernetesOptions.defaults());
        ObjectNode service = one(manifests, "Service", "billing-api");
        JsonNode annotations = service.path("metadata").path("annotations");
        assertThat(annotations.path("konghq.com/protocol").asText()).isEqualTo("https");
        assertThat(annotations.path("konghq.com/path").asText()).isEqualTo("/v1");
        assertThat(annotations.path("konghq.com/retries").asText()).isEqualTo("3");
        assertThat(annotations.path("konghq.com/plugins").asText()).isEqualTo("billing-api-rate-limiting");
        assertThat(service.path("spec").path("externalName").asText()).isEqualTo("billing.internal");
        // "billing-API" would be billing-api too: the second one gets a suffix
        assertThat(manifests.ofKind("Service"))
                .extracting(s -> s.path("metadata").path("name").asText())
                .containsExactly("billing-api", "billing-api-2");
        ObjectNode rateLimiting = one(manifests, "KongPlugin", "billing-api-rate-limiting");
        assertThat(rateLimiting.path("config").path("minute").asInt()).isEqualTo(10);
        ObjectNode requestId = one(manifests, "KongPlugin", "orders-request-id");
        assertThat(requestId.path("disabled").asBoolean()).isTrue();
        // ws is no KongProtocol: left out, with a note; Kong's default protocols are not written at all
        assertThat(texts(requestId.path("protocols"))).containsExactly("http");
        assertThat(manifests.notes())
                .contains("plugin orders-request-id: protocols ws are left out, the KongPlugin CRD does not accept"
                        + " them.");
        assertThat(rateLimiting.has("protocols")).isFalse();
    }

    @Test
    void aPluginOnARouteAndAConsumerIsNamedOnBoth() {
        Manifests manifests = manifests(KubernetesOptions.defaults());
        one(manifests, "KongPlugin", "orders-alice-response-transformer");
        assertThat(one(manifests, "Ingress", "orders")
                        .path("metadata")
                        .path("annotations")
                        .path("konghq.com/plugins")
                        .asText())
                .isEqualTo("orders-alice-response-transformer,orders-request-id");
        assertThat(one(manifests, "KongConsumer", "alice")
                        .path("metadata")
                        .path("annotations")
                        .path("konghq.com/plugins")
                        .asText())
                .isEqualTo("orders-alice-response-transformer");
        // a consumer known by its custom_id only, which the file's plugins point at by id
        ObjectNode byCustomId = one(manifests, "KongConsumer", "42");
        assertThat(byCustomId.path("custom_id").asText()).isEqualTo("42");
        assertThat(byCustomId
                        .path("metadata")
                        .path("annotations")
                        .path("konghq.com/plugins")
                        .asText())
                .isEqualTo("42-rate-limiting");
    }

    @Test
    void whatKubernetesCannotHoldIsNotedAtTheTop() {
        Manifests manifests = manifests(KubernetesOptions.defaults());
        assertThat(manifests.ofKind("Ingress"))
                .extracting(i -> i.path("metadata").path("name").asText())
                .containsExactly("orders", "other");
        assertThat(manifests.ofKind("Service"))
                .extracting(s -> s.path("metadata").path("name").asText())
                .doesNotContain("idle");
        assertThat(manifests.notes())
                .containsExactly(
                        "route lonely has no service; an Ingress needs a backend, so it is left out.",
                        "plugin orders-request-id: protocols ws are left out, the KongPlugin CRD does not accept"
                                + " them.",
                        "plugin cors on service idle is left out: that entity has no manifest (a service without"
                                + " routes, or not exported).");
        assertThat(KubernetesYaml.write(manifests)).startsWith("# route lonely has no service;");
    }

    @Test
    void httpRoutesMatchEveryPathAndMethodWithTheHeaders() {
        Manifests manifests = manifests(KubernetesOptions.defaults().withGatewayApi());
        ObjectNode route = one(manifests, "HTTPRoute", "orders");
        assertThat(texts(route.path("spec").path("hostnames"))).containsExactly("a.test", "b.test");
        JsonNode matches = route.path("spec").path("rules").get(0).path("matches");
        assertThat(matches).hasSize(4);
        assertThat(matches.get(1).path("path").path("value").asText()).isEqualTo("/orders");
        assertThat(matches.get(1).path("method").asText()).isEqualTo("POST");
        assertThat(matches.get(2).path("path").path("type").asText()).isEqualTo("RegularExpression");
        assertThat(matches.get(2).path("path").path("value").asText()).isEqualTo("/items/\\d+$");
        JsonNode header = matches.get(0).path("headers").get(0);
        assertThat(header.path("name").asText()).isEqualTo("x-version");
        assertThat(header.path("type").asText()).isEqualTo("RegularExpression");
        assertThat(header.path("value").asText()).isEqualTo("^(v1|v2)$");
        assertThat(route.path("metadata").path("annotations").has("konghq.com/methods"))
                .isFalse();
    }

    @Test
    void theCustomResourcesAreValidAgainstTheirCrds() throws Exception {
        var schemas = CrdSchemas.load(); // skipped, saying why, where ../shared is absent
        List<ObjectNode> custom = manifests(KubernetesOptions.defaults()).documents().stream()
                .filter(CrdSchemas::isCustom)
                .toList();
        assertThat(custom).hasSize(6); // four KongPlugins (cors on the idle service is left out), two KongConsumers
        custom.forEach(document -> CrdSchemas.assertValid(schemas, document));
    }

    @Test
    void policiesOfOneNameInTwoMeshesStayTwoObjects() throws Exception {
        YAMLMapper yaml = new YAMLMapper();
        List<ObjectNode> meshes = List.of((ObjectNode) yaml.readTree("{type: Mesh, name: default}"), (ObjectNode)
                yaml.readTree("{type: Mesh, name: other}"));
        List<ObjectNode> policies = new ArrayList<>();
        for (String mesh : List.of("default", "other")) {
            policies.add((ObjectNode) yaml.readTree("{type: TrafficPermission, mesh: " + mesh + ", name: allow,"
                    + " labels: {team: a, kuma.io/mesh: " + mesh + "}, sources: [{match: {kuma.io/service: '*'}}],"
                    + " destinations: [{match: {kuma.io/service: '*'}}]}"));
        }
        Manifests manifests = KubernetesExporter.toManifests(
                Optional.empty(), Optional.of(new MeshState(meshes, policies)), KubernetesOptions.defaults());
        assertThat(manifests.ofKind("TrafficPermission"))
                .extracting(p -> p.path("metadata").path("name").asText() + " "
                        + p.path("mesh").asText())
                .containsExactly("allow default", "allow-2 other");
        // the user's labels stay; Kuma's own are the control plane's to set
        assertThat(manifests
                        .ofKind("TrafficPermission")
                        .getFirst()
                        .path("metadata")
                        .path("labels"))
                .hasSize(1);
        assertThat(manifests.ofKind("Mesh")).hasSize(2);
        assertThat(manifests.ofKind("Ingress")).isEmpty();
    }

    @Test
    void namespacesMustBeKubernetesNames() {
        assertThatThrownBy(() -> KubernetesOptions.defaults().inNamespaces("Apps", "kuma-system"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--namespace Apps is not a Kubernetes namespace name");
    }
}
