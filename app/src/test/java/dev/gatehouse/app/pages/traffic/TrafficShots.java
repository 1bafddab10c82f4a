package dev.gatehouse.app.pages.traffic;

import dev.gatehouse.app.AppContext;
import dev.gatehouse.app.connection.ActiveConnection;
import dev.gatehouse.app.testing.FxShots;
import dev.gatehouse.app.testing.SandboxDemo;
import dev.gatehouse.app.testing.TestConsoles;
import dev.gatehouse.app.testing.TestRuntimes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;
import javafx.stage.Stage;

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
        Platform.runLater(() -> started.complete(TestConsoles.onSandbox(dir, new Stage())));
        AppContext context = started.get(30, TimeUnit.SECONDS);
        ActiveConnection connection = context.connection();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!(connection.stateProperty().get() == ActiveConnection.State.CONNECTED
                && connection.gatewayHealthProperty().get().isUp()
                && connection.meshHealthProperty().get().isUp())) {
            check(deadline, "the sandbox did not connect");
            FxShots.frames(5);
        }
        TestRuntimes.loadConfig(
                connection.apis().gateway().orElseThrow().address(),
                SandboxDemo.keyAuth(SandboxDemo.DEMO_APP, "alice", KEY, "bob", "bob-key"));
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
        FxShots.frames(240);
        SandboxDemo.zeroTrust(connection.apis().mesh().orElseThrow());
        FxShots.frames(300);
        TrafficViewModel model = (TrafficViewModel) context.pageModel(TrafficPage.ID);
        Platform.runLater(() -> model.rows().stream()
                .filter(r ->
                        r.isRequest() && r.event().status() == 200 && !r.hops().isEmpty())
                .reduce((a, b) -> b)
                .ifPresent(model.selectedProperty()::set));
        FxShots.frames(10);
        FxShots.themes(context, out, "traffic", 20);
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

    private static void check(long deadline, String what) {
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException(what);
        }
    }
}
