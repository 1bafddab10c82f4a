package dev.gatehouse.app.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gatehouse.app.AppContext;
import dev.gatehouse.app.connection.ActiveConnection;
import dev.gatehouse.app.connection.ClusterSettings;
import dev.gatehouse.app.connection.ConnectionKind;
import dev.gatehouse.app.connection.ConnectionProfile;
import dev.gatehouse.app.kubernetes.testing.MeshMockCluster;
import dev.gatehouse.app.pages.services.ServicesPage;
import dev.gatehouse.app.pages.topology.TopologyPage;
import dev.gatehouse.app.testing.FxShots;
import dev.gatehouse.app.testing.GatewaySeed;
import dev.gatehouse.app.testing.TestConsoles;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The whole console on a saved Kubernetes connection (Fabric8's mock API server over HTTPS, trusted through its CA,
 * serving the Kong Ingress Controller's and Kuma's resources): it connects, the gateway pages say they show
 * Kubernetes resources and in which namespace and list what is there, and the Topology graph draws the mesh from
 * Kuma's Dataplane resources. With {@code -Dkubernetes.shots=DIR} it writes both pages, light and dark.
 */
@ExtendWith(ApplicationExtension.class)
class KubernetesConsoleUiTest {

    @TempDir
    static Path dir;

    private MeshMockCluster cluster;
    private AppContext context;

    @Start
    void start(Stage stage) throws Exception {
        cluster = MeshMockCluster.start();
        cluster.server()
                .setVersionInfo(new io.fabric8.kubernetes.client.VersionInfo.Builder()
                        .withMajor("1")
                        .withMinor("31")
                        .withGitVersion("v1.31.2")
                        .build());
        for (String[] crd : new String[][] {
            {"KongPlugin", "kongplugins", "Namespaced"},
            {"KongClusterPlugin", "kongclusterplugins", "Cluster"},
            {"KongConsumer", "kongconsumers", "Namespaced"}
        }) {
            cluster.server()
                    .expectCustomResource(new CustomResourceDefinitionContext.Builder()
                            .withGroup("configuration.konghq.com")
                            .withVersion("v1")
                            .withKind(crd[0])
                            .withPlural(crd[1])
                            .withScope(crd[2])
                            .build());
        }
        for (String[] group : new String[][] {{"configuration.konghq.com", "v1"}, {"kuma.io", "v1alpha1"}}) {
            cluster.server()
                    .expect()
                    .get()
                    .withPath("/apis/" + group[0])
                    .andReturn(
                            200,
                            "{\"kind\":\"APIGroup\",\"apiVersion\":\"v1\",\"name\":\"" + group[0]
                                    + "\",\"versions\":[{\"groupVersion\":\"" + group[0] + "/" + group[1]
                                    + "\",\"version\":\"" + group[1] + "\"}]}")
                    .always();
        }
        cluster.kumaDefaults();
        cluster.dataplane("kong-gateway-7d9f", "kong-gateway", 0, true);
        cluster.dataplane("demo-app-5c8b", "demo-app", 5000, false);
        cluster.dataplane("redis-0", "redis", 6379, false);
        cluster.writeCertificate(dir.resolve("ca.crt"));
        Path kubeconfig = dir.resolve("kubeconfig");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: mock
                  cluster: {server: "%s", certificate-authority: ca.crt}
                contexts:
                - name: staging
                  context: {cluster: mock, user: me, namespace: kong}
                users:
                - name: me
                  user: {token: abc}
                """.formatted(cluster.url()));
        ConnectionProfile profile = new ConnectionProfile(
                "staging",
                "Staging cluster",
                ConnectionKind.KUBERNETES,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of(new ClusterSettings(List.of(kubeconfig), "staging", List.of("kong"), "kuma-system")));
        context = TestConsoles.on(dir, profile, stage);
        stage.setWidth(1400);
        stage.setHeight(900);
    }

    @Stop
    void stop() {
        context.close();
        cluster.close();
    }

    private void shots(String name) throws Exception {
        String shots = System.getProperty("kubernetes.shots");
        if (shots != null) {
            FxShots.themes(context, Files.createDirectories(Path.of(shots)), name, 30);
        }
    }

    @Test
    void connectsShowsTheGatewaysResourcesAndDrawsTheMeshFromDataplanes(FxRobot robot) throws Exception {
        ActiveConnection connection = context.connection();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> connection.stateProperty().get() == ActiveConnection.State.CONNECTED);
        assertThat(connection.apis().gateway()).isPresent();
        assertThat(connection.apis().mesh()).isPresent();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> connection.gatewayHealthProperty().get().isUp()
                        && connection.meshHealthProperty().get().isUp());
        GatewaySeed.seed(connection.apis().gateway().orElseThrow());

        robot.interact(() -> context.shell().navigate(ServicesPage.ID));
        WaitForAsyncUtils.waitForFxEvents();
        Label note = robot.lookup("#page-services #page-kubernetes-note").queryAs(Label.class);
        assertThat(note.isVisible()).isTrue();
        assertThat(note.getText())
                .isEqualTo("Kubernetes resources of context staging, namespace kong: Services, Ingresses of class kong,"
                        + " KongPlugins and KongConsumers, as the Kong Ingress Controller reads them.");
        // the service the seed made, as a visible row of the page's table
        await().atMost(Duration.ofSeconds(30))
                .until(() -> robot.lookup("#page-services .table-row-cell").queryAll().stream()
                        .anyMatch(row -> row.isVisible()
                                && row.lookupAll(".table-cell").stream()
                                        .anyMatch(cell -> cell instanceof javafx.scene.control.Labeled l
                                                && "demo-app".equals(l.getText()))));
        shots("kubernetes-services");

        robot.interact(() -> context.shell().navigate(TopologyPage.ID));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> vertex(robot, "demo-app").filter(Node::isVisible).isPresent()
                        && vertex(robot, "redis").filter(Node::isVisible).isPresent());
        assertThat(robot.lookup("#page-topology #empty-state").tryQuery().filter(Node::isVisible))
                .isEmpty();
        assertThat(robot.lookup("#page-topology #page-kubernetes-note")
                        .queryAs(Label.class)
                        .getText())
                .startsWith("Kuma custom resources of context staging: ");
        shots("kubernetes-topology");
    }

    private static Optional<Node> vertex(FxRobot robot, String service) {
        return robot.lookup(n -> n.getId() != null
                        && n.getId().startsWith("topology-node-svc:")
                        && n.getId().endsWith("/" + service))
                .tryQuery();
    }
}
