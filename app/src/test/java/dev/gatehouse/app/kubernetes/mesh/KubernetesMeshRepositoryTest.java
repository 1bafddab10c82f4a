package dev.gatehouse.app.kubernetes.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.gatehouse.app.kubernetes.testing.MeshMockCluster;
import dev.gatehouse.app.pages.dataplanes.DataplaneRow;
import dev.gatehouse.app.repository.mesh.MeshCapabilities;
import dev.gatehouse.app.repository.mesh.MeshChange;
import dev.gatehouse.app.repository.mesh.MeshEdit;
import dev.gatehouse.app.repository.mesh.MeshException;
import dev.gatehouse.app.repository.mesh.MeshResourceType;
import dev.gatehouse.app.repository.mesh.MeshWatch;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The mesh repository over Kuma's custom resources, against Fabric8's mock API server over HTTPS: each type written
 * through the repository is checked as the custom resource kubectl would see, each written with the plain client is
 * read back as Kuma's Universal JSON, and the API server's refusals come back as sentences.
 */
class KubernetesMeshRepositoryTest {

    private static final ObjectMapper YAML = new YAMLMapper();
    private static final ObjectMapper JSON = new ObjectMapper();

    private MeshMockCluster cluster;
    private KubernetesMeshRepository repository;

    @BeforeEach
    void start() {
        cluster = MeshMockCluster.start();
        repository = cluster.repository();
        cluster.kumaDefaults();
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private static ObjectNode yaml(String text) throws Exception {
        return (ObjectNode) YAML.readTree(text);
    }

    private static <T> T done(CompletableFuture<T> future) throws Exception {
        return future.get(30, TimeUnit.SECONDS);
    }

    private static MeshException refusal(CompletableFuture<?> future) {
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(
                ExecutionException.class, () -> future.get(30, TimeUnit.SECONDS));
        assertThat(e.getCause()).isInstanceOf(MeshException.class);
        return (MeshException) e.getCause();
    }

    private JsonNode plain(String kind, String plural, boolean namespaced, String namespace, String name)
            throws Exception {
        var op = cluster.kuma(kind, plural, namespaced);
        GenericKubernetesResource r = namespaced
                ? op.inNamespace(namespace).withName(name).get()
                : op.withName(name).get();
        return r == null
                ? null
                : JSON.readTree(cluster.client().getKubernetesSerialization().asJson(r));
    }

    @Test
    void aMeshIsAClusterScopedCustomResourceWithItsUniversalBodyUnderSpec() throws Exception {
        done(repository.apply(MeshEdit.put(MeshResourceType.MESH, yaml("""
                type: Mesh
                name: prod
                labels:
                  team: payments
                mtls:
                  enabledBackend: ca-1
                  backends:
                  - name: ca-1
                    type: builtin
                """))));

        JsonNode cr = plain("Mesh", "meshes", false, null, "prod");
        assertThat(cr.path("apiVersion").asText()).isEqualTo("kuma.io/v1alpha1");
        assertThat(cr.path("metadata").has("namespace")).isFalse();
        assertThat(cr.path("metadata").path("labels").path("team").asText()).isEqualTo("payments");
        assertThat(cr.path("spec").path("mtls").path("enabledBackend").asText()).isEqualTo("ca-1");
        assertThat(cr.path("spec").has("name")).isFalse();

        ObjectNode read =
                done(repository.find(MeshResourceType.MESH, "", "prod")).orElseThrow();
        assertThat(read.path("type").asText()).isEqualTo("Mesh");
        assertThat(read.has("mesh")).isFalse();
        assertThat(read.has("spec")).as("old-style: the body inline").isFalse();
        assertThat(read.path("mtls").path("backends").get(0).path("type").asText())
                .isEqualTo("builtin");
        assertThat(read.path("labels").path("team").asText()).isEqualTo("payments");
        assertThat(read.path("labels").path("kuma.io/display-name").asText()).isEqualTo("prod");
        assertThat(read.path("creationTime").asText()).isNotEmpty();
        assertThat(done(repository.meshes()))
                .extracting(m -> m.path("name").asText())
                .containsExactly("default", "prod");

        // a fetched resource put back changed replaces the object; Kuma's display name stays no annotation
        read.remove("mtls");
        done(repository.apply(MeshEdit.put(MeshResourceType.MESH, read)));
        cr = plain("Mesh", "meshes", false, null, "prod");
        assertThat(cr.path("spec").has("mtls")).isFalse();
        assertThat(cr.path("spec").has("creationTime")).isFalse();
        assertThat(cr.path("metadata").path("annotations").has("kuma.io/display-name"))
                .isFalse();

        done(repository.apply(MeshEdit.delete(MeshResourceType.MESH, "", "prod")));
        assertThat(plain("Mesh", "meshes", false, null, "prod")).isNull();
        assertThat(done(repository.find(MeshResourceType.MESH, "", "prod"))).isEmpty();
        MeshException again = refusal(repository.apply(MeshEdit.delete(MeshResourceType.MESH, "", "prod")));
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.getMessage()).isEqualTo("Mesh prod was not found.");
    }

    @Test
    void aMeshTrafficPermissionLivesInTheControlPlaneNamespaceWithTheMeshLabel() throws Exception {
        done(repository.apply(MeshEdit.put(MeshResourceType.MESH_TRAFFIC_PERMISSION, yaml("""
                type: MeshTrafficPermission
                mesh: default
                name: allow-web
                spec:
                  targetRef:
                    kind: MeshService
                    name: api
                  from:
                  - targetRef:
                      kind: MeshSubset
                      tags:
                        kuma.io/service: web
                    default:
                      action: Allow
                """))));

        JsonNode cr = plain("MeshTrafficPermission", "meshtrafficpermissions", true, "kuma-system", "allow-web");
        assertThat(cr).as("in the control plane's namespace").isNotNull();
        assertThat(cr.path("metadata").path("labels").path("kuma.io/mesh").asText())
                .isEqualTo("default");
        assertThat(cr.has("mesh")).as("new-style: the mesh is a label").isFalse();
        assertThat(cr.path("spec").path("targetRef").path("name").asText()).isEqualTo("api");

        // Kuma names a namespaced object <name>.<namespace> (pkg/util/k8s/name_converter.go)
        List<ObjectNode> listed = done(repository.policies("default", MeshResourceType.MESH_TRAFFIC_PERMISSION));
        assertThat(listed).hasSize(1);
        ObjectNode read = listed.get(0);
        assertThat(read.path("name").asText()).isEqualTo("allow-web.kuma-system");
        assertThat(read.path("mesh").asText()).isEqualTo("default");
        assertThat(read.path("labels").path("kuma.io/mesh").asText()).isEqualTo("default");
        assertThat(read.path("spec")
                        .path("from")
                        .get(0)
                        .path("default")
                        .path("action")
                        .asText())
                .isEqualTo("Allow");
        assertThat(done(repository.find(MeshResourceType.MESH_TRAFFIC_PERMISSION, "default", "allow-web.kuma-system")))
                .isPresent();
        assertThat(done(repository.find(MeshResourceType.MESH_TRAFFIC_PERMISSION, "other", "allow-web.kuma-system")))
                .as("of another mesh")
                .isEmpty();
        assertThat(done(repository.policies("other", MeshResourceType.MESH_TRAFFIC_PERMISSION)))
                .isEmpty();

        // a policy applied with kubectl in an application namespace is the same kind of object
        GenericKubernetesResource scoped = new GenericKubernetesResource();
        scoped.setApiVersion("kuma.io/v1alpha1");
        scoped.setKind("MeshTrafficPermission");
        scoped.setMetadata(new ObjectMetaBuilder()
                .withName("kv")
                .withNamespace(MeshMockCluster.APPS)
                .withLabels(Map.of("kuma.io/mesh", "default"))
                .build());
        scoped.setAdditionalProperty("spec", Map.of("targetRef", Map.of("kind", "Mesh")));
        cluster.kuma("MeshTrafficPermission", "meshtrafficpermissions", true)
                .inNamespace(MeshMockCluster.APPS)
                .resource(scoped)
                .create();
        assertThat(done(repository.policies("default", MeshResourceType.MESH_TRAFFIC_PERMISSION)))
                .extracting(p -> p.path("name").asText())
                .containsExactly("allow-web.kuma-system", "kv.kuma-demo");

        // the read form put back (name with its namespace) updates the same object
        ((ObjectNode) read.withObjectProperty("spec").withArrayProperty("from").get(0))
                .withObjectProperty("default")
                .put("action", "Deny");
        done(repository.apply(MeshEdit.put(MeshResourceType.MESH_TRAFFIC_PERMISSION, read)));
        cr = plain("MeshTrafficPermission", "meshtrafficpermissions", true, "kuma-system", "allow-web");
        assertThat(cr.path("spec")
                        .path("from")
                        .get(0)
                        .path("default")
                        .path("action")
                        .asText())
                .isEqualTo("Deny");
        assertThat(plain(
                        "MeshTrafficPermission",
                        "meshtrafficpermissions",
                        true,
                        "kuma-system",
                        "allow-web.kuma-system"))
                .isNull();

        done(repository.apply(MeshEdit.delete(MeshResourceType.MESH_TRAFFIC_PERMISSION, "default", "kv.kuma-demo")));
        assertThat(plain("MeshTrafficPermission", "meshtrafficpermissions", true, MeshMockCluster.APPS, "kv"))
                .isNull();
        assertThat(refusal(repository.apply(
                                MeshEdit.delete(MeshResourceType.MESH_TRAFFIC_PERMISSION, "other", "allow-web")))
                        .status())
                .as("not of that mesh")
                .isEqualTo(404);
    }

    @Test
    void aTrafficPermissionIsClusterScopedWithTheMeshAtTheTopLevel() throws Exception {
        done(repository.apply(MeshEdit.put(MeshResourceType.TRAFFIC_PERMISSION, yaml("""
                type: TrafficPermission
                mesh: default
                name: web-to-api
                sources:
                - match:
                    kuma.io/service: web
                destinations:
                - match:
                    kuma.io/service: api
                """))));

        JsonNode cr = plain("TrafficPermission", "trafficpermissions", false, null, "web-to-api");
        assertThat(cr.path("mesh").asText()).isEqualTo("default");
        assertThat(cr.path("metadata").has("namespace")).isFalse();
        assertThat(cr.path("spec")
                        .path("sources")
                        .get(0)
                        .path("match")
                        .path("kuma.io/service")
                        .asText())
                .isEqualTo("web");

        assertThat(done(repository.policies("default", MeshResourceType.TRAFFIC_PERMISSION)))
                .extracting(p -> p.path("name").asText())
                .containsExactly("allow-all-default", "web-to-api");
        ObjectNode read = done(repository.find(MeshResourceType.TRAFFIC_PERMISSION, "default", "web-to-api"))
                .orElseThrow();
        assertThat(read.path("mesh").asText()).isEqualTo("default");
        assertThat(read.path("destinations")
                        .get(0)
                        .path("match")
                        .path("kuma.io/service")
                        .asText())
                .isEqualTo("api");
        assertThat(read.has("spec")).isFalse();

        done(repository.apply(MeshEdit.delete(MeshResourceType.TRAFFIC_PERMISSION, "default", "web-to-api")));
        assertThat(plain("TrafficPermission", "trafficpermissions", false, null, "web-to-api"))
                .isNull();
    }

    @Test
    void dataplanesAreReadFromEveryNamespaceAndNeverWritten() throws Exception {
        cluster.dataplane("demo-app-7d9c", "demo-app", 5000, false);
        cluster.dataplane("kong-5f6b", "gateway", 0, true);

        List<ObjectNode> overviews = done(repository.dataplanes("default"));
        assertThat(overviews)
                .extracting(o -> o.path("name").asText())
                .containsExactly("demo-app-7d9c.kuma-demo", "kong-5f6b.kuma-demo");
        ObjectNode app = overviews.get(0);
        assertThat(app.path("type").asText()).isEqualTo("DataplaneOverview");
        DataplaneRow row = DataplaneRow.of("default", app);
        assertThat(row.services()).containsExactly("demo-app");
        assertThat(row.inbounds())
                .singleElement()
                .satisfies(in -> assertThat(in.port()).isEqualTo(5000));
        assertThat(DataplaneRow.of("default", overviews.get(1)).gateway()).contains("DELEGATED");
        assertThat(done(repository.dataplanes("other"))).isEmpty();

        ObjectNode changed = done(repository.find(MeshResourceType.DATAPLANE, "default", "demo-app-7d9c.kuma-demo"))
                .orElseThrow();
        assertThat(changed.path("networking")
                        .path("inbound")
                        .get(0)
                        .path("port")
                        .asInt())
                .isEqualTo(5000);
        changed.withObjectProperty("networking").put("address", "10.0.0.1");
        MeshException put = refusal(repository.apply(MeshEdit.put(MeshResourceType.DATAPLANE, changed)));
        assertThat(put.status()).isEqualTo(405);
        assertThat(put.getMessage())
                .isEqualTo("Data plane demo-app-7d9c.kuma-demo is read-only on Kubernetes: Kuma generates it from"
                        + " its Pod, so change the Pod, its Deployment or its Service instead.");
        assertThat(refusal(repository.apply(
                                MeshEdit.delete(MeshResourceType.DATAPLANE, "default", "demo-app-7d9c.kuma-demo")))
                        .status())
                .isEqualTo(405);
        assertThat(plain("Dataplane", "dataplanes", true, MeshMockCluster.APPS, "demo-app-7d9c")
                        .path("spec")
                        .path("networking")
                        .path("address")
                        .asText())
                .isNotEqualTo("10.0.0.1");
    }

    @Test
    void capabilitiesAreTheServedKumaTypesWritableButDataplanes() throws Exception {
        MeshCapabilities capabilities = done(repository.capabilities());
        assertThat(capabilities.readOnly()).isFalse();
        assertThat(capabilities.meshTrafficPermission()).isTrue();
        assertThat(capabilities.resourceTypes())
                .as("MeshAccessLog's CRD is not installed on this cluster")
                .containsExactly(
                        MeshResourceType.MESH,
                        MeshResourceType.DATAPLANE,
                        MeshResourceType.TRAFFIC_PERMISSION,
                        MeshResourceType.MESH_TRAFFIC_PERMISSION);
    }

    @Test
    void aWatchSeesAMeshTrafficPermissionAppliedBesideTheConsole() throws Exception {
        LinkedBlockingQueue<MeshChange> changes = new LinkedBlockingQueue<>();
        List<Thread> threads = new CopyOnWriteArrayList<>();
        List<Throwable> ends = new CopyOnWriteArrayList<>();
        try (MeshWatch watch = repository.watch(
                Set.of(MeshResourceType.MESH_TRAFFIC_PERMISSION),
                "default",
                change -> {
                    threads.add(Thread.currentThread());
                    changes.add(change);
                },
                ends::add)) {
            assertThat(done(watch.opened())).isNotNegative();

            for (String mesh : List.of("other", "default")) {
                GenericKubernetesResource mtp = new GenericKubernetesResource();
                mtp.setApiVersion("kuma.io/v1alpha1");
                mtp.setKind("MeshTrafficPermission");
                mtp.setMetadata(new ObjectMetaBuilder()
                        .withName("allow-" + mesh)
                        .withNamespace("kuma-system")
                        .withLabels(Map.of("kuma.io/mesh", mesh))
                        .build());
                mtp.setAdditionalProperty(
                        "spec",
                        Map.of(
                                "targetRef",
                                Map.of("kind", "Mesh"),
                                "from",
                                List.of(Map.of(
                                        "targetRef", Map.of("kind", "Mesh"), "default", Map.of("action", "Allow")))));
                cluster.kuma("MeshTrafficPermission", "meshtrafficpermissions", true)
                        .inNamespace("kuma-system")
                        .resource(mtp)
                        .create();
            }

            MeshChange created = changes.poll(30, TimeUnit.SECONDS);
            assertThat(created).as("a change within 30 s").isNotNull();
            assertThat(created.operation()).isEqualTo(MeshChange.Operation.CREATE);
            assertThat(created.type()).isEqualTo("MeshTrafficPermission");
            assertThat(created.mesh()).isEqualTo("default");
            assertThat(created.name()).as("only mesh default's").isEqualTo("allow-default.kuma-system");
            assertThat(created.resource()
                            .orElseThrow()
                            .path("spec")
                            .path("targetRef")
                            .path("kind")
                            .asText())
                    .isEqualTo("Mesh");
            assertThat(threads.get(0).isVirtual())
                    .as("delivered on the repository's executor (virtual threads here), not Fabric8's")
                    .isTrue();

            cluster.kuma("MeshTrafficPermission", "meshtrafficpermissions", true)
                    .inNamespace("kuma-system")
                    .withName("allow-default")
                    .delete();
            MeshChange deleted = changes.poll(30, TimeUnit.SECONDS);
            assertThat(deleted).isNotNull();
            assertThat(deleted.operation()).isEqualTo(MeshChange.Operation.DELETE);
            assertThat(deleted.name()).isEqualTo("allow-default.kuma-system");
            assertThat(deleted.resource()).isEmpty();
        }
        assertThat(ends).as("closed, not ended").isEmpty();
    }

    @Test
    void aConflictAndAForbiddenWriteAreSentences() throws Exception {
        Status conflict = new StatusBuilder()
                .withStatus("Failure")
                .withCode(409)
                .withReason("Conflict")
                .withMessage("Operation cannot be fulfilled on meshes.kuma.io \"default\": the object has been"
                        + " modified; please apply your changes to the latest version and try again")
                .build();
        cluster.server()
                .expect()
                .put()
                .withPath("/apis/kuma.io/v1alpha1/meshes/default")
                .andReturn(409, conflict)
                .once();
        ObjectNode mesh =
                done(repository.find(MeshResourceType.MESH, "", "default")).orElseThrow();
        MeshException changed = refusal(repository.apply(MeshEdit.put(MeshResourceType.MESH, mesh)));
        assertThat(changed.status()).isEqualTo(409);
        assertThat(changed.getMessage())
                .isEqualTo("meshes.kuma.io default was changed by someone else since it was read: reload and try"
                        + " again.");

        Status forbidden = new StatusBuilder()
                .withStatus("Failure")
                .withCode(403)
                .withReason("Forbidden")
                .withMessage("meshtrafficpermissions.kuma.io is forbidden: User \"dev\" cannot create resource"
                        + " \"meshtrafficpermissions\" in API group \"kuma.io\" in the namespace \"kuma-system\"")
                .build();
        cluster.server()
                .expect()
                .post()
                .withPath("/apis/kuma.io/v1alpha1/namespaces/kuma-system/meshtrafficpermissions")
                .andReturn(403, forbidden)
                .once();
        MeshException denied = refusal(
                repository.apply(
                        MeshEdit.put(
                                MeshResourceType.MESH_TRAFFIC_PERMISSION,
                                yaml(
                                        "{type: MeshTrafficPermission, mesh: default, name: allow-web, spec: {targetRef: {kind: Mesh}}}"))));
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.getMessage())
                .isEqualTo("Kubernetes forbids this account to create meshtrafficpermissions.kuma.io in namespace"
                        + " kuma-system (RBAC): ask a cluster administrator for a Role that allows it.");
    }

    @Test
    void validationIsAServerSideDryRunAndTheWebhooksRefusalNamesTheFields() throws Exception {
        Status rejected = new StatusBuilder()
                .withStatus("Failure")
                .withCode(422)
                .withReason("Invalid")
                .withMessage("admission webhook \"validator.kuma-admission.kuma.io\" denied the request:"
                        + " spec.from[0].default.action: must be one of Allow, Deny, AllowWithShadowDeny")
                .withNewDetails()
                .withName("allow-web")
                .withKind("MeshTrafficPermission")
                .addNewCause()
                .withReason("FieldValueInvalid")
                .withField("spec.from[0].default.action")
                .withMessage("must be one of Allow, Deny, AllowWithShadowDeny")
                .endCause()
                .endDetails()
                .build();
        cluster.server()
                .expect()
                .post()
                .withPath("/apis/kuma.io/v1alpha1/namespaces/kuma-system/meshtrafficpermissions?dryRun=All")
                .andReturn(422, rejected)
                .once();
        ObjectNode wrong = yaml("""
                type: MeshTrafficPermission
                mesh: default
                name: allow-web
                spec:
                  targetRef:
                    kind: Mesh
                  from:
                  - targetRef:
                      kind: Mesh
                    default:
                      action: Maybe
                """);
        MeshException refused = refusal(repository.validate(wrong));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.getMessage())
                .isEqualTo("Kuma's admission webhook rejected meshtrafficpermissions.kuma.io allow-web:"
                        + " spec.from[0].default.action: must be one of Allow, Deny, AllowWithShadowDeny");
        assertThat(refused.fieldErrors())
                .containsExactly(
                        Map.entry("spec.from[0].default.action", "must be one of Allow, Deny, AllowWithShadowDeny"));
        assertThat(plain("MeshTrafficPermission", "meshtrafficpermissions", true, "kuma-system", "allow-web"))
                .isNull();
    }

    @Test
    void anUnservedTypeIsASentence() {
        // what a real API server answers for a resource whose CRD is not installed (the mock lists anything)
        cluster.server()
                .expect()
                .get()
                .withPath("/apis/kuma.io/v1alpha1/meshaccesslogs")
                .andReturn(
                        404,
                        new StatusBuilder()
                                .withStatus("Failure")
                                .withCode(404)
                                .withReason("NotFound")
                                .withMessage("the server could not find the requested resource")
                                .build())
                .once();
        MeshException none = refusal(repository.policies("default", MeshResourceType.MESH_ACCESS_LOG));
        assertThat(none.status()).isEqualTo(404);
        assertThat(none.getMessage())
                .isEqualTo("The cluster serves no meshaccesslogs.kuma.io: its custom resource definition is not"
                        + " installed (is Kuma installed, and this version of it?).");
        MeshException unknown = refusal(repository.apply(
                MeshEdit.delete(new MeshResourceType("CircuitBreaker", "circuit-breakers", true), "default", "cb")));
        assertThat(unknown.getMessage())
                .isEqualTo("CircuitBreaker is not stored as a custom resource by Kuma on Kubernetes.");
    }
}
