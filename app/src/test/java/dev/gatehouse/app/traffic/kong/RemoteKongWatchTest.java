package dev.gatehouse.app.traffic.kong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.app.concurrent.UiExecutor;
import dev.gatehouse.app.concurrent.VirtualThreadExecutor;
import dev.gatehouse.app.connection.ActiveConnection;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.testing.GatewayProcess;
import dev.gatehouse.app.testing.TestConnections;
import dev.gatehouse.app.testing.TestRuntimes;
import dev.gatehouse.app.traffic.FramePulse;
import dev.gatehouse.app.traffic.LiveTraffic;
import dev.gatehouse.app.traffic.Origin;
import dev.gatehouse.app.traffic.TrafficEvent;
import dev.gatehouse.app.traffic.TrafficFeed;
import dev.gatehouse.app.traffic.remote.CollectorAddress;
import dev.gatehouse.app.traffic.remote.RemoteTraffic;
import dev.gatehouse.app.traffic.remote.WatchLedger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Watching a remote Kong (the gateway in a second JVM): Watch adds an http-log plugin (Kong's
 * kong/plugins/http-log/schema.lua, posting Kong's basic log serializer from kong/pdk/log.lua), proxied requests
 * reach the feed, Stop and leaving the connection remove the plugin, and a console that crashed with the plugin in
 * place removes it on its next start, from its ledger or, the ledger lost, by the plugin's tags. Every check of the
 * plugin goes over the Admin API.
 */
class RemoteKongWatchTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    private static GatewayProcess gateway;
    private static URI admin;
    private static URI proxy;

    private final List<AutoCloseable> closing = new ArrayList<>();
    private VirtualThreadExecutor background;

    @BeforeAll
    static void startGateway() throws Exception {
        gateway = GatewayProcess.start(shared.resolve("gw"), "--admin-listen", "127.0.0.1:0");
        admin = gateway.adminUri();
        proxy = gateway.proxyUri();
        // two services whose upstream is the gateway's own Admin API (GET /status answers 200)
        TestRuntimes.loadConfig(admin, """
                _format_version: "3.0"
                services:
                - name: alpha
                  url: %1$s/status
                  routes:
                  - name: alpha-route
                    paths: [/alpha]
                - name: beta
                  url: %1$s/status
                  routes:
                  - name: beta-route
                    paths: [/beta]
                """.formatted(admin));
    }

    @AfterAll
    static void stopGateway() {
        gateway.close();
    }

    @BeforeEach
    void setUp() {
        background = new VirtualThreadExecutor();
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : closing.reversed()) {
            c.close();
        }
        background.close();
        // nothing a test added may stay for the next one
        for (JsonNode p : plugins()) {
            delete("/plugins/" + p.path("id").asText());
        }
    }

    @Test
    void watchAddsHttpLogGloballyRequestsArriveAndStopRemovesIt() throws Exception {
        Path config = dir.resolve("config");
        WatchLedger ledger = new WatchLedger(config);
        ActiveConnection connection = connect("remote");
        TrafficFeed feed = new TrafficFeed(1000);
        LiveTraffic traffic = traffic(feed);

        traffic.watch(source(connection, KongScope.global(), ledger)).join();

        assertThat(traffic.state()).isEqualTo(LiveTraffic.State.WATCHING);
        List<JsonNode> plugins = plugins();
        assertThat(plugins).hasSize(1);
        JsonNode plugin = plugins.get(0);
        assertThat(plugin.path("name").asText()).isEqualTo("http-log");
        assertThat(plugin.path("service").isNull()).isTrue();
        assertThat(tags(plugin)).contains(WatchLedger.TAG, ledger.consoleTag());
        String id = plugin.path("id").asText();
        assertThat(traffic.summaryProperty().get())
                .startsWith("Added http-log plugin " + id + " globally, posting to http://127.0.0.1:");
        // written down before it was added, with owner-only permissions
        assertThat(ledger.entries())
                .singleElement()
                .satisfies(e -> assertThat(e.id()).isEqualTo(id));
        assertThat(Files.getPosixFilePermissions(ledger.file()).toString()).isEqualTo("[OWNER_READ, OWNER_WRITE]");

        awaitPluginApplied(feed, "/alpha");
        for (int i = 0; i < 10; i++) {
            assertThat(get(proxy + "/alpha?n=" + i).statusCode()).isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    feed.pulse();
                    return numbered(feed).size() == 10;
                });
        List<TrafficEvent> seen = numbered(feed);
        assertThat(seen).allSatisfy(e -> {
            assertThat(e.origin()).isEqualTo(Origin.GATEWAY);
            assertThat(e.status()).isEqualTo(200);
            assertThat(e.destination()).isEqualTo("alpha");
            assertThat(e.route()).isEqualTo("alpha-route");
            assertThat(e.method()).isEqualTo("GET");
        });
        assertThat(seen).extracting(TrafficEvent::path).contains("/alpha?n=0", "/alpha?n=9");

        traffic.stop().join();

        assertThat(plugins()).isEmpty();
        assertThat(ledger.entries()).isEmpty();
        assertThat(new WatchLedger(config).entries()).isEmpty();
    }

    @Test
    void aServiceScopedWatchSeesOnlyThatServicesRequests() throws Exception {
        WatchLedger ledger = new WatchLedger(dir.resolve("config"));
        ActiveConnection connection = connect("remote");
        TrafficFeed feed = new TrafficFeed(1000);
        LiveTraffic traffic = traffic(feed);
        String alphaId =
                JSON.readTree(get(admin + "/services/alpha").body()).path("id").asText();

        traffic.watch(source(connection, KongScope.service(alphaId, "alpha"), ledger))
                .join();

        JsonNode plugin = plugins().get(0);
        assertThat(plugin.path("service").path("id").asText()).isEqualTo(alphaId);
        assertThat(traffic.summaryProperty().get()).contains(" on service alpha, posting to http://");
        awaitPluginApplied(feed, "/alpha");
        // beta's first: had they been logged, they would arrive before alpha's last
        for (int i = 0; i < 5; i++) {
            get(proxy + "/beta");
        }
        for (int i = 0; i < 5; i++) {
            get(proxy + "/alpha");
        }
        List<TrafficEvent> seen = awaitEvents(feed, 5);
        assertThat(seen).extracting(TrafficEvent::destination).containsOnly("alpha");

        traffic.stop().join();
        assertThat(plugins()).isEmpty();
    }

    @Test
    void leavingTheConnectionRemovesThePluginBeforeTheClientsClose() throws Exception {
        WatchLedger ledger = new WatchLedger(dir.resolve("config"));
        ActiveConnection connection = connect("remote");
        LiveTraffic traffic = traffic(new TrafficFeed(1000));
        new RemoteTraffic(ledger, connection, traffic, background, UiExecutor.DIRECT, messages(), notice -> {});
        traffic.watch(source(connection, KongScope.global(), ledger)).join();
        assertThat(plugins()).hasSize(1);

        connection
                .switchTo(TestConnections.remoteKong("other", admin, Optional.of(proxy)))
                .join();

        await().atMost(Duration.ofSeconds(10)).until(() -> plugins().isEmpty());
        assertThat(traffic.state()).isEqualTo(LiveTraffic.State.IDLE);
        assertThat(ledger.entries()).isEmpty();
    }

    @Test
    void theNextStartRemovesAPluginLeftByAConsoleThatCrashed() throws Exception {
        Path config = dir.resolve("config");
        ActiveConnection crashed = connect("remote");
        LiveTraffic dropped = traffic(new TrafficFeed(1000));
        dropped.watch(source(crashed, KongScope.global(), new WatchLedger(config)))
                .join();
        String id = plugins().get(0).path("id").asText();
        // the console "dies": its traffic and clients are dropped without close, the plugin stays

        AtomicReference<String> notice = new AtomicReference<>("");
        WatchLedger ledger = new WatchLedger(config);
        assertThat(ledger.leftovers("remote")).hasSize(1);
        ActiveConnection restarted = new ActiveConnection(
                TestConnections.remoteKong("remote", admin, Optional.of(proxy)),
                TestConnections.resolver(
                        new dev.gatehouse.app.secret.FileSecretStore(config), TestConnections.sandbox(dir)),
                UiExecutor.DIRECT);
        closing.add(restarted);
        new RemoteTraffic(
                ledger,
                restarted,
                traffic(new TrafficFeed(10)),
                background,
                UiExecutor.DIRECT,
                messages(),
                notice::set);
        restarted.connect().join();

        await().atMost(Duration.ofSeconds(10)).until(() -> plugins().isEmpty());
        await().atMost(Duration.ofSeconds(5)).until(() -> notice.get().contains(id));
        assertThat(notice.get()).contains("http-log plugin " + id + " (globally)");
        assertThat(ledger.entries()).isEmpty();
        assertThat(new WatchLedger(config).entries()).isEmpty();
    }

    @Test
    void withTheLedgerLostTheTagsFindTheLeftoverAndAnotherConsolesPluginStays() throws Exception {
        Path config = dir.resolve("config");
        Path otherConfig = dir.resolve("other-console");
        ActiveConnection crashed = connect("remote");
        traffic(new TrafficFeed(10))
                .watch(source(crashed, KongScope.global(), new WatchLedger(config)))
                .join();
        // a second console on another machine watches one service of the same gateway
        String betaId =
                JSON.readTree(get(admin + "/services/beta").body()).path("id").asText();
        LiveTraffic other = traffic(new TrafficFeed(10));
        other.watch(source(connect("remote"), KongScope.service(betaId, "beta"), new WatchLedger(otherConfig)))
                .join();
        assertThat(plugins()).hasSize(2);
        String consoleId = new WatchLedger(config).consoleId();
        // the ledger's entries are lost, the console's id is not
        Files.writeString(config.resolve("live-traffic.json"), "{\"console\":\"" + consoleId + "\",\"added\":[]}");

        WatchLedger ledger = new WatchLedger(config);
        List<String> removed = new dev.gatehouse.app.traffic.remote.LeftoverSweep(ledger)
                .sweep("remote", connect("remote").apis());

        assertThat(removed).hasSize(1);
        List<JsonNode> left = plugins();
        assertThat(left).hasSize(1);
        assertThat(tags(left.get(0))).contains(new WatchLedger(otherConfig).consoleTag());
        other.stop().join();
        assertThat(plugins()).isEmpty();
    }

    @Test
    void aGlobalHttpLogOfTheUsersOwnMakesAGlobalWatchFailWithASentenceAndLeavesNothing() throws Exception {
        WatchLedger ledger = new WatchLedger(dir.resolve("config"));
        ActiveConnection connection = connect("remote");
        LiveTraffic traffic = traffic(new TrafficFeed(10));
        HTTP.send(
                HttpRequest.newBuilder(URI.create(admin + "/plugins"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"name\":\"http-log\",\"config\":{\"http_endpoint\":\"http://127.0.0.1:9/x\"}}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        traffic.watch(source(connection, KongScope.global(), ledger)).join();

        assertThat(traffic.state()).isEqualTo(LiveTraffic.State.FAILED);
        assertThat(traffic.summaryProperty().get())
                .contains("already has an http-log plugin globally, and Kong allows one per scope: watch one service");
        assertThat(plugins()).hasSize(1);
        assertThat(ledger.entries()).isEmpty();
    }

    private KongTrafficSource source(ActiveConnection connection, KongScope scope, WatchLedger ledger) {
        return new KongTrafficSource(
                connection.apis(), connection.profile().id(), scope, CollectorAddress.LOOPBACK, ledger);
    }

    private ActiveConnection connect(String id) {
        ActiveConnection c = TestConnections.connected(
                dir.resolve(id + "-" + closing.size()), TestConnections.remoteKong(id, admin, Optional.of(proxy)));
        closing.add(c);
        return c;
    }

    private LiveTraffic traffic(TrafficFeed feed) {
        return new LiveTraffic(feed, FramePulse.MANUAL, background, UiExecutor.DIRECT);
    }

    private static Messages messages() {
        return new Messages(Locale.ENGLISH);
    }

    /** Pulses the feed (as the frame would) until {@code count} events are in, within 5 s. */
    private static List<TrafficEvent> awaitEvents(TrafficFeed feed, int count) {
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    feed.pulse();
                    return feed.size() >= count;
                });
        return feed.snapshot();
    }

    /** The events of the numbered requests, without the probes. */
    private static List<TrafficEvent> numbered(TrafficFeed feed) {
        return feed.snapshot().stream()
                .filter(e -> e.path().startsWith("/alpha?n="))
                .toList();
    }

    /**
     * Sends probes to {@code path} until one is logged, then empties the feed. A gateway applies a new plugin to its
     * proxy a moment after the Admin API created it (Kong: within db_update_frequency, kong/conf_loader), so the
     * first requests after Watch may pass unlogged.
     */
    private static void awaitPluginApplied(TrafficFeed feed, String path) {
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    get(proxy + path + "?probe");
                    feed.pulse();
                    return feed.size() > 0;
                });
        // the last probes may still be on their way: wait until a quiet moment has passed with none arriving
        long[] last = {System.nanoTime()};
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    if (feed.pulse() > 0) {
                        last[0] = System.nanoTime();
                    }
                    return System.nanoTime() - last[0] > Duration.ofMillis(300).toNanos();
                });
        feed.clear();
    }

    private static List<JsonNode> plugins() throws Exception {
        List<JsonNode> out = new ArrayList<>();
        JSON.readTree(get(admin + "/plugins").body()).path("data").forEach(out::add);
        return out;
    }

    private static List<String> tags(JsonNode entity) {
        List<String> out = new ArrayList<>();
        entity.path("tags").forEach(t -> out.add(t.asText()));
        return out;
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void delete(String path) throws Exception {
        HTTP.send(
                HttpRequest.newBuilder(URI.create(admin + path)).DELETE().build(),
                HttpResponse.BodyHandlers.discarding());
    }
}
