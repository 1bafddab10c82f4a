package dev.gatehouse.app.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gatehouse.app.concurrent.UiExecutor;
import dev.gatehouse.app.connection.ActiveConnection;
import dev.gatehouse.app.connection.ClusterSettings;
import dev.gatehouse.app.connection.ConnectionKind;
import dev.gatehouse.app.connection.ConnectionProfile;
import dev.gatehouse.app.connection.EndpointHealth;
import dev.gatehouse.app.dialog.RecordingDialogService;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.kubernetes.testing.MeshMockCluster;
import dev.gatehouse.app.pages.services.ServicesViewModel;
import dev.gatehouse.app.testing.ManualUiScheduler;
import dev.gatehouse.app.testing.TcpRelay;
import dev.gatehouse.app.testing.TestConnections;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a Kubernetes connection the gateway pages follow the cluster through informers, not by polling; an API server
 * that goes away shows on the gateway and mesh pills at once, without waiting for the periodic health check, and
 * when it comes back the pills turn green again and the page shows what changed meanwhile. Fabric8's mock API server over HTTPS,
 * reached through a relay the test cuts and mends; the clock that would poll the gateway never moves.
 */
class KubernetesLiveUpdatesTest {

    @TempDir
    Path dir;

    private final Messages messages = new Messages(Locale.ROOT);
    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
    }

    private <T extends AutoCloseable> T closeLater(T closeable) {
        closing.add(closeable);
        return closeable;
    }

    @Test
    void theServicesPageFollowsKubectlAndTheGatewayPillShowsTheApiServerLostAndFound() throws Exception {
        MeshMockCluster cluster = closeLater(MeshMockCluster.start());
        cluster.serveKong();
        cluster.kumaDefaults();
        TcpRelay relay = closeLater(TcpRelay.to("127.0.0.1", cluster.port()));
        Path ca = cluster.writeCertificate(dir.resolve("ca.crt"));
        Path kubeconfig = dir.resolve("config");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: mock
                  cluster: {server: "https://localhost:%d", certificate-authority: %s}
                contexts:
                - name: staging
                  context: {cluster: mock, user: me, namespace: kong}
                users:
                - name: me
                  user: {token: abc}
                """.formatted(relay.port(), ca.getFileName()));
        ActiveConnection connection = closeLater(TestConnections.connected(
                dir,
                new ConnectionProfile(
                        "staging",
                        "Staging cluster",
                        ConnectionKind.KUBERNETES,
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.of(
                                new ClusterSettings(List.of(kubeconfig), "staging", List.of("kong"), "kuma-system")))));
        assertThat(connection.gatewayHealthProperty().get().isUp()).isTrue();
        ServicesViewModel services =
                new ServicesViewModel(messages, connection, id -> {}, new RecordingDialogService(), UiExecutor.DIRECT);
        ManualUiScheduler clock = new ManualUiScheduler();
        LiveUpdates live = closeLater(new LiveUpdates(
                connection,
                new SimpleObjectProperty<>(services),
                new SimpleBooleanProperty(true),
                clock,
                UiExecutor.DIRECT,
                LiveUpdates.Intervals.DEFAULTS));
        live.start();
        services.reload();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !services.loadingProperty().get());
        assertThat(names(services)).doesNotContain("billing");
        // The informers have listed what is there: what follows is a change to them.
        await().atMost(Duration.ofSeconds(10)).until(live::gatewayStreamed);
        int scheduled = clock.pending();

        // kubectl apply, beside the console: the page follows after the settle, the poll never falls due.
        cluster.client()
                .services()
                .inNamespace("kong")
                .resource(service("billing"))
                .create();
        await().atMost(Duration.ofSeconds(10)).until(() -> clock.pending() > scheduled);
        clock.advance(LiveUpdates.Intervals.DEFAULTS.settle());
        await().atMost(Duration.ofSeconds(10)).until(() -> names(services).contains("billing"));

        // The API server goes away: the pill says so now, not at the next health check (nobody calls refresh).
        relay.cut();
        await().atMost(Duration.ofSeconds(15))
                .until(() -> connection.gatewayHealthProperty().get().status() == EndpointHealth.Status.DOWN
                        && connection.meshHealthProperty().get().status() == EndpointHealth.Status.DOWN);
        assertThat(connection.gatewayHealthProperty().get().detail()).isNotBlank();
        cluster.client()
                .services()
                .inNamespace("kong")
                .resource(service("invoices"))
                .create();

        // It comes back: the informers list again, the pill turns green, and the page shows what it missed.
        relay.mend();
        await().atMost(Duration.ofSeconds(45))
                .until(() -> connection.gatewayHealthProperty().get().isUp());
        await().atMost(Duration.ofSeconds(10)).until(() -> names(services).contains("invoices"));
        // The mesh's Kubernetes watch is opened again at the next mesh poll, and the mesh pill turns green with it.
        clock.advance(LiveUpdates.Intervals.DEFAULTS.meshPoll());
        await().atMost(Duration.ofSeconds(20))
                .until(() -> connection.meshHealthProperty().get().isUp());
    }

    private static io.fabric8.kubernetes.api.model.Service service(String name) {
        return new ServiceBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withNewSpec()
                .withType("ExternalName")
                .withExternalName(name + ".example.com")
                .endSpec()
                .build();
    }

    private static List<String> names(ServicesViewModel services) {
        return services.items().stream().map(row -> row.path("name").asText()).toList();
    }
}
