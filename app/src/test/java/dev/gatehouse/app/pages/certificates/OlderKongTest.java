package dev.gatehouse.app.pages.certificates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.gatehouse.app.concurrent.UiExecutor;
import dev.gatehouse.app.connection.ActiveConnection;
import dev.gatehouse.app.dialog.RecordingDialogService;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.page.Capability;
import dev.gatehouse.app.testing.TestConnections;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Kong older than an entity (ca_certificates came with Kong 1.3, CHANGELOG.md) answers 404 "Not found" for the
 * whole collection: the page says the connection does not offer it, with Kong's words, and neither shows an error
 * nor keeps a spinner. The stand-in answers over a real socket as Kong 1.2's Admin API does for these two paths.
 */
class OlderKongTest {

    @TempDir
    Path dir;

    private HttpServer kong;
    private ActiveConnection connection;

    @BeforeEach
    void start() throws Exception {
        kong = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        kong.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            boolean root = path.equals("/");
            byte[] body = (root
                            ? "{\"version\":\"1.2.2\",\"tagline\":\"Welcome to kong\",\"node_id\":"
                                    + "\"6a72192c-a3a1-4c8d-95c6-efabae9fb969\",\"plugins\":{\"enabled_in_cluster\":[]}}"
                            : "{\"message\":\"Not found\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            exchange.getResponseHeaders().set("Server", "kong/1.2.2");
            exchange.sendResponseHeaders(root ? 200 : 404, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        kong.start();
        URI admin = URI.create("http://127.0.0.1:" + kong.getAddress().getPort());
        connection = TestConnections.connected(dir, TestConnections.remoteKong("old", admin, Optional.empty()));
    }

    @AfterEach
    void stop() {
        connection.close();
        kong.stop(0);
    }

    @Test
    void aKindTheGatewayDoesNotKnowIsSaidNotOffered() {
        CaCertificatesViewModel model = new CaCertificatesViewModel(
                new Messages(Locale.ROOT), connection, page -> {}, new RecordingDialogService(), UiExecutor.DIRECT);
        model.reload();
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () -> assertThat(model.unavailableProperty().get()).isNotEmpty());
        assertThat(model.unavailableProperty().get()).isEqualTo("This connection does not offer CA certificates.");
        assertThat(model.unavailableReasonProperty().get()).isEqualTo("Not found");
        assertThat(model.loadingProperty().get()).isFalse();
        assertThat(model.loadErrorProperty().get()).isEmpty();
        assertThat(model.items()).isEmpty();

        // Following the gateway keeps saying so, quietly.
        model.follow(Capability.GATEWAY);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(model.unavailableProperty().get()).isNotEmpty();
            assertThat(model.loadErrorProperty().get()).isEmpty();
        });
    }
}
