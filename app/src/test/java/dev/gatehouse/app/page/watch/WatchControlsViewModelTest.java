package dev.gatehouse.app.page.watch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.app.concurrent.UiExecutor;
import dev.gatehouse.app.concurrent.VirtualThreadExecutor;
import dev.gatehouse.app.connection.ActiveConnection;
import dev.gatehouse.app.connection.ConnectionKind;
import dev.gatehouse.app.connection.ConnectionProfile;
import dev.gatehouse.app.connection.EndpointSettings;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.testing.TestConnections;
import dev.gatehouse.app.testing.TestRuntimes;
import dev.gatehouse.app.traffic.FramePulse;
import dev.gatehouse.app.traffic.LiveTraffic;
import dev.gatehouse.app.traffic.TrafficFeed;
import dev.gatehouse.app.traffic.kuma.KumaTrafficSource;
import dev.gatehouse.app.traffic.remote.MachineAddress;
import dev.gatehouse.app.traffic.remote.WatchLedger;
import dev.gatehouse.gateway.RunningGateway;
import dev.gatehouse.mesh.RunningControlPlane;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watch controls without FX (the calling thread as UI thread), against a real gateway and control plane reached
 * as remote connections: which controls apply, the scope choices, Watch and Stop, and the sentences.
 */
class WatchControlsViewModelTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private final Messages messages = new Messages(Locale.ENGLISH);
    private RunningGateway gateway;
    private RunningControlPlane cp;
    private VirtualThreadExecutor background;
    private LiveTraffic traffic;
    private WatchLedger ledger;
    private ActiveConnection connection;

    @BeforeEach
    void start() throws Exception {
        gateway = TestRuntimes.gateway(dir.resolve("gw"));
        TestRuntimes.loadConfig(gateway, """
                _format_version: "3.0"
                services:
                - name: service-10
                  url: http://127.0.0.1:9/
                - name: service-2
                  url: http://127.0.0.1:9/
                """);
        cp = TestRuntimes.controlPlane(dir.resolve("cp"));
        background = new VirtualThreadExecutor();
        traffic = new LiveTraffic(new TrafficFeed(100), FramePulse.MANUAL, background, UiExecutor.DIRECT);
        ledger = new WatchLedger(dir.resolve("config"));
    }

    @AfterEach
    void stop() {
        traffic.close();
        if (connection != null) {
            connection.close();
        }
        background.close();
        cp.close();
        gateway.close();
    }

    @Test
    void aRemoteKongOffersEveryServiceOrOneAndWatchesTheChosenOne() throws Exception {
        WatchControlsViewModel model = model(TestConnections.remoteKong("kong", admin(), Optional.empty()));
        awaitLoaded(model);

        assertThat(model.modeProperty().get()).isEqualTo(WatchControlsViewModel.Mode.REMOTE);
        assertThat(model.gatewayProperty().get()).isTrue();
        assertThat(model.meshProperty().get()).isFalse();
        assertThat(model.services())
                .extracting(model::label)
                .containsExactly("All services (global)", "service-2", "service-10");
        assertThat(model.serviceProperty().get()).isEqualTo(ServiceChoice.ALL);
        assertThat(model.statusProperty().get())
                .isEqualTo("Not watching. Watch adds an http-log plugin to the gateway, and Stop removes it.");
        assertThat(model.canWatchBinding().get()).isTrue();

        ServiceChoice two = model.services().get(1);
        model.serviceProperty().set(two);
        model.watch().join();

        JsonNode plugin = plugins().get(0);
        assertThat(plugin.path("service").path("id").asText()).isEqualTo(two.id());
        assertThat(model.watchingBinding().get()).isTrue();
        assertThat(model.canWatchBinding().get()).isFalse();
        assertThat(model.statusProperty().get())
                .isEqualTo(traffic.summaryProperty().get())
                .startsWith("Added http-log plugin " + plugin.path("id").asText() + " on service service-2");

        model.stop().join();

        assertThat(plugins()).isEmpty();
        assertThat(model.watchingBinding().get()).isFalse();
        assertThat(model.statusProperty().get()).startsWith("Not watching.");
    }

    /** On every interface the console picks the address Kong is told, and the sentence says which, before and after. */
    @Test
    void aCollectorOnEveryInterfaceSaysWhichAddressTheGatewayIsTold() throws Exception {
        WatchControlsViewModel model = model(TestConnections.remoteKong("kong", admin(), Optional.empty()));
        awaitLoaded(model);
        MachineAddress machine = MachineAddress.find();
        String note = machine.siteLocal()
                ? "The collector listens on every interface, so the gateway and data planes are told to send to "
                        + machine.host() + ", this machine's site-local address: write another address instead of"
                        + " 0.0.0.0 to choose it."
                : "The collector listens on every interface, and this machine has no site-local address: the gateway"
                        + " and data planes are told to send to " + machine.host()
                        + ". Write the address they can reach instead of 0.0.0.0.";

        model.addressProperty().set("0.0.0.0:0");
        assertThat(model.statusProperty().get())
                .isEqualTo("Not watching. Watch adds an http-log plugin to the gateway, and Stop removes it. " + note);
        model.watch().join();

        String endpoint = plugins().get(0).path("config").path("http_endpoint").asText();
        assertThat(URI.create(endpoint).getHost()).isEqualTo(machine.host());
        assertThat(model.statusProperty().get())
                .startsWith("Added http-log plugin")
                .endsWith(" " + note);

        model.stop().join();
        // a chosen address needs no word
        model.addressProperty().set("127.0.0.1:0");
        assertThat(model.statusProperty().get())
                .isEqualTo("Not watching. Watch adds an http-log plugin to the gateway, and Stop removes it.");
    }

    @Test
    void aBadAddressIsSaidAtTheFieldAndNothingIsAdded() throws Exception {
        WatchControlsViewModel model = model(TestConnections.remoteKong("kong", admin(), Optional.empty()));
        awaitLoaded(model);

        model.addressProperty().set("localhost");
        model.watch().join();

        assertThat(model.addressErrorProperty().get())
                .isEqualTo("Write the collector address as host:port, for example 127.0.0.1:0.");
        assertThat(traffic.state()).isEqualTo(LiveTraffic.State.IDLE);
        assertThat(plugins()).isEmpty();
        model.addressProperty().set("127.0.0.1:0");
        assertThat(model.addressErrorProperty().get()).isEmpty();
    }

    @Test
    void aFailureIsASentence() throws Exception {
        HTTP.send(
                HttpRequest.newBuilder(URI.create(admin() + "/plugins"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"name\":\"http-log\",\"config\":{\"http_endpoint\":\"http://127.0.0.1:9/x\"}}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        WatchControlsViewModel model = model(TestConnections.remoteKong("kong", admin(), Optional.empty()));
        awaitLoaded(model);

        model.watch().join();

        assertThat(model.statusProperty().get())
                .startsWith("Could not watch: The gateway at " + admin() + " already has an http-log plugin globally");
        assertThat(model.watchingBinding().get()).isFalse();
        assertThat(model.canWatchBinding().get()).isTrue();
    }

    @Test
    void aConnectionWithAGatewayAndAMeshWatchesBothAndStopRemovesBoth() throws Exception {
        TestRuntimes.kumaWrite(cp.apiUri(), "PUT", "/meshes/zeta", "type: Mesh\nname: zeta\n");
        ConnectionProfile both = new ConnectionProfile(
                "both",
                "both",
                ConnectionKind.REMOTE_KONG,
                Optional.of(EndpointSettings.plain(admin())),
                Optional.empty(),
                Optional.of(EndpointSettings.plain(cp.apiUri())));
        WatchControlsViewModel model = model(both);
        awaitLoaded(model);
        assertThat(model.meshes()).contains("default", "zeta");
        assertThat(model.meshNameProperty().get()).isEqualTo("default");
        model.meshNameProperty().set("zeta");
        assertThat(model.statusProperty().get())
                .isEqualTo("Not watching. Watch adds an http-log plugin to the gateway and creates a MeshAccessLog in"
                        + " the mesh; Stop removes both.");
        String policy = "/meshes/zeta/meshaccesslogs/" + KumaTrafficSource.policyName(ledger);

        model.watch().join();

        assertThat(traffic.state()).isEqualTo(LiveTraffic.State.WATCHING);
        assertThat(plugins()).hasSize(1);
        assertThat(status(cp.apiUri() + policy)).isEqualTo(200);
        assertThat(model.statusProperty().get())
                .contains("Added http-log plugin", "globally")
                .contains("Created MeshAccessLog", "in mesh zeta");

        model.stop().join();

        assertThat(plugins()).isEmpty();
        assertThat(status(cp.apiUri() + policy)).isEqualTo(404);
        assertThat(ledger.entries()).isEmpty();
    }

    @Test
    void theSandboxIsWatchedInProcessWithNothingToChoose() {
        try (var sandbox = TestConnections.sandbox(dir)) {
            connection = TestConnections.connected(dir, ConnectionProfile.embedded(), sandbox);
            WatchControlsViewModel model =
                    new WatchControlsViewModel(messages, connection, traffic, ledger, UiExecutor.DIRECT);

            assertThat(model.modeProperty().get()).isEqualTo(WatchControlsViewModel.Mode.EMBEDDED);
            assertThat(model.canWatchBinding().get()).isFalse();
            assertThat(model.statusProperty().get()).startsWith("The sandbox is watched in-process");
            connection.close();
            connection = null;
        }
    }

    private WatchControlsViewModel model(ConnectionProfile profile) {
        connection = TestConnections.connected(dir, profile);
        return new WatchControlsViewModel(messages, connection, traffic, ledger, UiExecutor.DIRECT);
    }

    /** The lists arrive from the repositories' I/O threads: wait for them, without sleeping blindly. */
    private static void awaitLoaded(WatchControlsViewModel model) {
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(5))
                .until(() -> (!model.gatewayProperty().get()
                                || !model.services().isEmpty())
                        && (!model.meshProperty().get() || !model.meshes().isEmpty()));
    }

    private URI admin() {
        return URI.create(gateway.adminUrl());
    }

    private List<JsonNode> plugins() throws Exception {
        JsonNode data = JSON.readTree(HTTP.send(
                                HttpRequest.newBuilder(URI.create(admin() + "/plugins"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body())
                .path("data");
        List<JsonNode> out = new java.util.ArrayList<>();
        data.forEach(out::add);
        return out;
    }

    private static int status(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
