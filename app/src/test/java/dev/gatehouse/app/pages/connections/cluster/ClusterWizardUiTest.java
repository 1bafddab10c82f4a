package dev.gatehouse.app.pages.connections.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gatehouse.app.concurrent.DirectBackgroundExecutor;
import dev.gatehouse.app.concurrent.FxUiExecutor;
import dev.gatehouse.app.concurrent.UiExecutor;
import dev.gatehouse.app.connection.ActiveConnection;
import dev.gatehouse.app.connection.ConnectionKind;
import dev.gatehouse.app.connection.ConnectionManager;
import dev.gatehouse.app.connection.ConnectionProfile;
import dev.gatehouse.app.connection.ConnectionStore;
import dev.gatehouse.app.embedded.InProcessPlatform;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.kubernetes.cluster.ClusterDiscovery;
import dev.gatehouse.app.kubernetes.cluster.ExecPlugin;
import dev.gatehouse.app.kubernetes.cluster.MockCluster;
import dev.gatehouse.app.kubernetes.testing.ApiDiscovery;
import dev.gatehouse.app.kubernetes.testing.GatewayMockCluster;
import dev.gatehouse.app.pages.connections.cluster.ClusterWizardViewModel.Step;
import dev.gatehouse.app.secret.FileSecretStore;
import dev.gatehouse.app.testing.FxShots;
import dev.gatehouse.app.testing.TestConnections;
import dev.gatehouse.app.theme.AppTheme;
import dev.gatehouse.app.theme.ThemeApplier;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.css.PseudoClass;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The wizard's window driven with the mouse against Fabric8's mock API server over HTTPS: a kubeconfig file, the
 * contexts tried (one works, one is unreachable), namespaces, what is installed, and Save. With
 * {@code -Dcluster.shots=DIR} it writes every step, light and dark, to DIR.
 */
@ExtendWith(ApplicationExtension.class)
class ClusterWizardUiTest {

    @TempDir
    static Path dir;

    private static MockCluster cluster;
    private ConnectionManager manager;
    private InProcessPlatform sandbox;
    private ClusterWizardViewModel model;
    private Scene scene;
    private final AtomicBoolean closed = new AtomicBoolean();

    @Start
    void start(Stage stage) throws Exception {
        cluster = new MockCluster("1", "31");
        cluster.writeCertificate(dir.resolve("ca.crt"));
        try (KubernetesClient admin = cluster.admin()) {
            for (String ns : List.of("kong", "kuma-system", "default", "team-a")) {
                admin.namespaces()
                        .resource(new NamespaceBuilder()
                                .withNewMetadata()
                                .withName(ns)
                                .endMetadata()
                                .build())
                        .create();
            }
            // as the Kong Ingress Controller's and Kuma's Helm charts leave a cluster
            admin.network()
                    .v1()
                    .ingressClasses()
                    .resource(new io.fabric8.kubernetes.api.model.networking.v1.IngressClassBuilder()
                            .withNewMetadata()
                            .withName("kong")
                            .endMetadata()
                            .withNewSpec()
                            .withController("ingress-controllers.konghq.com/kong")
                            .endSpec()
                            .build())
                    .create();
            admin.services()
                    .inNamespace("kuma-system")
                    .resource(new ServiceBuilder()
                            .withNewMetadata()
                            .withName("kuma-control-plane")
                            .endMetadata()
                            .build())
                    .create();
            admin.services()
                    .inNamespace("kong")
                    .resource(new ServiceBuilder()
                            .withNewMetadata()
                            .withName("kong-gateway-admin")
                            .endMetadata()
                            .build())
                    .create();
            admin.services()
                    .inNamespace("kong")
                    .resource(new ServiceBuilder()
                            .withNewMetadata()
                            .withName("kong-gateway-proxy")
                            .endMetadata()
                            .build())
                    .create();
        }
        ApiDiscovery.serveKongAndKuma(cluster.server());
        // KIC's Gateway API guide: GatewayClass kong (KIC's controller) and its Gateway kong in namespace kong.
        ApiDiscovery.serve(cluster.server(), "gateway.networking.k8s.io", "v1");
        GatewayMockCluster.registerGatewayApi(cluster.server());
        try (KubernetesClient admin = cluster.admin()) {
            GatewayMockCluster.gatewayApi(
                    admin, "GatewayClass", null, "kong", Map.of("controllerName", "konghq.com/kic-gateway-controller"));
            GatewayMockCluster.gatewayApi(admin, "Gateway", "kong", "kong", Map.of("gatewayClassName", "kong"));
        }
        FileSecretStore secrets = new FileSecretStore(dir.resolve("config"));
        ConnectionStore store = new ConnectionStore(dir.resolve("config"), secrets);
        sandbox = TestConnections.sandbox(dir);
        var resolver = TestConnections.resolver(secrets, sandbox);
        manager = new ConnectionManager(
                store,
                secrets,
                new ActiveConnection(ConnectionProfile.embedded(), resolver, UiExecutor.DIRECT),
                resolver,
                new DirectBackgroundExecutor(),
                new FxUiExecutor(),
                store.load().profiles());
        ClusterDiscovery discovery = new ClusterDiscovery(
                Map.of(),
                dir.resolve("home"),
                Duration.ofSeconds(5),
                Clock.systemUTC(),
                new ExecPlugin("", List.of(), Duration.ofSeconds(5)));
        model = new ClusterWizardViewModel(
                new Messages(Locale.ROOT),
                discovery,
                manager,
                new FxUiExecutor(),
                work -> Thread.ofVirtual().start(work));
        ClusterWizardView view = new ClusterWizardView(model, new Messages(Locale.ROOT));
        view.setOnClose(() -> closed.set(true));
        scene = new Scene(view, 760, 600);
        scene.getStylesheets().add(ThemeApplier.APP_STYLESHEET);
        Application.setUserAgentStylesheet(AppTheme.LIGHT.userAgentStylesheet());
        stage.setScene(scene);
        stage.show();
        model.start();
    }

    @AfterEach
    void stop() {
        manager.active().close();
        sandbox.close();
        cluster.close();
    }

    private void shot(String name) throws Exception {
        String shots = System.getProperty("cluster.shots");
        if (shots == null) {
            return;
        }
        Path out = Files.createDirectories(Path.of(shots));
        for (AppTheme theme : AppTheme.values()) {
            Platform.runLater(() -> {
                Application.setUserAgentStylesheet(theme.userAgentStylesheet());
                scene.getRoot().pseudoClassStateChanged(PseudoClass.getPseudoClass("dark"), theme.isDark());
            });
            FxShots.frames(20);
            FxShots.write(() -> scene, out.resolve(FxShots.file(name, theme)));
        }
        Platform.runLater(() -> Application.setUserAgentStylesheet(AppTheme.LIGHT.userAgentStylesheet()));
    }

    private void awaitIdle() {
        await().atMost(Duration.ofSeconds(30)).until(() -> !model.busyProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void walksTheStepsWithTheMouseAndSavesTheConnection(FxRobot robot) throws Exception {
        Path file = dir.resolve("kubeconfig");
        Files.writeString(file, """
                apiVersion: v1
                kind: Config
                current-context: staging
                clusters:
                - name: mock
                  cluster: {server: "%s", certificate-authority: %s}
                - name: down
                  cluster: {server: "https://127.0.0.1:1", certificate-authority: %s}
                contexts:
                - name: staging
                  context: {cluster: mock, user: me, namespace: kong}
                - name: laptop-kind
                  context: {cluster: down, user: me}
                users:
                - name: me
                  user: {token: abc}
                """.formatted(cluster.url(), dir.resolve("ca.crt"), dir.resolve("ca.crt")));
        awaitIdle();
        assertThat(robot.lookup("#cluster-found").queryAs(Label.class).getText())
                .startsWith("No kubeconfig found at ");
        robot.clickOn("#cluster-file").write(file.toString());
        shot("cluster-1-kubeconfig");

        robot.clickOn("#cluster-next");
        awaitIdle();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> model.contexts().stream().allMatch(r -> r.status().isPresent()));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(model.stepProperty().get()).isEqualTo(Step.CONTEXTS);
        assertThat(robot.lookup("Reachable: Kubernetes v1.31.2, signed in as me.")
                        .tryQuery())
                .isPresent();
        assertThat(robot.lookup("The API server at https://127.0.0.1:1 cannot be reached: connection refused.")
                        .tryQuery())
                .isPresent();
        shot("cluster-2-contexts");

        robot.clickOn("laptop-kind");
        robot.clickOn("#cluster-next");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#cluster-error").queryAs(Label.class).getText())
                .startsWith("Context laptop-kind does not work: ");
        robot.clickOn("staging");
        robot.clickOn("#cluster-next");
        awaitIdle();
        assertThat(model.stepProperty().get()).isEqualTo(Step.NAMESPACES);
        robot.clickOn("team-a");
        assertThat(model.effectiveNamespaces()).containsExactly("kong", "team-a");
        shot("cluster-3-namespaces");

        robot.clickOn("#cluster-next");
        awaitIdle();
        assertThat(model.stepProperty().get()).isEqualTo(Step.INSTALLED);
        assertThat(model.installationProperty().get().kongIngressController().present())
                .isTrue();
        assertThat(model.installationProperty().get().mesh().present()).isTrue();
        assertThat(robot.lookup("Kong Ingress Controller").tryQuery()).isPresent();
        // KIC's Gateway is offered for new routes, and chosen by default.
        assertThat(robot.lookup("#cluster-routes-as").queryAs(ComboBox.class).getValue())
                .isEqualTo("kong/kong");
        shot("cluster-4-installed");

        robot.clickOn("#cluster-next");
        WaitForAsyncUtils.waitForFxEvents();
        TextField name = robot.lookup("#cluster-name").queryAs(TextField.class);
        assertThat(name.getText()).isEqualTo("staging");
        shot("cluster-5-save");
        robot.clickOn("#cluster-next");
        await().atMost(Duration.ofSeconds(10)).until(closed::get);
        assertThat(manager.profiles()).anySatisfy(p -> {
            assertThat(p.kind()).isEqualTo(ConnectionKind.KUBERNETES);
            assertThat(p.name()).isEqualTo("staging");
            assertThat(p.cluster().orElseThrow().routesGateway()).contains("kong/kong");
        });
    }
}
