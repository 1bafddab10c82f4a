package dev.gatehouse.app.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.kubernetes.cluster.MockCluster;
import dev.gatehouse.app.kubernetes.portforward.ClusterForward;
import dev.gatehouse.app.kubernetes.portforward.ForwardState;
import dev.gatehouse.app.kubernetes.testing.ApiDiscovery;
import dev.gatehouse.app.kubernetes.testing.KongAdminFixture;
import dev.gatehouse.app.page.PageViewModel;
import dev.gatehouse.app.pages.services.ServicesPage;
import dev.gatehouse.app.repository.gateway.EntityKind;
import dev.gatehouse.app.repository.gateway.GatewayException;
import dev.gatehouse.app.repository.mesh.MeshResourceType;
import dev.gatehouse.app.secret.FileSecretStore;
import dev.gatehouse.app.testing.GatewaySeed;
import dev.gatehouse.app.testing.MeshSeed;
import dev.gatehouse.app.testing.TestConnections;
import dev.gatehouse.gateway.Gateway;
import dev.gatehouse.gateway.GatewayConfig;
import dev.gatehouse.gateway.RunningGateway;
import dev.gatehouse.gateway.listen.ListenSpec;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Kubernetes profile as the wizard saves it, connected like any other through {@link ActiveConnection}: the
 * gateway and mesh repositories over the cluster's custom resources (offered only when the cluster serves them),
 * the seed written through them as the pages would write it, and a pasted kubeconfig lost from the secret store
 * refused with a sentence; Kong's schemas read through a port-forward to KIC's admin Service, or a 501 saying what
 * was looked for. Against Fabric8's mock API server over HTTPS, trusted through its CA file, its pods' port-forwards
 * bridged to the embedded gateway's TLS Admin API.
 */
class KubernetesConnectionTest {

    @TempDir
    Path dir;

    private MockCluster cluster;

    @BeforeEach
    void start() throws Exception {
        cluster = new MockCluster("1", "31");
        cluster.writeCertificate(dir.resolve("ca.crt"));
        for (String[] crd : new String[][] {
            {"kuma.io", "Mesh", "meshes", "Cluster"},
            {"kuma.io", "Dataplane", "dataplanes", "Namespaced"},
            {"kuma.io", "TrafficPermission", "trafficpermissions", "Cluster"},
            {"kuma.io", "MeshTrafficPermission", "meshtrafficpermissions", "Namespaced"},
            {"configuration.konghq.com", "KongPlugin", "kongplugins", "Namespaced"},
            {"configuration.konghq.com", "KongClusterPlugin", "kongclusterplugins", "Cluster"},
            {"configuration.konghq.com", "KongConsumer", "kongconsumers", "Namespaced"}
        }) {
            cluster.server()
                    .expectCustomResource(new CustomResourceDefinitionContext.Builder()
                            .withGroup(crd[0])
                            .withVersion(crd[0].equals("kuma.io") ? "v1alpha1" : "v1")
                            .withKind(crd[1])
                            .withPlural(crd[2])
                            .withScope(crd[3])
                            .build());
        }
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private void serve(String group, String version) {
        ApiDiscovery.serve(cluster.server(), group, version);
    }

    /** What Kuma creates on start: mesh default and its allow-all TrafficPermission (pkg/defaults/mesh). */
    private void kumaDefaults() {
        try (KubernetesClient admin = cluster.admin()) {
            admin.genericKubernetesResources("kuma.io/v1alpha1", "Mesh")
                    .resource(new io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder()
                            .withApiVersion("kuma.io/v1alpha1")
                            .withKind("Mesh")
                            .withNewMetadata()
                            .withName("default")
                            .endMetadata()
                            .build())
                    .create();
            GenericKubernetesResource allowAll = new io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder()
                    .withApiVersion("kuma.io/v1alpha1")
                    .withKind("TrafficPermission")
                    .withNewMetadata()
                    .withName("allow-all-default")
                    .endMetadata()
                    .build();
            allowAll.setAdditionalProperty("mesh", "default");
            allowAll.setAdditionalProperty(
                    "spec",
                    java.util.Map.of(
                            "sources",
                            List.of(java.util.Map.of("match", java.util.Map.of("kuma.io/service", "*"))),
                            "destinations",
                            List.of(java.util.Map.of("match", java.util.Map.of("kuma.io/service", "*")))));
            admin.genericKubernetesResources("kuma.io/v1alpha1", "TrafficPermission")
                    .resource(allowAll)
                    .create();
        }
    }

    private Path kubeconfig() throws Exception {
        Path file = dir.resolve("kubeconfig");
        Files.writeString(file, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: mock
                  cluster: {server: "%s", certificate-authority: ca.crt}
                contexts:
                - name: staging
                  context: {cluster: mock, user: me}
                users:
                - name: me
                  user: {token: abc}
                """.formatted(cluster.url()));
        return file;
    }

    private static ConnectionProfile profile(ClusterSettings settings) {
        return new ConnectionProfile(
                "k8s",
                "Staging",
                ConnectionKind.KUBERNETES,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of(settings));
    }

    @Test
    void connectsToTheClusterAndWritesTheSeedThroughItsCustomResources() throws Exception {
        serve("configuration.konghq.com", "v1");
        serve("kuma.io", "v1alpha1");
        ConnectionProfile profile =
                profile(new ClusterSettings(List.of(kubeconfig()), "staging", List.of("kong"), "kuma-system"));
        try (ActiveConnection connection = TestConnections.connected(dir, profile)) {
            assertThat(connection.stateProperty().get()).isEqualTo(ActiveConnection.State.CONNECTED);
            var gateway = connection.apis().gateway().orElseThrow();
            var mesh = connection.apis().mesh().orElseThrow();
            assertThat(gateway.address().toString()).startsWith(cluster.url());

            kumaDefaults();
            GatewaySeed.seed(gateway);
            MeshSeed.seed(mesh);

            assertThat(gateway.listAll(EntityKind.PLUGINS).join())
                    .anySatisfy(p -> assertThat(p.path("name").asText()).isEqualTo("key-auth"));
            assertThat(mesh.policies("default", MeshResourceType.MESH_TRAFFIC_PERMISSION)
                            .join())
                    .isNotEmpty();
            try (KubernetesClient admin = cluster.admin()) {
                List<GenericKubernetesResource> plugins = admin.genericKubernetesResources(
                                "configuration.konghq.com/v1", "KongPlugin")
                        .inNamespace("kong")
                        .list()
                        .getItems();
                assertThat(plugins)
                        .singleElement()
                        .satisfies(p -> assertThat(p.getAdditionalProperties().get("plugin"))
                                .isEqualTo("key-auth"));
                assertThat(admin.genericKubernetesResources("kuma.io/v1alpha1", "MeshTrafficPermission")
                                .inNamespace("kuma-system")
                                .list()
                                .getItems())
                        .isNotEmpty()
                        .allSatisfy(
                                r -> assertThat(r.getMetadata().getLabels()).containsEntry("kuma.io/mesh", "default"));
            }
        }
    }

    @Test
    void offersOnlyWhatTheClusterServesAndRefusesALostPastedKubeconfig() throws Exception {
        serve("kuma.io", "v1alpha1");
        ConnectionProfile meshOnly =
                profile(new ClusterSettings(List.of(kubeconfig()), "staging", List.of("default"), "kuma-system"));
        try (ActiveConnection connection = TestConnections.connected(dir, meshOnly)) {
            assertThat(connection.apis().gateway()).isEmpty();
            assertThat(connection.apis().mesh()).isPresent();
        }

        ConnectionProfile pasted =
                profile(new ClusterSettings(List.of(), "staging", List.of("default"), "kuma-system"));
        ConnectionResolver resolver =
                TestConnections.resolver(new FileSecretStore(dir.resolve("config")), TestConnections.sandbox(dir));
        Throwable failure =
                catchThrowable(() -> resolver.connect(pasted, step -> {}).join());
        assertThat(failure)
                .rootCause()
                .hasMessage("The pasted kubeconfig of Staging is not in the secret store any more; run Connect to"
                        + " cluster again.");
    }

    @Test
    void readsKongsSchemasThroughAPortForwardClosedWithTheConnection() throws Exception {
        serve("configuration.konghq.com", "v1");
        try (KubernetesClient admin = cluster.admin()) {
            KongAdminFixture.service(admin);
            KongAdminFixture.pod(admin, KongAdminFixture.POD, true);
        }
        ConnectionProfile profile =
                profile(new ClusterSettings(List.of(kubeconfig()), "staging", List.of("shop"), "kuma-system"));
        // The first connect meets RBAC: the user may not create pods/portforward (yet).
        cluster.server()
                .expect()
                .get()
                .withPath("/api/v1/namespaces/kong/pods/" + KongAdminFixture.POD + "/portforward?ports=8444")
                .andReturn(
                        403,
                        "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":"
                                + "\"Forbidden\",\"code\":403}")
                .once();
        ClusterForward forward;
        try (RunningGateway kong = Gateway.start(GatewayConfig.ephemeral(dir.resolve("kong"))
                        .withAdminListeners(List.of(new ListenSpec(new InetSocketAddress("127.0.0.1", 0), true))));
                ActiveConnection connection = TestConnections.connected(dir, profile)) {
            forward = connection.apis().forwards().getFirst();
            assertThat(forward.state().phase()).isEqualTo(ForwardState.Phase.FAILED);
            assertThat(catchThrowable(() -> connection
                            .apis()
                            .gateway()
                            .orElseThrow()
                            .schema(EntityKind.SERVICES)
                            .join()))
                    .rootCause()
                    .isInstanceOf(GatewayException.class)
                    .hasMessageContaining("(Kong's Admin API: the port-forward to kong/kong-gateway-admin:8444"
                            + " (pod kong-gateway-6c7d8-x2x9q:8444) failed: the API server refused the port-forward"
                            + " (403): the user may not create pods/portforward here)");

            cluster.tunnels()
                    .bridge(
                            KongAdminFixture.NAMESPACE,
                            KongAdminFixture.POD,
                            KongAdminFixture.PORT,
                            kong.adminTlsListener().orElseThrow().address());
            // The Services page's note shows each forward's state, following the connection.
            javafx.beans.binding.StringBinding note = new PageViewModel(
                            new ServicesPage().descriptor(), new Messages(Locale.ROOT), connection, id -> {})
                    .kubernetesNoteBinding();
            assertThat(note.get())
                    .endsWith("\nKong's Admin API: the port-forward to kong/kong-gateway-admin:8444 (pod"
                            + " kong-gateway-6c7d8-x2x9q:8444) failed: the API server refused the port-forward (403):"
                            + " the user may not create pods/portforward here");

            // Each step of connecting reaches the status bar: waiting on a port-forward takes a while.
            List<String> steps = new java.util.concurrent.CopyOnWriteArrayList<>();
            connection.progressProperty().addListener((obs, old, now) -> {
                if (!now.isEmpty()) {
                    steps.add(now);
                }
            });
            connection.switchTo(profile).join();
            assertThat(steps)
                    .containsExactly(
                            "Connecting to context staging\u2026",
                            "Asking localhost what is installed\u2026",
                            "Opening the port-forward to Kong's Admin API (kong/kong-gateway-admin:8444)\u2026");
            forward = connection.apis().forwards().getFirst();
            assertThat(forward.state().phase()).isEqualTo(ForwardState.Phase.OPEN);
            assertThat(connection.forwardsProperty().get()).containsExactly(forward.state());
            assertThat(note.get())
                    .endsWith("\nKong's Admin API: port-forward open on 127.0.0.1:"
                            + forward.state().localPort()
                            + " to kong/kong-gateway-admin:8444 (pod kong-gateway-6c7d8-x2x9q:8444)");
            assertThat(connection
                            .apis()
                            .gateway()
                            .orElseThrow()
                            .schema(EntityKind.ROUTES)
                            .join()
                            .field("paths"))
                    .isPresent();
        }
        // ActiveConnection.close hands its clients to a thread of its own (closeLater): the forward closes soon after.
        ClusterForward closing = forward;
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(closing.state().phase()).isEqualTo(ForwardState.Phase.CLOSED));
    }

    @Test
    void withoutKicsAdminServiceFormsFailSayingWhatWasLookedFor() throws Exception {
        serve("configuration.konghq.com", "v1");
        ConnectionProfile profile =
                profile(new ClusterSettings(List.of(kubeconfig()), "staging", List.of("shop"), "kuma-system"));
        try (ActiveConnection connection = TestConnections.connected(dir, profile)) {
            assertThat(connection.apis().forwards()).isEmpty();
            Throwable failure = catchThrowable(() -> connection
                    .apis()
                    .gateway()
                    .orElseThrow()
                    .schema(EntityKind.SERVICES)
                    .join());
            assertThat(failure)
                    .rootCause()
                    .isInstanceOf(GatewayException.class)
                    .hasMessage("Kong's schemas are served by Kong's Admin API, not by the Kubernetes API server, and"
                            + " the Kong Admin API of the Kong Ingress Controller could not be reached through a"
                            + " port-forward (no Service named *-admin with a port kong-admin, kong-admin-tls, 8001"
                            + " or 8444 in namespaces shop, kong), so there are no forms or checks here.");
        }
    }
}
