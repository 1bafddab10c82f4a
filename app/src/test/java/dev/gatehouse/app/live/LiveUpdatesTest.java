package dev.gatehouse.app.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gatehouse.app.concurrent.ExecutorUiScheduler;
import dev.gatehouse.app.concurrent.UiExecutor;
import dev.gatehouse.app.concurrent.UiScheduler;
import dev.gatehouse.app.connection.ActiveConnection;
import dev.gatehouse.app.connection.ConnectionKind;
import dev.gatehouse.app.connection.ConnectionProfile;
import dev.gatehouse.app.connection.EndpointHealth;
import dev.gatehouse.app.connection.EndpointSettings;
import dev.gatehouse.app.dialog.RecordingDialogService;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.icon.AppIcon;
import dev.gatehouse.app.kubernetes.testing.MeshMockCluster;
import dev.gatehouse.app.kuma.KumaClient;
import dev.gatehouse.app.page.Capability;
import dev.gatehouse.app.page.NavGroup;
import dev.gatehouse.app.page.PageDescriptor;
import dev.gatehouse.app.page.PageId;
import dev.gatehouse.app.page.PageViewModel;
import dev.gatehouse.app.pages.overview.OverviewViewModel;
import dev.gatehouse.app.pages.services.ServicesViewModel;
import dev.gatehouse.app.testing.GatewayProcess;
import dev.gatehouse.app.testing.ManualUiScheduler;
import dev.gatehouse.app.testing.TcpRelay;
import dev.gatehouse.app.testing.TestConnections;
import dev.gatehouse.app.testing.TestRuntimes;
import dev.gatehouse.gateway.RunningGateway;
import dev.gatehouse.mesh.RunningControlPlane;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pages follow the runtimes: the mesh through its change stream, the gateway by polling the page in view. */
class LiveUpdatesTest {

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

    /** Live updates for {@code page} in view in a shown window, on the calling thread, started. */
    private LiveUpdates started(ActiveConnection connection, PageViewModel page, UiScheduler clock) {
        LiveUpdates live = closeLater(new LiveUpdates(
                connection,
                new SimpleObjectProperty<>(page),
                new SimpleBooleanProperty(true),
                clock,
                UiExecutor.DIRECT,
                LiveUpdates.Intervals.DEFAULTS));
        live.start();
        return live;
    }

    /** A page that needs both runtimes and only records when it is told to follow one. */
    private static final class ProbePage extends PageViewModel {
        final List<Capability> followed = new ArrayList<>();

        ProbePage(Messages messages, ActiveConnection connection) {
            super(
                    new PageDescriptor(
                            new PageId("probe"),
                            AppIcon.OVERVIEW,
                            NavGroup.NONE,
                            OptionalInt.empty(),
                            Set.of(Capability.GATEWAY, Capability.MESH),
                            Optional.empty()),
                    messages,
                    connection,
                    id -> {});
        }

        @Override
        public void follow(Capability runtime) {
            followed.add(runtime);
        }
    }

    @Test
    void theOverviewFollowsAnAllowAllDeletedOutsideTheConsoleWithoutARefresh() throws Exception {
        // The embedded control plane of mesh-runtime, reached over HTTP as the console reaches any Kuma.
        RunningControlPlane cp = closeLater(TestRuntimes.controlPlane(dir.resolve("cp")));
        ExecutorService uiThread = Executors.newSingleThreadExecutor();
        closeLater(uiThread::shutdownNow);
        UiExecutor ui = uiThread::execute;
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        closeLater(timer::shutdownNow);
        ActiveConnection connection =
                closeLater(TestConnections.connected(dir, TestConnections.remoteKuma("kuma", cp.apiUri())));
        OverviewViewModel overview = new OverviewViewModel(messages, connection, id -> {}, link -> {}, ui);
        LiveUpdates live = closeLater(new LiveUpdates(
                connection,
                new SimpleObjectProperty<>(overview),
                new SimpleBooleanProperty(true),
                new ExecutorUiScheduler(timer, ui),
                ui,
                new LiveUpdates.Intervals(Duration.ofHours(1), Duration.ofHours(1), Duration.ofMillis(100))));
        ui.execute(() -> {
            live.start();
            overview.activated();
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> allowAll(overview).contains("allow-all-default"));

        // Outside the console: Kuma's own API (README walkthrough step "now 503: zero trust").
        try (KumaClient kuma = TestRuntimes.kuma(cp)) {
            kuma.delete("/meshes/default/traffic-permissions/allow-all-default").get(10, TimeUnit.SECONDS);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> allowAll(overview).isEmpty());
    }

    @Test
    void aBurstOfMeshChangesReachesTheUiThreadAsOneTask() throws Exception {
        RunningControlPlane cp = closeLater(TestRuntimes.controlPlane(dir.resolve("cp")));
        // The UI thread is this test: tasks wait in a queue until it runs them.
        java.util.concurrent.ConcurrentLinkedQueue<Runnable> queued =
                new java.util.concurrent.ConcurrentLinkedQueue<>();
        UiExecutor ui = queued::add;
        ActiveConnection connection =
                closeLater(TestConnections.connected(dir, TestConnections.remoteKuma("kuma", cp.apiUri())));
        ProbePage page = new ProbePage(messages, connection);
        LiveUpdates live = closeLater(new LiveUpdates(
                connection,
                new SimpleObjectProperty<>(page),
                new SimpleBooleanProperty(true),
                new ManualUiScheduler(),
                ui,
                LiveUpdates.Intervals.DEFAULTS));
        live.start();
        try (KumaClient kuma = TestRuntimes.kuma(cp)) {
            // The stream is open once a change made now comes through it.
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                kuma.put("/meshes/default/traffic-permissions/probe", permission("probe"))
                        .get(10, TimeUnit.SECONDS);
                return !queued.isEmpty();
            });
            drain(queued);
            for (int i = 0; i < 40; i++) {
                kuma.put("/meshes/default/traffic-permissions/tp-" + i, permission("tp-" + i))
                        .get(10, TimeUnit.SECONDS);
            }
        }
        // Forty changes while the UI thread is busy elsewhere: one task waits for it, not forty.
        await().atMost(Duration.ofSeconds(10)).until(() -> !queued.isEmpty());
        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(5)).until(() -> queued.size() == 1);
    }

    private static void drain(java.util.Queue<Runnable> queued) {
        for (Runnable task = queued.poll(); task != null; task = queued.poll()) {
            task.run();
        }
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode permission(String name) {
        com.fasterxml.jackson.databind.node.ObjectNode tp =
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        tp.put("type", "TrafficPermission").put("mesh", "default").put("name", name);
        tp.putArray("sources").addObject().putObject("match").put("kuma.io/service", "web");
        tp.putArray("destinations").addObject().putObject("match").put("kuma.io/service", "backend");
        return tp;
    }

    private static List<String> allowAll(OverviewViewModel overview) {
        return overview.meshes().stream()
                .filter(m -> m.mesh().equals("default"))
                .flatMap(m -> m.allowAllPolicies().stream())
                .toList();
    }

    @Test
    void aGatewayPageInViewFollowsChangesMadeOutsideTheConsole() throws Exception {
        RunningGateway gateway = closeLater(TestRuntimes.gateway(dir.resolve("gw")));
        ActiveConnection connection = closeLater(TestConnections.connected(
                dir, TestConnections.remoteKong("kong", URI.create(gateway.adminUrl()), Optional.empty())));
        ServicesViewModel services =
                new ServicesViewModel(messages, connection, id -> {}, new RecordingDialogService(), UiExecutor.DIRECT);
        ManualUiScheduler clock = new ManualUiScheduler();
        started(connection, services, clock);
        services.reload();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !services.loadingProperty().get());

        TestRuntimes.loadConfig(
                gateway, "_format_version: \"3.0\"\nservices:\n- name: made-outside\n" + "  url: http://example.com\n");
        clock.advance(LiveUpdates.Intervals.DEFAULTS.gatewayPoll());
        await().atMost(Duration.ofSeconds(10))
                .until(() -> services.items().stream()
                        .anyMatch(row -> row.path("name").asText().equals("made-outside")));
    }

    @Test
    void connectionRefusedGoesOnceTheGatewayAnswersAgain() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        String listen = "127.0.0.1:" + port;
        GatewayProcess first = GatewayProcess.start(dir.resolve("gw"), "--admin-listen", listen);
        ActiveConnection connection = closeLater(
                TestConnections.connected(dir, TestConnections.remoteKong("kong", first.adminUri(), Optional.empty())));
        ServicesViewModel services =
                new ServicesViewModel(messages, connection, id -> {}, new RecordingDialogService(), UiExecutor.DIRECT);
        started(connection, services, new ManualUiScheduler());

        first.close();
        connection.refresh().get(10, TimeUnit.SECONDS);
        services.reload();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> services.loadErrorProperty().get().startsWith("connection refused"));

        closeLater(GatewayProcess.start(dir.resolve("gw"), "--admin-listen", listen));
        // The periodic health check finds it back (the pill turns green); the page in view follows at once.
        connection.refresh().get(10, TimeUnit.SECONDS);
        assertThat(connection.gatewayHealthProperty().get().isUp()).isTrue();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> services.loadErrorProperty().get().isEmpty());
    }

    @Test
    void aControlPlaneLostAndFoundShowsOnTheMeshPillWithoutWaitingForTheHealthCheck() throws Exception {
        RunningControlPlane cp = closeLater(TestRuntimes.controlPlane(dir.resolve("cp")));
        TcpRelay relay = closeLater(TcpRelay.to("127.0.0.1", cp.apiUri().getPort()));
        ActiveConnection connection = closeLater(TestConnections.connected(
                dir, TestConnections.remoteKuma("kuma", URI.create("http://127.0.0.1:" + relay.port()))));
        assertThat(connection.meshHealthProperty().get().isUp()).isTrue();
        ProbePage page = new ProbePage(messages, connection);
        ManualUiScheduler clock = new ManualUiScheduler();
        LiveUpdates live = started(connection, page, clock);
        await().atMost(Duration.ofSeconds(10)).until(live::meshStreamed);

        // The change stream breaks: nobody calls refresh, the clock does not move, and yet the pill says so.
        relay.cut();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> connection.meshHealthProperty().get().status()
                        == dev.gatehouse.app.connection.EndpointHealth.Status.DOWN);

        // Back: the next mesh poll opens the stream again, and the pill turns green with it.
        relay.mend();
        clock.advance(LiveUpdates.Intervals.DEFAULTS.meshPoll());
        await().atMost(Duration.ofSeconds(10)).until(live::meshStreamed);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> connection.meshHealthProperty().get().isUp());
    }

    @Test
    void nothingIsPolledWhileTheWindowIsHiddenAndThePageCatchesUpWhenShown() {
        RunningGateway gateway = closeLater(TestRuntimes.gateway(dir.resolve("gw")));
        ActiveConnection connection = closeLater(TestConnections.connected(
                dir, TestConnections.remoteKong("kong", URI.create(gateway.adminUrl()), Optional.empty())));
        ProbePage page = new ProbePage(messages, connection);
        SimpleBooleanProperty shown = new SimpleBooleanProperty(true);
        ManualUiScheduler clock = new ManualUiScheduler();
        LiveUpdates live = closeLater(new LiveUpdates(
                connection,
                new SimpleObjectProperty<>(page),
                shown,
                clock,
                UiExecutor.DIRECT,
                LiveUpdates.Intervals.DEFAULTS));
        live.start();

        clock.advance(Duration.ofSeconds(6));
        assertThat(page.followed).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(page.followed).containsExactly(Capability.GATEWAY);

        shown.set(false);
        clock.advance(Duration.ofSeconds(70));
        assertThat(page.followed).containsExactly(Capability.GATEWAY);
        shown.set(true);
        assertThat(page.followed).containsExactly(Capability.GATEWAY, Capability.GATEWAY);
    }

    @Test
    void aControlPlaneWithoutChangeNotificationsIsPolledModestly() throws Exception {
        // Kuma itself has no /watch: a plain HTTP server answering 404 to it stands in for that part of Kuma.
        RunningControlPlane cp = closeLater(TestRuntimes.controlPlane(dir.resolve("cp")));
        com.sun.net.httpserver.HttpServer kuma = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        java.net.http.HttpClient forward = closeLater(java.net.http.HttpClient.newHttpClient());
        kuma.createContext("/", exchange -> {
            // Everything but /watch is forwarded to the real control plane.
            if (exchange.getRequestURI().getPath().equals("/watch")) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                try {
                    byte[] body = forward.send(
                                    java.net.http.HttpRequest.newBuilder(cp.apiUri()
                                                    .resolve(exchange.getRequestURI()
                                                            .toString()))
                                            .build(),
                                    java.net.http.HttpResponse.BodyHandlers.ofByteArray())
                            .body();
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    exchange.sendResponseHeaders(502, -1);
                }
            }
            exchange.close();
        });
        kuma.start();
        closeLater(() -> kuma.stop(0));
        ActiveConnection connection = closeLater(TestConnections.connected(
                dir,
                new ConnectionProfile(
                        "kuma",
                        "kuma",
                        ConnectionKind.REMOTE_KUMA,
                        Optional.empty(),
                        Optional.empty(),
                        Optional.of(EndpointSettings.plain(URI.create(
                                "http://127.0.0.1:" + kuma.getAddress().getPort()))))));
        ProbePage page = new ProbePage(messages, connection);
        ManualUiScheduler clock = new ManualUiScheduler();
        started(connection, page, clock);
        // The 404 arrives asynchronously; from then on the mesh is polled every 15 s, not more.
        // Pending then: the gateway poll (nothing to poll on a Kuma-only connection) and the mesh poll.
        await().atMost(Duration.ofSeconds(10)).until(() -> clock.pending() == 2);
        clock.advance(Duration.ofSeconds(14));
        assertThat(page.followed).doesNotContain(Capability.MESH);
        clock.advance(Duration.ofSeconds(1));
        assertThat(page.followed).containsExactly(Capability.MESH);
        clock.advance(Duration.ofSeconds(15));
        assertThat(page.followed).containsExactly(Capability.MESH, Capability.MESH);
    }

    /**
     * On a Kubernetes connection the gateway pages follow the cluster through informers, not by polling; an API
     * server that goes away shows on the gateway and mesh pills at once, without waiting for the periodic health
     * check, and when it comes back the pills turn green again and the page shows what changed meanwhile. Fabric8's
     * mock API server over HTTPS, reached through a relay the test cuts and mends; the clock that would poll the
     * gateway never moves.
     */
    @Test
    void theServicesPageFollowsKubectlAndTheGatewayPillShowsTheApiServerLostAndFound() throws Exception {
        MeshMockCluster cluster = closeLater(MeshMockCluster.start());
        cluster.serveKong();
        cluster.kumaDefaults();
        TcpRelay relay = closeLater(TcpRelay.to("127.0.0.1", cluster.port()));
        ActiveConnection connection = closeLater(
                TestConnections.connected(dir, cluster.stagingProfile(dir, "https://localhost:" + relay.port())));
        assertThat(connection.gatewayHealthProperty().get().isUp()).isTrue();
        ServicesViewModel services =
                new ServicesViewModel(messages, connection, id -> {}, new RecordingDialogService(), UiExecutor.DIRECT);
        ManualUiScheduler clock = new ManualUiScheduler();
        LiveUpdates live = started(connection, services, clock);
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
