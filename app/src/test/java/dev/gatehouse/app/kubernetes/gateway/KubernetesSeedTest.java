package dev.gatehouse.app.kubernetes.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import dev.gatehouse.app.declarative.kubernetes.KubernetesExporter;
import dev.gatehouse.app.declarative.kubernetes.KubernetesOptions;
import dev.gatehouse.app.declarative.kubernetes.KubernetesYaml;
import dev.gatehouse.app.kubernetes.testing.GatewayMockCluster;
import dev.gatehouse.app.testing.CrdSchemas;
import dev.gatehouse.app.testing.GatewaySeed;
import dev.gatehouse.app.testing.TestGateway;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17's acceptance: the seed walkthrough's gateway made through the repository on Kubernetes is the objects
 * the seed's manifests describe: a KongPlugin key-auth reading {@code apiKey} named on the route's Ingress, a
 * KongConsumer with its key Secret. The same seed on the embedded gateway, exported as manifests, gives the same
 * objects; and every custom resource is valid against its CRD from {@code ../shared}.
 */
class KubernetesSeedTest {

    private static final String NS = GatewayMockCluster.NAMESPACE;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static GatewayMockCluster cluster;
    private static TestGateway embedded;

    @BeforeAll
    static void seed() {
        cluster = GatewayMockCluster.start();
        embedded = TestGateway.start(dir.resolve("gateway"));
        // The embedded gateway answers for schemas, as a Kong Admin API would beside the cluster.
        GatewaySeed.seed(cluster.repository(Optional.of(embedded.repository())));
        GatewaySeed.seed(embedded.repository());
    }

    @AfterAll
    static void stop() {
        cluster.close();
        embedded.close();
    }

    @Test
    void theSeedIsAKeyAuthKongPluginOnTheRoutesIngressAndAKongConsumerWithItsKeySecret() {
        KubernetesClient client = cluster.client();

        ObjectNode plugin = json(client.genericKubernetesResources(kong("kongplugins", "KongPlugin", true))
                .inNamespace(NS)
                .withName("demo-rt-key-auth")
                .get());
        assertThat(plugin.path("apiVersion").asText()).isEqualTo("configuration.konghq.com/v1");
        assertThat(plugin.path("kind").asText()).isEqualTo("KongPlugin");
        assertThat(plugin.path("plugin").asText()).isEqualTo("key-auth");
        assertThat(plugin.path("config").path("key_names"))
                .extracting(JsonNode::asText)
                .containsExactly("apiKey");

        var ingress = client.network()
                .v1()
                .ingresses()
                .inNamespace(NS)
                .withName("demo-rt")
                .get();
        assertThat(ingress.getApiVersion()).isEqualTo("networking.k8s.io/v1");
        assertThat(ingress.getSpec().getIngressClassName()).isEqualTo("kong");
        assertThat(ingress.getMetadata().getAnnotations()).containsEntry("konghq.com/plugins", "demo-rt-key-auth");
        var path = ingress.getSpec().getRules().getFirst().getHttp().getPaths().getFirst();
        assertThat(path.getPath()).isEqualTo("/");
        assertThat(path.getBackend().getService().getName()).isEqualTo("demo-app");

        ObjectNode consumer = json(client.genericKubernetesResources(kong("kongconsumers", "KongConsumer", true))
                .inNamespace(NS)
                .withName("demo-user")
                .get());
        assertThat(consumer.path("kind").asText()).isEqualTo("KongConsumer");
        assertThat(consumer.path("username").asText()).isEqualTo("demo-user");
        assertThat(consumer.path("metadata")
                        .path("annotations")
                        .path("kubernetes.io/ingress.class")
                        .asText())
                .isEqualTo("kong");
        assertThat(consumer.path("credentials"))
                .extracting(JsonNode::asText)
                .containsExactly("demo-user-key-auth", "demo-user-acl-demo");

        var secret =
                client.secrets().inNamespace(NS).withName("demo-user-key-auth").get();
        assertThat(secret.getMetadata().getLabels()).containsEntry("konghq.com/credential", "key-auth");
        assertThat(secret.getData())
                .containsEntry(
                        "key", Base64.getEncoder().encodeToString(GatewaySeed.KEY.getBytes(StandardCharsets.UTF_8)));

        var cors = client.genericKubernetesResources(kong("kongclusterplugins", "KongClusterPlugin", false))
                .withName("cors")
                .get();
        assertThat(cors.getMetadata().getLabels()).containsEntry("global", "true");
    }

    /**
     * What the Kubernetes export writes for the seed, the repository made: same labels, annotations and body for
     * each object, but for defaults Kong fills in a plugin's config (the export keeps them, the repository writes
     * what it was given) and a Secret's value, which the export writes as stringData.
     */
    @Test
    void theObjectsAreTheOnesTheKubernetesExportWritesForTheSameSeed() throws Exception {
        String yaml = KubernetesExporter.export(
                Optional.of(embedded.repository()),
                Optional.empty(),
                KubernetesOptions.defaults().withSecrets().inNamespaces(NS, "kuma-system"));
        List<ObjectNode> exported = KubernetesYaml.read(yaml);
        assertThat(exported)
                .extracting(d -> d.path("kind").asText())
                .contains("Service", "Ingress", "KongPlugin", "KongClusterPlugin", "KongConsumer", "Secret");

        for (ObjectNode document : exported) {
            String kind = document.path("kind").asText();
            String name = document.path("metadata").path("name").asText();
            ObjectNode made = made(kind, name);
            assertThat(made)
                    .as(kind + " " + name + " made through the repository")
                    .isNotNull();
            assertThat(made.path("apiVersion")).isEqualTo(document.path("apiVersion"));
            for (String field : List.of("labels", "annotations")) {
                assertThat(made.path("metadata").path(field))
                        .as(kind + " " + name + " " + field)
                        .isEqualTo(document.path("metadata").path(field));
            }
            ObjectNode expected = body(document);
            ObjectNode actual = body(made);
            if (kind.equals("Secret")) {
                JsonNode plain = expected.remove("stringData");
                ObjectNode data = expected.putObject("data");
                plain.properties()
                        .forEach(e -> data.put(
                                e.getKey(),
                                Base64.getEncoder()
                                        .encodeToString(e.getValue().asText().getBytes(StandardCharsets.UTF_8))));
            }
            if (kind.startsWith("Kong") && kind.endsWith("Plugin")) {
                actual.path("config")
                        .properties()
                        .forEach(e -> assertThat(e.getValue())
                                .as(kind + " " + name + " config." + e.getKey())
                                .isEqualTo(expected.path("config").get(e.getKey())));
                expected.remove("config");
                actual.remove("config");
            }
            assertThat(actual).as(kind + " " + name).isEqualTo(expected);
        }
    }

    @Test
    void everyCustomResourceMadeIsValidAgainstItsCrd() throws Exception {
        Map<String, JsonSchema> schemas = CrdSchemas.load();
        KubernetesClient client = cluster.client();
        List<GenericKubernetesResource> made = new java.util.ArrayList<>();
        made.addAll(client.genericKubernetesResources(kong("kongplugins", "KongPlugin", true))
                .inNamespace(NS)
                .list()
                .getItems());
        made.addAll(client.genericKubernetesResources(kong("kongconsumers", "KongConsumer", true))
                .inNamespace(NS)
                .list()
                .getItems());
        made.addAll(client.genericKubernetesResources(kong("kongclusterplugins", "KongClusterPlugin", false))
                .list()
                .getItems());
        assertThat(made).hasSize(3);
        for (GenericKubernetesResource resource : made) {
            ObjectNode document = json(resource);
            // What the API server adds (uid, resourceVersion, creationTimestamp) is the server's, not the CRD's.
            ObjectNode metadata = (ObjectNode) document.get("metadata");
            metadata.retain("name", "namespace", "labels", "annotations");
            CrdSchemas.assertValid(schemas, document);
        }
    }

    /** The object the repository made of {@code kind} and {@code name}, as JSON; null when there is none. */
    private static ObjectNode made(String kind, String name) {
        KubernetesClient client = cluster.client();
        Object found = switch (kind) {
            case "Service" -> client.services().inNamespace(NS).withName(name).get();
            case "Ingress" ->
                client.network().v1().ingresses().inNamespace(NS).withName(name).get();
            case "Secret" -> client.secrets().inNamespace(NS).withName(name).get();
            case "KongPlugin" ->
                client.genericKubernetesResources(kong("kongplugins", kind, true))
                        .inNamespace(NS)
                        .withName(name)
                        .get();
            case "KongConsumer" ->
                client.genericKubernetesResources(kong("kongconsumers", kind, true))
                        .inNamespace(NS)
                        .withName(name)
                        .get();
            case "KongClusterPlugin" ->
                client.genericKubernetesResources(kong("kongclusterplugins", kind, false))
                        .withName(name)
                        .get();
            default -> throw new AssertionError("unexpected kind " + kind);
        };
        return found == null ? null : json(found);
    }

    /** Everything but metadata and the server's status. */
    private static ObjectNode body(ObjectNode document) {
        ObjectNode body = document.deepCopy();
        body.remove(List.of("apiVersion", "kind", "metadata", "status"));
        return body;
    }

    private static ObjectNode json(Object resource) {
        try {
            ObjectNode node = (ObjectNode)
                    JSON.readTree(cluster.client().getKubernetesSerialization().asJson(resource));
            node.remove("status");
            return node;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static ResourceDefinitionContext kong(String plural, String kind, boolean namespaced) {
        return KubernetesGatewayRepositoryTest.context(plural, kind, namespaced);
    }
}
