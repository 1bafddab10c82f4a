package dev.gatehouse.app.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gatehouse.app.AppContext;
import dev.gatehouse.app.connection.ActiveConnection;
import dev.gatehouse.app.kubernetes.testing.ClusterConsole;
import dev.gatehouse.app.pages.services.ServicesPage;
import dev.gatehouse.app.pages.topology.TopologyPage;
import dev.gatehouse.app.testing.FxShots;
import dev.gatehouse.app.testing.GatewaySeed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

    private ClusterConsole console;
    private AppContext context;

    @Start
    void start(Stage stage) throws Exception {
        console = ClusterConsole.start(dir, stage);
        context = console.context();
    }

    @Stop
    void stop() {
        console.close();
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

    @Test
    void connectToClusterOpensTheWizardOverTheConsoleAndCancelClosesIt(FxRobot robot) {
        robot.interact(() -> context.shell().navigate(dev.gatehouse.app.pages.connections.ConnectionsPage.ID));
        robot.clickOn("#connections-add-cluster");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> robot.lookup("#cluster-wizard")
                        .tryQuery()
                        .filter(Node::isVisible)
                        .isPresent());
        javafx.stage.Window wizard =
                robot.lookup("#cluster-wizard").query().getScene().getWindow();
        assertThat(((javafx.stage.Stage) wizard).getOwner())
                .isSameAs(robot.lookup("#page-connections").query().getScene().getWindow());
        // the console's stylesheet comes along: the wizard's own styles apply
        assertThat(wizard.getScene().getStylesheets()).isNotEmpty();
        robot.clickOn("#cluster-cancel");
        await().atMost(Duration.ofSeconds(10)).until(() -> !wizard.isShowing());
    }

    private static Optional<Node> vertex(FxRobot robot, String service) {
        return robot.lookup(n -> n.getId() != null
                        && n.getId().startsWith("topology-node-svc:")
                        && n.getId().endsWith("/" + service))
                .tryQuery();
    }
}
