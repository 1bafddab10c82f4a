package dev.gatehouse.app.pages.traffic;

import dev.gatehouse.app.AppContext;
import dev.gatehouse.app.concurrent.FxUiExecutor;
import dev.gatehouse.app.concurrent.VirtualThreadExecutor;
import dev.gatehouse.app.connection.ActiveConnection;
import dev.gatehouse.app.dialog.RecordingDialogService;
import dev.gatehouse.app.embedded.InProcessPlatform;
import dev.gatehouse.app.repository.mesh.MeshEdit;
import dev.gatehouse.app.repository.mesh.MeshRepository;
import dev.gatehouse.app.repository.mesh.MeshResourceType;
import dev.gatehouse.app.secret.FileSecretStore;
import dev.gatehouse.app.settings.AppDirectories;
import dev.gatehouse.app.testing.TestRuntimes;
import dev.gatehouse.app.theme.AppTheme;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;

/**
 * Screenshots of the Live traffic page on the embedded sandbox with traffic flowing, light and dark: requests with and
 * without the key, then zero trust (mTLS on, allow-all gone) so the mesh denies demo-app. Run with
 * {@code app/bench/traffic-shots.sh DIR} (starts Xvfb when there is no display).
 */
public final class TrafficShots {

    private static final String KEY = "alice-secret-key";

    private TrafficShots() {}

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "target/traffic-shots");
        Files.createDirectories(out);
        Path dir = Files.createTempDirectory("traffic-shots");
        Platform.startup(() -> {});
        CompletableFuture<AppContext> started = new CompletableFuture<>();
        Platform.runLater(() -> {
            AppContext context = new AppContext(
                    new AppDirectories(dir.resolve("config"), dir.resolve("data")),
                    Locale.ROOT,
                    new InProcessPlatform(dir.resolve("data/sandbox"), InProcessPlatform.Ports.ANY),
                    new FileSecretStore(dir.resolve("config")),
                    new VirtualThreadExecutor(),
                    new FxUiExecutor(),
                    new RecordingDialogService());
            Stage stage = new Stage();
            context.createMainWindow().showIn(stage, context.theme());
            stage.setWidth(1400);
            stage.setHeight(900);
            context.start();
            started.complete(context);
        });
        AppContext context = started.get(30, TimeUnit.SECONDS);
        ActiveConnection connection = context.connection();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!(connection.stateProperty().get() == ActiveConnection.State.CONNECTED
                && connection.gatewayHealthProperty().get().isUp()
                && connection.meshHealthProperty().get().isUp())) {
            check(deadline, "the sandbox did not connect");
            frames(5);
        }
        TestRuntimes.loadConfig(connection.apis().gateway().orElseThrow().address(), """
                _format_version: "3.0"
                services:
                - name: demo
                  url: http://demo-app.mesh:80
                  routes:
                  - name: demo-rt
                    paths: [/]
                    plugins:
                    - name: key-auth
                consumers:
                - username: alice
                  keyauth_credentials:
                  - key: %s
                - username: bob
                  keyauth_credentials:
                  - key: bob-key
                """.formatted(KEY));
        URI proxy = connection.apis().proxy().orElseThrow().address();
        Platform.runLater(() -> context.shell().navigate(TrafficPage.ID));
        HttpClient http = HttpClient.newHttpClient();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread load = Thread.ofPlatform().daemon().start(() -> {
            String[] paths = {"/counter", "/version", "/", "/missing", "/counter?apikey=" + KEY};
            int i = 0;
            while (running.get()) {
                try {
                    HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(proxy + paths[i % paths.length]));
                    if (i % 4 != 3) {
                        r.header("apikey", i % 3 == 0 ? "bob-key" : KEY);
                    }
                    http.send(r.build(), HttpResponse.BodyHandlers.discarding());
                    i++;
                    Thread.sleep(40);
                } catch (Exception e) {
                    if (e instanceof InterruptedException) {
                        return;
                    }
                }
            }
        });
        frames(240);
        zeroTrust(connection.apis().mesh().orElseThrow());
        frames(300);
        TrafficViewModel model = (TrafficViewModel) context.pageModel(TrafficPage.ID);
        Platform.runLater(() -> model.rows().stream()
                .filter(r ->
                        r.isRequest() && r.event().status() == 200 && !r.hops().isEmpty())
                .reduce((a, b) -> b)
                .ifPresent(model.selectedProperty()::set));
        frames(10);
        for (AppTheme theme : AppTheme.values()) {
            Platform.runLater(() -> context.theme().themeProperty().set(theme));
            frames(20);
            CompletableFuture<WritableImage> image = new CompletableFuture<>();
            Platform.runLater(() -> image.complete(
                    javafx.stage.Window.getWindows().get(0).getScene().snapshot(null)));
            Path file = out.resolve("traffic-" + theme.name().toLowerCase(Locale.ROOT) + ".png");
            ImageIO.write(toBuffered(image.get(30, TimeUnit.SECONDS)), "png", file.toFile());
            System.out.println("wrote " + file);
        }
        running.set(false);
        load.interrupt();
        CountDownLatch closed = new CountDownLatch(1);
        Platform.runLater(() -> {
            context.close();
            closed.countDown();
        });
        closed.await(30, TimeUnit.SECONDS);
        Platform.exit();
    }

    /** mTLS on and allow-all gone: nothing permits gateway → demo-app any more. */
    private static void zeroTrust(MeshRepository mesh) throws Exception {
        var meshResource = mesh.find(MeshResourceType.MESH, "", "default")
                .get(30, TimeUnit.SECONDS)
                .orElseThrow();
        var mtls = meshResource.putObject("mtls");
        mtls.put("enabledBackend", "ca-1");
        mtls.putArray("backends").addObject().put("name", "ca-1").put("type", "builtin");
        mesh.apply(MeshEdit.put(MeshResourceType.MESH, meshResource)).get(30, TimeUnit.SECONDS);
        mesh.apply(MeshEdit.delete(MeshResourceType.TRAFFIC_PERMISSION, "default", "allow-all-default"))
                .get(30, TimeUnit.SECONDS);
    }

    private static void check(long deadline, String what) {
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException(what);
        }
    }

    /** Waits for {@code n} pulses, so CSS and layout passes have run on what was just shown. */
    private static void frames(int n) throws InterruptedException {
        CountDownLatch pulses = new CountDownLatch(n);
        Platform.runLater(() -> new AnimationTimer() {
            @Override
            public void handle(long now) {
                pulses.countDown();
                if (pulses.getCount() == 0) {
                    stop();
                }
            }
        }.start());
        pulses.await(60, TimeUnit.SECONDS);
    }

    private static BufferedImage toBuffered(WritableImage image) {
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        PixelReader reader = image.getPixelReader();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out.setRGB(x, y, reader.getArgb(x, y));
            }
        }
        return out;
    }
}
