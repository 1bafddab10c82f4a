package dev.gatehouse.app.declarative;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import dev.gatehouse.app.declarative.deck.Secrets;
import dev.gatehouse.app.declarative.kubernetes.KubernetesExporter;
import dev.gatehouse.app.declarative.kubernetes.KubernetesOptions;
import dev.gatehouse.app.declarative.kubernetes.KubernetesYaml;
import dev.gatehouse.app.kuma.KumaClient;
import dev.gatehouse.app.kuma.KumaMeshRepository;
import dev.gatehouse.app.testing.CrdSchemas;
import dev.gatehouse.app.testing.GatewaySeed;
import dev.gatehouse.app.testing.MeshSeed;
import dev.gatehouse.app.testing.TestGateway;
import dev.gatehouse.app.testing.TestRuntimes;
import dev.gatehouse.mesh.RunningControlPlane;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kubernetes export of the seed walkthrough's platform (gateway and mesh): the manifests the seed itself uses for
 * the Kong Ingress Controller and Kuma, redaction, Gateway API routes, a deterministic order, and validity of every
 * custom resource against its CRD's schema from {@code ../shared/schemas}.
 */
class KubernetesExportTest {

    @TempDir
    static Path dir;

    private static TestGateway gateway;
    private static RunningControlPlane cp;
    private static KumaClient kuma;
    private static KumaMeshRepository mesh;

    @BeforeAll
    static void seed() throws Exception {
        gateway = TestGateway.start(dir.resolve("gateway"));
        GatewaySeed.seed(gateway.repository());
        cp = TestRuntimes.controlPlane(dir.resolve("cp"));
        kuma = TestRuntimes.kuma(cp);
        mesh = new KumaMeshRepository(kuma);
        MeshSeed.seed(mesh);
    }

    @AfterAll
    static void stop() {
        kuma.close();
        cp.close();
        gateway.close();
    }

    private static String export(KubernetesOptions options) {
        return KubernetesExporter.export(Optional.of(gateway.repository()), Optional.of(mesh), options);
    }

    private static List<ObjectNode> documents(KubernetesOptions options) {
        return KubernetesYaml.read(export(options));
    }

    private static List<ObjectNode> ofKind(List<ObjectNode> documents, String kind) {
        return documents.stream()
                .filter(d -> kind.equals(d.path("kind").asText()))
                .toList();
    }

    private static ObjectNode one(List<ObjectNode> documents, String kind, String name) {
        List<ObjectNode> found = ofKind(documents, kind).stream()
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
    void theSeedExportHoldsTheManifestsTheSeedUses() {
        List<ObjectNode> docs = documents(KubernetesOptions.defaults());

        // KongPlugin key-auth reading apiKey, named on the route's Ingress (KIC examples/kong-consumer-key-auth.yaml)
        ObjectNode keyAuth = one(docs, "KongPlugin", "demo-rt-key-auth");
        assertThat(keyAuth.path("apiVersion").asText()).isEqualTo("configuration.konghq.com/v1");
        assertThat(keyAuth.path("metadata").path("namespace").asText()).isEqualTo("default");
        assertThat(keyAuth.path("plugin").asText()).isEqualTo("key-auth");
        assertThat(texts(keyAuth.path("config").path("key_names"))).containsExactly("apiKey");

        ObjectNode ingress = one(docs, "Ingress", "demo-rt");
        assertThat(ingress.path("apiVersion").asText()).isEqualTo("networking.k8s.io/v1");
        assertThat(ingress.path("metadata")
                        .path("annotations")
                        .path("konghq.com/plugins")
                        .asText())
                .isEqualTo("demo-rt-key-auth");
        assertThat(ingress.path("metadata")
                        .path("annotations")
                        .path("konghq.com/strip-path")
                        .asText())
                .isEqualTo("true");
        assertThat(ingress.path("spec").path("ingressClassName").asText()).isEqualTo("kong");
        JsonNode path = ingress.path("spec")
                .path("rules")
                .get(0)
                .path("http")
                .path("paths")
                .get(0);
        assertThat(path.path("path").asText()).isEqualTo("/");
        assertThat(path.path("backend").path("service").path("name").asText()).isEqualTo("demo-app");
        assertThat(path.path("backend")
                        .path("service")
                        .path("port")
                        .path("number")
                        .asInt())
                .isEqualTo(80);

        // the backend placeholder: an ExternalName Service to the Kong service's host
        ObjectNode service = one(docs, "Service", "demo-app");
        assertThat(service.path("spec").path("type").asText()).isEqualTo("ExternalName");
        assertThat(service.path("spec").path("externalName").asText()).isEqualTo("demo-app.mesh");
        assertThat(service.path("spec").path("ports").get(0).path("port").asInt())
                .isEqualTo(80);

        // the global cors plugin as a KongClusterPlugin labelled global: "true"
        ObjectNode cors = one(docs, "KongClusterPlugin", "cors");
        assertThat(cors.path("metadata").path("labels").path("global").isTextual())
                .isTrue();
        assertThat(cors.path("metadata").path("labels").path("global").asText()).isEqualTo("true");
        assertThat(cors.path("metadata").has("namespace")).isFalse();

        // the consumer with its credential Secrets, the key redacted
        ObjectNode consumer = one(docs, "KongConsumer", "demo-user");
        assertThat(consumer.path("username").asText()).isEqualTo("demo-user");
        assertThat(consumer.path("metadata")
                        .path("annotations")
                        .path("kubernetes.io/ingress.class")
                        .asText())
                .isEqualTo("kong");
        List<String> credentials = texts(consumer.path("credentials"));
        assertThat(credentials).containsExactlyInAnyOrder("demo-user-key-auth", "demo-user-acl-demo");
        ObjectNode key = one(docs, "Secret", "demo-user-key-auth");
        assertThat(key.path("metadata")
                        .path("labels")
                        .path("konghq.com/credential")
                        .asText())
                .isEqualTo("key-auth");
        assertThat(key.path("stringData").path("key").asText()).isEqualTo(Secrets.PLACEHOLDER);
        ObjectNode acl = one(docs, "Secret", "demo-user-acl-demo");
        assertThat(acl.path("metadata")
                        .path("labels")
                        .path("konghq.com/credential")
                        .asText())
                .isEqualTo("acl");
        assertThat(acl.path("stringData").path("group").asText()).isEqualTo("demo");

        // the Mesh with builtin mTLS, cluster-scoped, its Universal body under spec
        ObjectNode meshDefault = one(docs, "Mesh", "default");
        assertThat(meshDefault.path("apiVersion").asText()).isEqualTo("kuma.io/v1alpha1");
        assertThat(meshDefault.path("metadata").has("namespace")).isFalse();
        assertThat(meshDefault.path("spec").path("mtls").path("enabledBackend").asText())
                .isEqualTo("ca-1");
        assertThat(meshDefault
                        .path("spec")
                        .path("mtls")
                        .path("backends")
                        .get(0)
                        .path("type")
                        .asText())
                .isEqualTo("builtin");
        assertThat(meshDefault.path("spec").has("creationTime")).isFalse();

        // the permissions: MeshTrafficPermission in the control plane's namespace with the mesh label,
        // TrafficPermission cluster-scoped with a top-level mesh field; allow-all-default was deleted
        ObjectNode mtp = one(docs, "MeshTrafficPermission", "demo-app-to-redis");
        assertThat(mtp.path("metadata").path("namespace").asText()).isEqualTo("kuma-system");
        assertThat(mtp.path("metadata").path("labels").path("kuma.io/mesh").asText())
                .isEqualTo("default");
        assertThat(mtp.path("spec").path("targetRef").path("name").asText()).isEqualTo("redis");
        assertThat(mtp.path("spec")
                        .path("from")
                        .get(0)
                        .path("default")
                        .path("action")
                        .asText())
                .isEqualTo("Allow");
        ObjectNode tp = one(docs, "TrafficPermission", "gateway-to-all");
        assertThat(tp.path("mesh").asText()).isEqualTo("default");
        assertThat(tp.path("metadata").has("namespace")).isFalse();
        assertThat(tp.path("spec")
                        .path("sources")
                        .get(0)
                        .path("match")
                        .path("kuma.io/service")
                        .asText())
                .isEqualTo("gateway");
        assertThat(ofKind(docs, "TrafficPermission"))
                .extracting(d -> d.path("metadata").path("name").asText())
                .doesNotContain("allow-all-default");
    }

    @Test
    void secretsAreKeptOnlyOnRequestAndNamespacesAreParameters() {
        String redacted = export(KubernetesOptions.defaults());
        assertThat(redacted).doesNotContain(GatewaySeed.KEY).contains("key: " + Secrets.PLACEHOLDER);

        List<ObjectNode> docs =
                documents(KubernetesOptions.defaults().withSecrets().inNamespaces("apps", "mesh-system"));
        assertThat(one(docs, "Secret", "demo-user-key-auth")
                        .path("stringData")
                        .path("key")
                        .asText())
                .isEqualTo(GatewaySeed.KEY);
        for (String kind : List.of("KongPlugin", "KongConsumer", "Secret", "Service", "Ingress")) {
            assertThat(ofKind(docs, kind))
                    .as(kind)
                    .isNotEmpty()
                    .allSatisfy(
                            d -> assertThat(d.path("metadata").path("namespace").asText())
                                    .isEqualTo("apps"));
        }
        assertThat(one(docs, "MeshTrafficPermission", "demo-app-to-redis")
                        .path("metadata")
                        .path("namespace")
                        .asText())
                .isEqualTo("mesh-system");
    }

    @Test
    void gatewayApiGivesHttpRoutesCarryingThePluginsAnnotation() {
        List<ObjectNode> docs = documents(KubernetesOptions.defaults().withGatewayApi());
        assertThat(ofKind(docs, "Ingress")).isEmpty();
        ObjectNode route = one(docs, "HTTPRoute", "demo-rt");
        assertThat(route.path("apiVersion").asText()).isEqualTo("gateway.networking.k8s.io/v1");
        assertThat(route.path("metadata")
                        .path("annotations")
                        .path("konghq.com/plugins")
                        .asText())
                .isEqualTo("demo-rt-key-auth");
        assertThat(route.path("spec").path("parentRefs").get(0).path("name").asText())
                .isEqualTo("kong");
        JsonNode rule = route.path("spec").path("rules").get(0);
        assertThat(rule.path("matches").get(0).path("path").path("type").asText())
                .isEqualTo("PathPrefix");
        assertThat(rule.path("matches").get(0).path("path").path("value").asText())
                .isEqualTo("/");
        assertThat(rule.path("backendRefs").get(0).path("name").asText()).isEqualTo("demo-app");
        assertThat(rule.path("backendRefs").get(0).path("port").asInt()).isEqualTo(80);
    }

    @Test
    void documentsAreOrderedByKindThenNameAndTheSameStateGivesTheSameBytes() {
        String first = export(KubernetesOptions.defaults());
        assertThat(export(KubernetesOptions.defaults())).isEqualTo(first);
        assertThat(first).startsWith("---\napiVersion: kuma.io/v1alpha1\nkind: Mesh\n");
        List<String> kinds = KubernetesYaml.read(first).stream()
                .map(d -> d.path("kind").asText())
                .toList();
        assertThat(kinds)
                .containsExactly(
                        "Mesh",
                        "MeshTrafficPermission",
                        "TrafficPermission",
                        "Secret",
                        "Secret",
                        "Service",
                        "KongClusterPlugin",
                        "KongPlugin",
                        "KongConsumer",
                        "Ingress");
        // annotation and label values stay strings in the text, as Kubernetes requires
        assertThat(first).contains("global: \"true\"", "konghq.com/strip-path: \"true\"");
    }

    @Test
    void everyCustomResourceIsValidAgainstItsCrd() throws Exception {
        Map<String, JsonSchema> schemas = CrdSchemas.load(); // skipped, saying why, where ../shared is absent
        List<ObjectNode> redacted = documents(KubernetesOptions.defaults());
        List<ObjectNode> all = new ArrayList<>(redacted);
        all.addAll(documents(KubernetesOptions.defaults().withSecrets().withGatewayApi()));
        int checked = 0;
        for (ObjectNode doc : all) {
            if (!CrdSchemas.isCustom(doc)) {
                continue; // built-in kinds and Gateway API have no CRD in ../shared
            }
            CrdSchemas.assertValid(schemas, doc);
            checked++;
        }
        assertThat(checked).isEqualTo(2 * 6); // KongPlugin, KongClusterPlugin, KongConsumer, Mesh, MTP, TP
        // the check has teeth: a field the CRD does not know, and a value outside an enum, are refused
        ObjectNode wrongPlugin = one(redacted, "KongPlugin", "demo-rt-key-auth").deepCopy();
        wrongPlugin.putObject("spec").put("plugin", "key-auth");
        assertThat(schemas.get("configuration.konghq.com/v1/KongPlugin").validate(wrongPlugin))
                .isNotEmpty();
        ObjectNode wrongMtp =
                one(redacted, "MeshTrafficPermission", "demo-app-to-redis").deepCopy();
        ((ObjectNode) wrongMtp.path("spec").path("from").get(0).path("default")).put("action", "Maybe");
        assertThat(schemas.get("kuma.io/v1alpha1/MeshTrafficPermission").validate(wrongMtp))
                .isNotEmpty();
        // CEL rules (x-kubernetes-validations) the JSON schema cannot check: a consumer names itself
        for (ObjectNode consumer : ofKind(all, "KongConsumer")) {
            assertThat(consumer.has("username") || consumer.has("custom_id")).isTrue();
        }
    }
}
