package dev.gatehouse.app.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.app.http.ConnectionProblem;
import dev.gatehouse.app.testing.TestConnections;
import dev.gatehouse.app.testing.TestRuntimes;
import dev.gatehouse.gateway.RunningGateway;
import dev.gatehouse.mesh.RunningControlPlane;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ActiveConnectionTest {

    @TempDir
    Path dir;

    @Test
    void aRemoteKongConnectsAndReportsTheGateway() {
        try (RunningGateway gateway = TestRuntimes.gateway(dir.resolve("gw"))) {
            ActiveConnection connection = TestConnections.connected(
                    dir, TestConnections.remoteKong("kong", URI.create(gateway.adminUrl()), Optional.empty()));
            assertThat(connection.stateProperty().get()).isEqualTo(ActiveConnection.State.CONNECTED);
            assertThat(connection.gatewayHealthProperty().get().isUp()).isTrue();
            assertThat(connection.gatewayHealthProperty().get().product()).isEqualTo("Gatehouse gateway");
            // Not "not checked yet" for ever: a Kong-only connection has no mesh, and says so.
            assertThat(connection.meshHealthProperty().get().status()).isEqualTo(EndpointHealth.Status.ABSENT);
            connection.close();
        }
    }

    @Test
    void switchingToAKumaProfileLeavesTheGatewayAndChecksTheMesh() {
        try (RunningGateway gateway = TestRuntimes.gateway(dir.resolve("gw"));
                RunningControlPlane cp = TestRuntimes.controlPlane(dir.resolve("cp"))) {
            ActiveConnection connection = TestConnections.connected(
                    dir, TestConnections.remoteKong("kong", URI.create(gateway.adminUrl()), Optional.empty()));
            connection.switchTo(TestConnections.remoteKuma("kuma", cp.apiUri())).join();
            assertThat(connection.profile().name()).isEqualTo("kuma");
            assertThat(connection.apis().gateway()).isEmpty();
            assertThat(connection.meshHealthProperty().get().isUp()).isTrue();
            assertThat(connection.gatewayHealthProperty().get().status()).isEqualTo(EndpointHealth.Status.ABSENT);
            connection.close();
        }
    }

    @Test
    void whileConnectedTheClientsAreNeverGoneNotEvenDuringASwitch() {
        // Bindings read the clients whenever the state says CONNECTED; a switch that dropped the clients first made
        // every such binding throw (the "ConnectedApis is null" warnings, dozens per switch).
        try (RunningGateway one = TestRuntimes.gateway(dir.resolve("one"));
                RunningGateway two = TestRuntimes.gateway(dir.resolve("two"))) {
            ActiveConnection connection = TestConnections.connected(
                    dir, TestConnections.remoteKong("one", URI.create(one.adminUrl()), Optional.empty()));
            List<String> violations = new ArrayList<>();
            Runnable check = () -> {
                if (connection.stateProperty().get() == ActiveConnection.State.CONNECTED && connection.apis() == null) {
                    violations.add("CONNECTED without clients, profile "
                            + connection.profile().name());
                }
            };
            connection.apisProperty().addListener((obs, old, now) -> check.run());
            connection.stateProperty().addListener((obs, old, now) -> check.run());
            connection.profileProperty().addListener((obs, old, now) -> check.run());
            connection
                    .switchTo(TestConnections.remoteKong("two", URI.create(two.adminUrl()), Optional.empty()))
                    .join();
            connection
                    .switchTo(TestConnections.remoteKong("one", URI.create(one.adminUrl()), Optional.empty()))
                    .join();
            assertThat(violations).isEmpty();
            assertThat(connection.stateProperty().get()).isEqualTo(ActiveConnection.State.CONNECTED);
            connection.close();
        }
    }

    @Test
    void aDeadGatewayIsDownWithTheReason() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        ActiveConnection connection = TestConnections.connected(
                dir, TestConnections.remoteKong("dead", URI.create("http://127.0.0.1:" + port), Optional.empty()));
        assertThat(connection.gatewayHealthProperty().get().problem()).isEqualTo(ConnectionProblem.REFUSED);
        connection.close();
    }

    @Test
    void theEmbeddedSandboxStartsOnFirstUseAndAnswersOverHttp() {
        try (var sandbox = TestConnections.sandbox(dir)) {
            ActiveConnection connection = TestConnections.connected(dir, ConnectionProfile.embedded(), sandbox);
            assertThat(connection.stateProperty().get()).isEqualTo(ActiveConnection.State.CONNECTED);
            assertThat(connection.gatewayHealthProperty().get().isUp()).isTrue();
            assertThat(connection.meshHealthProperty().get().isUp()).isTrue();
            assertThat(connection.apis().gateway().orElseThrow().address().getHost())
                    .isEqualTo("127.0.0.1");
            connection.close();
        }
    }
}
