package dev.gatehouse.app.traffic.kuma;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.gatehouse.app.concurrent.UiExecutor;
import dev.gatehouse.app.concurrent.VirtualThreadExecutor;
import dev.gatehouse.app.connection.ActiveConnection;
import dev.gatehouse.app.testing.ControlPlaneProcess;
import dev.gatehouse.app.testing.TestConnections;
import dev.gatehouse.app.testing.TestRuntimes;
import dev.gatehouse.app.traffic.FramePulse;
import dev.gatehouse.app.traffic.LiveTraffic;
import dev.gatehouse.app.traffic.Origin;
import dev.gatehouse.app.traffic.TrafficEvent;
import dev.gatehouse.app.traffic.TrafficFeed;
import dev.gatehouse.app.traffic.remote.CollectorAddress;
import dev.gatehouse.app.traffic.remote.LeftoverSweep;
import dev.gatehouse.app.traffic.remote.WatchLedger;
import dev.gatehouse.mesh.dataplane.Dataplane;
import dev.gatehouse.mesh.dataplane.DataplaneConfig;
import dev.gatehouse.mesh.dataplane.RunningDataplane;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Watching a remote Kuma stand-in: Gatehouse's control plane in a second JVM with data planes registered to it. Watch
 * creates a MeshAccessLog whose Tcp backend points at the console's collector (Kuma's
 * pkg/plugins/policies/meshaccesslog/api/v1alpha1/meshaccesslog.go), the data planes' records of each hop arrive in
 * the feed, Stop deletes the policy, and a policy a crashed console left is removed by the next sweep. The policy is
 * checked over the control plane's REST API.
 */
class RemoteKumaWatchTest {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    private static ControlPlaneProcess cp;
    private static HttpServer web;
    private static RunningDataplane webSidecar;
    private static RunningDataplane frontSidecar;

    private VirtualThreadExecutor background;
    private ActiveConnection connection;

    @BeforeAll
    static void startMesh() throws Exception {
        cp = ControlPlaneProcess.start(shared.resolve("cp"), Map.of());
        // mTLS on: the inbound record is the hop; it names its source "unknown" as Kuma's does, so every hop below
        // shows "front" only because HopTwins paired it with front-1's outbound record of the same connection
        TestRuntimes.kumaWrite(
                cp.api(),
                "PUT",
                "/meshes/shop",
                "type: Mesh\nname: shop\nmtls:\n  enabledBackend: ca-1\n  backends:\n  - name: ca-1\n    type: builtin\n");
        web = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        web.createContext("/", ex -> {
            byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(ex.getRequestURI().getPath().equals("/missing") ? 404 : 200, body.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(body);
            }
        });
        web.start();
        webSidecar = Dataplane.start(
                DataplaneConfig.of(cp.api(), """
                type: Dataplane
                mesh: shop
                name: web-1
                networking:
                  address: 127.0.0.1
                  inbound:
                  - port: 0
                    servicePort: %d
                    tags:
                      kuma.io/service: web
                      kuma.io/protocol: http
                """.formatted(web.getAddress().getPort())));
        frontSidecar = Dataplane.start(DataplaneConfig.of(cp.api(), """
                type: Dataplane
                mesh: shop
                name: front-1
                networking:
                  address: 127.0.0.1
                  gateway:
                    type: DELEGATED
                    tags:
                      kuma.io/service: front
                  outbound:
                  - port: 0
                    tags:
                      kuma.io/service: web
                """));
    }

    @AfterAll
    static void stopMesh() {
        frontSidecar.close();
        webSidecar.close();
        web.stop(0);
        cp.close();
    }

    @BeforeEach
    void connect() {
        background = new VirtualThreadExecutor();
        connection = TestConnections.connected(dir, TestConnections.remoteKuma("kuma", cp.api()));
    }

    @AfterEach
    void close() {
        connection.close();
        background.close();
    }

    @Test
    void watchCreatesAMeshAccessLogHopsArriveAndStopDeletesIt() throws Exception {
        WatchLedger ledger = new WatchLedger(dir.resolve("config"));
        TrafficFeed feed = new TrafficFeed(1000);
        LiveTraffic traffic = new LiveTraffic(feed, FramePulse.MANUAL, background, UiExecutor.DIRECT);
        String name = KumaTrafficSource.policyName(ledger);

        traffic.watch(source(ledger)).join();

        assertThat(traffic.state()).isEqualTo(LiveTraffic.State.WATCHING);
        HttpResponse<String> policy = get("/meshes/shop/meshaccesslogs/" + name);
        assertThat(policy.statusCode()).isEqualTo(200);
        assertThat(policy.body()).contains("\"Tcp\"", "127.0.0.1:", "%KUMA_TRAFFIC_DIRECTION%");
        assertThat(traffic.summaryProperty().get())
                .startsWith("Created MeshAccessLog " + name + " in mesh shop, sending to tcp://127.0.0.1:");
        assertThat(ledger.entries())
                .singleElement()
                .satisfies(e -> assertThat(e.mesh()).isEqualTo("shop"));

        // the data planes take the policy on their next refresh: keep asking until the first hop shows
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    request("/first");
                    feed.pulse();
                    return feed.snapshot().stream().anyMatch(RemoteKumaWatchTest::webHop);
                });
        int before = hops(feed.snapshot()).size();
        for (int i = 0; i < 5; i++) {
            request(i == 4 ? "/missing" : "/hop/" + i);
        }
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    feed.pulse();
                    return hops(feed.snapshot()).size() >= before + 5;
                });
        List<TrafficEvent> hops = hops(feed.snapshot());
        assertThat(hops).allSatisfy(e -> {
            assertThat(e.origin()).isEqualTo(Origin.MESH);
            assertThat(e.mesh()).isEqualTo("shop");
            assertThat(e.source()).isEqualTo("front");
        });
        assertThat(hops).extracting(TrafficEvent::path).contains("/hop/0", "/hop/3", "/missing");
        assertThat(hops.stream().filter(e -> e.path().equals("/missing")))
                .allSatisfy(e -> assertThat(e.status()).isEqualTo(404));

        traffic.stop().join();

        assertThat(get("/meshes/shop/meshaccesslogs/" + name).statusCode()).isEqualTo(404);
        assertThat(ledger.entries()).isEmpty();
    }

    @Test
    void aPolicyLeftByACrashedConsoleIsRemovedByTheNextSweep() throws Exception {
        Path config = dir.resolve("config");
        LiveTraffic dropped = new LiveTraffic(new TrafficFeed(10), FramePulse.MANUAL, background, UiExecutor.DIRECT);
        dropped.watch(source(new WatchLedger(config))).join();
        WatchLedger ledger = new WatchLedger(config);
        String name = KumaTrafficSource.policyName(ledger);
        assertThat(get("/meshes/shop/meshaccesslogs/" + name).statusCode()).isEqualTo(200);

        List<String> removed = new LeftoverSweep(ledger).sweep("kuma", connection.apis());

        assertThat(removed).containsExactly("MeshAccessLog " + name + " (in mesh shop)");
        assertThat(get("/meshes/shop/meshaccesslogs/" + name).statusCode()).isEqualTo(404);
        assertThat(new WatchLedger(config).entries()).isEmpty();
    }

    private KumaTrafficSource source(WatchLedger ledger) {
        return new KumaTrafficSource(connection.apis(), "kuma", "shop", CollectorAddress.LOOPBACK, ledger);
    }

    private static boolean webHop(TrafficEvent e) {
        return e.origin() == Origin.MESH && e.destination().equals("web") && e.countsAsHop();
    }

    private static List<TrafficEvent> hops(List<TrafficEvent> events) {
        return events.stream().filter(RemoteKumaWatchTest::webHop).toList();
    }

    /** One GET through front-1's outbound to web, as the gateway behind its sidecar would send it. */
    private static void request(String path) throws Exception {
        InetSocketAddress outbound = frontSidecar.outbound("web").orElseThrow();
        HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + outbound.getPort() + path))
                        .build(),
                HttpResponse.BodyHandlers.discarding());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(cp.api() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
