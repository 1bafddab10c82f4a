package dev.gatehouse.app.kubernetes.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import dev.gatehouse.app.kubernetes.testing.MeshMockCluster;
import dev.gatehouse.app.repository.mesh.DataplanePermissions;
import dev.gatehouse.app.repository.mesh.MeshEdit;
import dev.gatehouse.app.repository.mesh.MeshException;
import dev.gatehouse.app.repository.mesh.MeshResourceType;
import dev.gatehouse.app.repository.mesh.PermissionDecision;
import dev.gatehouse.app.repository.mesh.PermissionMatrix;
import dev.gatehouse.app.repository.mesh.PolicyRef;
import dev.gatehouse.app.repository.mesh.ServiceAccess;
import dev.gatehouse.app.testing.CrdSchemas;
import dev.gatehouse.app.testing.MeshSeed;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The seed walkthrough's mesh on Kubernetes (issue 17's acceptance): applied through the repository, the custom
 * resources kubectl would see are the seed's manifests, valid against Kuma's CRDs, and the permission matrix the
 * console computes over them is the walkthrough's.
 */
class KubernetesMeshSeedTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new YAMLMapper();

    private MeshMockCluster cluster;
    private KubernetesMeshRepository repository;

    @BeforeEach
    void seed() throws Exception {
        cluster = MeshMockCluster.start();
        repository = cluster.repository();
        cluster.kumaDefaults();
        cluster.dataplane("kong-5f6b", "gateway", 0, true);
        cluster.dataplane("demo-app-7d9c", "demo-app", 5000, false);
        cluster.dataplane("redis-0", "redis", 6379, false);
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private List<JsonNode> crs(String kind, String plural, boolean namespaced) throws Exception {
        var op = cluster.kuma(kind, plural, namespaced);
        List<GenericKubernetesResource> items =
                namespaced ? op.inAnyNamespace().list().getItems() : op.list().getItems();
        List<JsonNode> out = new java.util.ArrayList<>();
        for (GenericKubernetesResource r : items) {
            out.add(JSON.readTree(cluster.client().getKubernetesSerialization().asJson(r)));
        }
        return out;
    }

    private static JsonNode yaml(String text) throws Exception {
        return YAML.readTree(text);
    }

    @Test
    void theSeedIsStoredAsTheSeedsManifests() throws Exception {
        MeshSeed.seed(repository);

        List<JsonNode> meshes = crs("Mesh", "meshes", false);
        assertThat(meshes).hasSize(1);
        JsonNode mesh = meshes.get(0);
        assertThat(mesh.path("apiVersion").asText()).isEqualTo("kuma.io/v1alpha1");
        assertThat(mesh.path("kind").asText()).isEqualTo("Mesh");
        assertThat(mesh.path("metadata").path("name").asText()).isEqualTo("default");
        assertThat(mesh.path("spec")).isEqualTo(yaml("""
                mtls:
                  enabledBackend: ca-1
                  backends:
                  - name: ca-1
                    type: builtin
                """));

        List<JsonNode> mtps = crs("MeshTrafficPermission", "meshtrafficpermissions", true);
        assertThat(mtps).hasSize(1);
        JsonNode mtp = mtps.get(0);
        assertThat(mtp.path("apiVersion").asText()).isEqualTo("kuma.io/v1alpha1");
        assertThat(mtp.path("metadata").path("name").asText()).isEqualTo("demo-app-to-redis");
        assertThat(mtp.path("metadata").path("namespace").asText()).isEqualTo("kuma-system");
        assertThat(mtp.path("metadata").path("labels")).isEqualTo(yaml("kuma.io/mesh: default"));
        assertThat(mtp.path("spec")).isEqualTo(yaml("""
                targetRef:
                  kind: MeshService
                  name: redis
                from:
                - targetRef:
                    kind: MeshSubset
                    tags:
                      kuma.io/service: demo-app
                  default:
                    action: Allow
                """));

        List<JsonNode> tps = crs("TrafficPermission", "trafficpermissions", false);
        assertThat(tps)
                .as("allow-all-default deleted")
                .extracting(tp -> tp.path("metadata").path("name").asText())
                .containsExactly("gateway-to-all");
        JsonNode tp = tps.get(0);
        assertThat(tp.path("apiVersion").asText()).isEqualTo("kuma.io/v1alpha1");
        assertThat(tp.path("kind").asText()).isEqualTo("TrafficPermission");
        assertThat(tp.path("mesh").asText()).isEqualTo("default");
        assertThat(tp.path("metadata").has("namespace")).isFalse();
        assertThat(tp.path("spec")).isEqualTo(yaml("""
                sources:
                - match:
                    kuma.io/service: gateway
                destinations:
                - match:
                    kuma.io/service: '*'
                """));
    }

    @Test
    void theSeedsCustomResourcesAreValidAgainstKumasCrds() throws Exception {
        Map<String, JsonSchema> schemas = CrdSchemas.load(); // skipped, saying why, where ../shared is absent
        MeshSeed.seed(repository);
        int checked = 0;
        for (String[] type : new String[][] {
            {"Mesh", "meshes", "false"},
            {"MeshTrafficPermission", "meshtrafficpermissions", "true"},
            {"TrafficPermission", "trafficpermissions", "false"},
            {"Dataplane", "dataplanes", "true"}
        }) {
            for (JsonNode cr : crs(type[0], type[1], Boolean.parseBoolean(type[2]))) {
                CrdSchemas.assertValid(schemas, cr);
                checked++;
            }
        }
        assertThat(checked).isEqualTo(1 + 1 + 1 + 3);
    }

    @Test
    void theMatrixOverTheCustomResourcesIsTheWalkthroughs() throws Exception {
        PermissionMatrix before = repository.permissionMatrix("default").get(30, TimeUnit.SECONDS);
        assertThat(before.mtlsEnabled()).isFalse();
        assertThat(before.services()).containsExactly("demo-app", "gateway", "redis");
        assertThat(before.pair("redis", "demo-app").orElseThrow().access())
                .isEqualTo(ServiceAccess.Access.NOT_ENFORCED);

        MeshSeed.seed(repository);
        PermissionMatrix matrix = repository.permissionMatrix("default").get(30, TimeUnit.SECONDS);
        assertThat(matrix.source()).isEqualTo(PermissionMatrix.Source.CONSOLE_ENGINE);
        assertThat(matrix.mtlsEnabled()).isTrue();
        ServiceAccess gatewayToApp = matrix.pair("gateway", "demo-app").orElseThrow();
        assertThat(gatewayToApp.access()).isEqualTo(ServiceAccess.Access.ALLOWED);
        assertThat(gatewayToApp.policy()).contains(new PolicyRef("TrafficPermission", "gateway-to-all"));
        ServiceAccess appToRedis = matrix.pair("demo-app", "redis").orElseThrow();
        assertThat(appToRedis.access()).isEqualTo(ServiceAccess.Access.ALLOWED);
        assertThat(appToRedis.policy())
                .as("Kuma's name of a namespaced policy")
                .contains(new PolicyRef("MeshTrafficPermission", "demo-app-to-redis.kuma-system"));
        assertThat(matrix.pair("redis", "demo-app").orElseThrow().access()).isEqualTo(ServiceAccess.Access.DENIED);

        PermissionDecision decision =
                repository.decide("default", "redis", "demo-app").get(30, TimeUnit.SECONDS);
        assertThat(decision.allowed()).isFalse();
        assertThat(decision.verdict()).isEqualTo("Deny");

        // what-if without the MTP: redis falls back to gateway-to-all, which demo-app is not in
        PermissionMatrix preview = repository
                .previewMatrix(
                        "default",
                        List.of(MeshEdit.delete(
                                MeshResourceType.MESH_TRAFFIC_PERMISSION, "default", "demo-app-to-redis.kuma-system")))
                .get(30, TimeUnit.SECONDS);
        assertThat(preview.pair("demo-app", "redis").orElseThrow().access()).isEqualTo(ServiceAccess.Access.DENIED);
        assertThat(crs("MeshTrafficPermission", "meshtrafficpermissions", true))
                .as("a preview writes nothing")
                .hasSize(1);
    }

    @Test
    void aDataplanesInboundPermissionsAreComputedByTheEngine() throws Exception {
        MeshSeed.seed(repository);
        DataplanePermissions redis =
                repository.permissions("default", "redis-0.kuma-demo").get(30, TimeUnit.SECONDS);
        // What the data plane should get, not what it was seen to have: a lock-down waits the settle time on it.
        assertThat(redis.inspected()).isFalse();
        assertThat(redis.mtlsEnabled()).isTrue();
        assertThat(redis.inbounds()).singleElement().satisfies(in -> {
            assertThat(in.port()).isEqualTo(6379);
            assertThat(in.tags()).containsEntry("kuma.io/service", "redis");
            assertThat(in.mode()).isEqualTo("MESH_TRAFFIC_PERMISSION");
            assertThat(in.policies())
                    .containsExactly(new PolicyRef("MeshTrafficPermission", "demo-app-to-redis.kuma-system"));
            assertThat(in.rules()).singleElement().satisfies(rule -> {
                assertThat(rule.from()).isEqualTo(Map.of("kuma.io/service", "demo-app"));
                assertThat(rule.action()).isEqualTo("Allow");
            });
            assertThat(in.clients())
                    .filteredOn(c -> c.tags().equals(Map.of("kuma.io/service", "demo-app")))
                    .singleElement()
                    .satisfies(c -> assertThat(c.allowed()).isTrue());
        });

        ExecutionException missing = org.junit.jupiter.api.Assertions.assertThrows(
                ExecutionException.class,
                () -> repository.permissions("default", "redis-9.kuma-demo").get(30, TimeUnit.SECONDS));
        assertThat(missing.getCause())
                .isInstanceOf(MeshException.class)
                .hasMessage("Data plane redis-9.kuma-demo was not found in mesh default.");
    }
}
