package dev.gatehouse.app.pages.topology;

import dev.gatehouse.app.concurrent.FxUiExecutor;
import dev.gatehouse.app.connection.ActiveConnection;
import dev.gatehouse.app.connection.ConnectionProfile;
import dev.gatehouse.app.connection.ConnectionResolver;
import dev.gatehouse.app.embedded.InProcessPlatform;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.secret.FileSecretStore;
import dev.gatehouse.app.settings.SettingsStore;
import dev.gatehouse.app.testing.FxShots;
import dev.gatehouse.app.theme.AppTheme;
import dev.gatehouse.app.theme.ThemeApplier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.animation.AnimationTimer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.css.PseudoClass;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/**
 * Speed figures of the Topology page, not a test: (a) layout of 500 services and 2,000 edges off the FX thread,
 * (b) frame intervals while panning and zooming the 500-vertex graph, measured with an AnimationTimer, (c) the time
 * from a changed permission matrix to the redrawn graph on screen. Run with {@code app/bench/topology-bench.sh}
 * (under Xvfb); {@code --shots DIR} instead writes light and dark screenshots of a generated 200-service mesh.
 */
public final class TopologyBench {

    private static final int SERVICES = 500;
    private static final int EDGES = 2000;

    private TopologyBench() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("--shots")) {
            shots(Path.of(args[1]));
        } else if (args.length == 2 && args[0].equals("--seed")) {
            seed(Path.of(args[1]));
        } else {
            layout();
            frames();
        }
        Platform.exit();
        System.exit(0);
    }

    private static void layout() {
        TopologyGraph graph = TopologyBuilder.build(GeneratedPlatform.of(SERVICES, EDGES, 1), GraphOptions.DEFAULTS);
        long ew = graph.edges().stream()
                .filter(e -> e.kind() == EdgeKind.EAST_WEST)
                .count();
        System.out.printf(
                Locale.ROOT,
                "graph: %d vertices, %d east-west edges, %d edges in all%n",
                graph.nodes().size(),
                ew,
                graph.edges().size());
        for (int run = 1; run <= 6; run++) {
            TopologyGraph g = TopologyBuilder.build(GeneratedPlatform.of(SERVICES, EDGES, run), GraphOptions.DEFAULTS);
            long start = System.nanoTime();
            TopologyLayout.compute(g, Map.of());
            System.out.printf(Locale.ROOT, "(a) layout run %d: %.0f ms%n", run, (System.nanoTime() - start) / 1e6);
        }
    }

    /** A Topology page fed generated answers, in a 1400x900 window. */
    private record Page(Stage stage, TopologyViewModel model, TopologyView view) {}

    private static Page page(AppTheme theme) throws Exception {
        Path dir = Files.createTempDirectory("topology-bench");
        CompletableFuture<Page> page = new CompletableFuture<>();
        Platform.runLater(() -> {
            FxUiExecutor ui = new FxUiExecutor();
            ActiveConnection connection = new ActiveConnection(
                    ConnectionProfile.embedded(),
                    new ConnectionResolver(
                            new FileSecretStore(dir),
                            new InProcessPlatform(dir, InProcessPlatform.Ports.ANY),
                            Duration.ofSeconds(3),
                            Duration.ofSeconds(15)),
                    ui);
            TopologyViewModel model = new TopologyViewModel(
                    new Messages(Locale.ROOT),
                    connection,
                    id -> {},
                    ui,
                    Executors.newSingleThreadExecutor(),
                    new PinnedPositions(new SettingsStore(dir)),
                    new dev.gatehouse.app.dialog.RecordingDialogService());
            TopologyView view = new TopologyView(model, new Messages(Locale.ROOT));
            // Nothing is connected here: show the graph instead of the page's "no mesh" state.
            StackPane layers = (StackPane) view.getCenter();
            layers.getChildren().get(0).visibleProperty().unbind();
            layers.getChildren().get(0).setVisible(true);
            layers.getChildren().get(1).visibleProperty().unbind();
            layers.getChildren().get(1).setVisible(false);
            Scene scene = new Scene(view, 1400, 900);
            scene.getStylesheets().add(ThemeApplier.APP_STYLESHEET);
            Application.setUserAgentStylesheet(theme.userAgentStylesheet());
            view.pseudoClassStateChanged(PseudoClass.getPseudoClass("dark"), theme.isDark());
            Stage stage = new Stage();
            stage.setScene(scene);
            stage.show();
            page.complete(new Page(stage, model, view));
        });
        return page.get(30, TimeUnit.SECONDS);
    }

    private static void showAndWait(Page page, TopologySources sources, int vertices) throws Exception {
        CountDownLatch drawn = new CountDownLatch(1);
        Platform.runLater(() -> {
            page.model().drawingProperty().addListener((obs, old, now) -> {
                if (now.graph().nodes().size() >= vertices) {
                    drawn.countDown();
                }
            });
            page.model().showSources(sources);
        });
        if (!drawn.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException(
                    "graph not drawn: " + page.model().errorProperty().get());
        }
    }

    private static void frames() throws Exception {
        Platform.startup(() -> {});
        Page page = page(AppTheme.LIGHT);
        TopologySources sources = GeneratedPlatform.of(SERVICES, EDGES, 1);
        showAndWait(page, sources, SERVICES);
        GraphCanvas canvas = page.view().canvas();
        for (String mode : List.of("warm-up (pan+zoom, not counted)", "pan", "zoom", "pan+zoom")) {
            long[] stamps = new long[4000];
            int[] count = {0};
            CountDownLatch done = new CountDownLatch(1);
            Platform.runLater(() -> {
                canvas.fit();
                canvas.zoomAt(2.5, canvas.getWidth() / 2, canvas.getHeight() / 2);
                new AnimationTimer() {
                    @Override
                    public void handle(long now) {
                        int i = count[0]++;
                        stamps[i] = now;
                        double phase = i / 60.0;
                        if (mode.contains("pan")) {
                            canvas.pan(6 * Math.cos(phase), 6 * Math.sin(phase));
                        }
                        if (mode.contains("zoom")) {
                            canvas.zoomAt(
                                    1 + 0.02 * Math.sin(phase * 2), canvas.getWidth() / 2, canvas.getHeight() / 2);
                        }
                        if (now - stamps[0] > 5_000_000_000L || count[0] == stamps.length) {
                            stop();
                            done.countDown();
                        }
                    }
                }.start();
            });
            done.await(30, TimeUnit.SECONDS);
            int n = count[0];
            double[] intervals = new double[n - 1];
            for (int i = 1; i < n; i++) {
                intervals[i - 1] = (stamps[i] - stamps[i - 1]) / 1e6;
            }
            Arrays.sort(intervals);
            double seconds = (stamps[n - 1] - stamps[0]) / 1e9;
            System.out.printf(
                    Locale.ROOT,
                    "(b) %s, %d vertices: %.1f fps over %.1f s; frame interval median %.1f ms, p95 %.1f ms, max %.1f ms%n",
                    mode,
                    SERVICES,
                    (n - 1) / seconds,
                    seconds,
                    intervals[intervals.length / 2],
                    intervals[(int) (intervals.length * 0.95)],
                    intervals[intervals.length - 1]);
        }
        // (c) A permission changes: from the new answers to the next frame showing the redrawn graph.
        for (int run = 1; run <= 5; run++) {
            TopologySources changed = GeneratedPlatform.of(SERVICES, EDGES + run, 1);
            CountDownLatch shown = new CountDownLatch(1);
            long[] times = new long[2];
            Platform.runLater(() -> {
                times[0] = System.nanoTime();
                page.model().drawingProperty().addListener(new javafx.beans.value.ChangeListener<>() {
                    @Override
                    public void changed(
                            javafx.beans.value.ObservableValue<? extends TopologyDrawing> o,
                            TopologyDrawing a,
                            TopologyDrawing b) {
                        o.removeListener(this);
                        new AnimationTimer() {
                            @Override
                            public void handle(long now) {
                                times[1] = System.nanoTime();
                                stop();
                                shown.countDown();
                            }
                        }.start();
                    }
                });
                page.model().showSources(changed);
            });
            shown.await(30, TimeUnit.SECONDS);
            System.out.printf(
                    Locale.ROOT,
                    "(c) redraw after a permission change, %d vertices: %.0f ms%n",
                    SERVICES,
                    (times[1] - times[0]) / 1e6);
        }
    }

    private static void shots(Path dir) throws Exception {
        Files.createDirectories(dir);
        Platform.startup(() -> {});
        for (AppTheme theme : AppTheme.values()) {
            Page page = page(theme);
            showAndWait(page, GeneratedPlatform.of(200, 260, 7), 200);
            FxShots.frames(10);
            FxShots.write(
                    () -> {
                        page.view().canvas().fit();
                        return page.stage().getScene();
                    },
                    dir.resolve(FxShots.file("topology-200", theme)));
            Platform.runLater(page.stage()::close);
        }
    }

    /** The real console on the embedded sandbox (the seed platform plus a consumer and a key-auth route), light and dark. */
    private static void seed(Path out) throws Exception {
        Files.createDirectories(out);
        Path dir = Files.createTempDirectory("topology-seed");
        Platform.startup(() -> {});
        CompletableFuture<dev.gatehouse.app.AppContext> started = new CompletableFuture<>();
        Platform.runLater(() -> {
            dev.gatehouse.app.AppContext context = new dev.gatehouse.app.AppContext(
                    new dev.gatehouse.app.settings.AppDirectories(dir.resolve("config"), dir.resolve("data")),
                    Locale.ROOT,
                    new InProcessPlatform(dir.resolve("data/sandbox"), InProcessPlatform.Ports.ANY),
                    new FileSecretStore(dir.resolve("config")),
                    new dev.gatehouse.app.concurrent.VirtualThreadExecutor(),
                    new FxUiExecutor(),
                    new dev.gatehouse.app.dialog.RecordingDialogService());
            Stage stage = new Stage();
            context.createMainWindow().showIn(stage, context.theme());
            stage.setWidth(1400);
            stage.setHeight(900);
            context.start();
            started.complete(context);
        });
        dev.gatehouse.app.AppContext context = started.get(30, TimeUnit.SECONDS);
        ActiveConnection connection = context.connection();
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (!(connection.stateProperty().get() == ActiveConnection.State.CONNECTED
                && connection.meshHealthProperty().get().isUp()
                && connection.gatewayHealthProperty().get().isUp())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("sandbox did not connect");
            }
            FxShots.frames(5);
        }
        dev.gatehouse.app.testing.TestRuntimes.loadConfig(
                connection.apis().gateway().orElseThrow().address(), """
                _format_version: "3.0"
                consumers:
                - username: alice
                services:
                - name: demo
                  url: http://demo-app.mesh:80
                  routes:
                  - name: demo-rt
                    paths: [/]
                  plugins:
                  - name: key-auth
                - name: status
                  url: http://status.example.com
                  routes:
                  - name: status-rt
                    paths: [/status]
                """);
        Platform.runLater(() -> context.shell().navigate(TopologyPage.ID));
        TopologyViewModel model = (TopologyViewModel) context.pageModel(TopologyPage.ID);
        while (model.drawingProperty().get().graph().nodes().size() < 6) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "graph not drawn: " + model.errorProperty().get());
            }
            FxShots.frames(5);
        }
        FxShots.themes(context, out, "topology-seed", 10);
        editingShots(context, model, out, deadline);
        context.close();
    }

    /**
     * The editing side panel on the seed with zero trust on (mTLS on, allow-all gone, set up over the repository):
     * gateway → demo-app applied from a draft, that edge selected with the history; then a draft for demo-app →
     * redis open. Light and dark.
     */
    private static void editingShots(
            dev.gatehouse.app.AppContext context, TopologyViewModel model, Path out, long deadline) throws Exception {
        var mesh = context.connection().apis().mesh().orElseThrow();
        var meshResource = mesh.find(dev.gatehouse.app.repository.mesh.MeshResourceType.MESH, "", "default")
                .get(30, TimeUnit.SECONDS)
                .orElseThrow();
        var mtls = meshResource.putObject("mtls");
        mtls.put("enabledBackend", "ca-1");
        mtls.putArray("backends").addObject().put("name", "ca-1").put("type", "builtin");
        mesh.apply(dev.gatehouse.app.repository.mesh.MeshEdit.put(
                        dev.gatehouse.app.repository.mesh.MeshResourceType.MESH, meshResource))
                .get(30, TimeUnit.SECONDS);
        mesh.apply(dev.gatehouse.app.repository.mesh.MeshEdit.delete(
                        dev.gatehouse.app.repository.mesh.MeshResourceType.TRAFFIC_PERMISSION,
                        "default",
                        "allow-all-default"))
                .get(30, TimeUnit.SECONDS);
        Platform.runLater(() -> model.requestConnect("svc:default/gateway", "svc:default/demo-app"));
        FxShots.frames(10);
        Platform.runLater(() -> model.editing().applyDraft());
        String edge = "ew:svc:default/gateway->svc:default/demo-app";
        while (model.drawingProperty().get().graph().edge(edge).isEmpty()
                || model.editing().entries().isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "edge not drawn: " + model.editing().statusProperty().get());
            }
            FxShots.frames(5);
        }
        Platform.runLater(() -> model.selectEdge(edge));
        FxShots.frames(10);
        shoot(context, out, "topology-edit-edge");
        Platform.runLater(() -> model.requestConnect("svc:default/demo-app", "svc:default/redis"));
        FxShots.frames(10);
        shoot(context, out, "topology-edit-draft");
    }

    private static void shoot(dev.gatehouse.app.AppContext context, Path out, String name) throws Exception {
        FxShots.themes(context, out, name, 10);
    }
}
