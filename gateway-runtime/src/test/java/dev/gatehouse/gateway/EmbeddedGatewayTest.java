package dev.gatehouse.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.gateway.store.Change;
import dev.gatehouse.gateway.store.ChangeEvent;
import dev.gatehouse.gateway.support.AdminClient;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embeddable API the console's in-process sandbox uses: port 0, bound address, snapshot, feed, close. */
class EmbeddedGatewayTest {

    @Test
    void startOnFreePortsServeAndClose(@TempDir Path dir) throws Exception {
        BlockingQueue<ChangeEvent> events = new LinkedBlockingQueue<>();
        int port;
        try (RunningGateway gw = Gateway.start(GatewayConfig.ephemeral(dir.resolve("data")))) {
            port = gw.adminAddress().getPort();
            assertThat(port).isPositive();
            gw.subscribe(events::add);
            AdminClient api = new AdminClient(gw.adminUrl());
            String id = api.post("/services", Map.of("name", "embedded", "host", "e.test"))
                    .json()
                    .get("id")
                    .asText();
            assertThat(gw.snapshot().get("services", id)).isNotNull();
            ChangeEvent e = events.poll(5, TimeUnit.SECONDS);
            assertThat(e).isNotNull();
            assertThat(e.changes().get(0).op()).isEqualTo(Change.Op.CREATE);
            assertThat(e.changes().get(0).id()).isEqualTo(id);
            assertThat(gw.config().toString()).doesNotContain("secret");
        }
        try (ServerSocket reuse = new ServerSocket(port, 50, java.net.InetAddress.getLoopbackAddress())) {
            assertThat(reuse.getLocalPort()).isEqualTo(port); // close() released the listener
        }
        try (RunningGateway again = Gateway.start(GatewayConfig.ephemeral(dir.resolve("data")))) {
            assertThat(again.snapshot().list("services")).hasSize(1);
        }
    }

    @Test
    void startFailsCleanlyOnABusyPort(@TempDir Path dir) throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            GatewayConfig cfg = GatewayConfig.ephemeral(dir.resolve("data"))
                    .withAdminListen(new java.net.InetSocketAddress("127.0.0.1", busy.getLocalPort()));
            assertThatThrownBy(() -> Gateway.start(cfg)).isInstanceOf(GatewayStartException.class);
        }
        try (RunningGateway gw =
                Gateway.start(GatewayConfig.ephemeral(dir.resolve("data")).withAdminToken("secret"))) {
            assertThat(new AdminClient(gw.adminUrl()).get("/").status()).isEqualTo(401);
            assertThat(gw.config().toString()).doesNotContain("secret");
        }
    }

    @Test
    void listenAddresses() {
        assertThat(ListenAddress.parse("127.0.0.1:8001").getPort()).isEqualTo(8001);
        assertThat(ListenAddress.parse("[::1]:8001").getAddress().getHostAddress())
                .contains(":");
        assertThat(ListenAddress.parse(":8000").getHostString()).isEqualTo("0.0.0.0");
        assertThatThrownBy(() -> ListenAddress.parse("8001")).isInstanceOf(IllegalArgumentException.class);
    }
}
