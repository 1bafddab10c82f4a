package dev.gatehouse.app.pages.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.concurrent.UiExecutor;
import dev.gatehouse.app.connection.ActiveConnection;
import dev.gatehouse.app.dialog.RecordingDialogService;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.testing.TestConnections;
import dev.gatehouse.app.testing.TestRuntimes;
import dev.gatehouse.gateway.RunningGateway;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Routes page's "Require key-auth" without a window, against a real gateway: which routes are anonymous, the
 * preview belonging to its route, and a gateway that stops answering reported as a sentence.
 */
class RequireKeyAuthViewModelTest {

    @TempDir
    Path dir;

    private final Messages messages = new Messages(Locale.ROOT);
    private RunningGateway gateway;
    private ActiveConnection connection;
    private RoutesViewModel routes;

    @BeforeEach
    void start() throws Exception {
        gateway = TestRuntimes.gateway(dir.resolve("gw"));
        TestRuntimes.loadConfig(gateway, """
                _format_version: "3.0"
                services:
                - name: orders
                  host: orders.internal
                  routes:
                  - name: orders-list
                    paths: [/orders]
                - name: billing
                  host: billing.internal
                  routes:
                  - name: invoices
                    paths: [/invoices]
                  - name: refunds
                    paths: [/refunds]
                plugins:
                - name: key-auth
                  service: orders
                consumers:
                - username: ann
                  keyauth_credentials:
                  - key: ann-secret
                """);
        connection = TestConnections.connected(
                dir, TestConnections.remoteKong("gw", URI.create(gateway.adminUrl()), Optional.empty()));
        routes = new RoutesViewModel(messages, connection, page -> {}, new RecordingDialogService(), UiExecutor.DIRECT);
        routes.reload();
        eventually(() -> assertThat(routes.anonymousCountProperty().get()).isEqualTo(2));
    }

    @AfterEach
    void stop() {
        connection.close();
        gateway.close();
    }

    private static void eventually(Runnable assertion) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(assertion::run);
    }

    private ObjectNode route(String name) {
        return routes.items().stream()
                .filter(r -> name.equals(r.path("name").asText()))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void anonymousRoutesAreCountedFilteredAndNamed() {
        assertThat(routes.authWord(route("orders-list"))).isEqualTo("key-auth");
        assertThat(routes.authWord(route("invoices"))).isEqualTo("No authentication");
        routes.unprotectedOnlyProperty().set(true);
        assertThat(routes.filtered())
                .extracting(r -> r.path("name").asText())
                .containsExactlyInAnyOrder("invoices", "refunds");
    }

    @Test
    void thePreviewBelongsToItsRoute() {
        routes.selectedProperty().set(route("invoices"));
        routes.proposeKeyAuth();
        eventually(() -> assertThat(routes.proposalProperty().get()).isNotNull());
        assertThat(routes.proposalProperty().get().routeName()).isEqualTo("invoices");
        assertThat(routes.proposalProperty().get().consumers())
                .extracting(c -> c.consumer() + ":" + c.keys())
                .containsExactly("ann:1");

        // Another route: the preview goes, and nothing was created.
        routes.selectedProperty().set(route("refunds"));
        assertThat(routes.proposalProperty().get()).isNull();
        assertThat(routes.proposingProperty().get()).isFalse();
        try (var kong = TestRuntimes.kong(gateway)) {
            assertThat(kong.listAll("/plugins").join()).hasSize(1);
        }
    }

    @Test
    void aGatewayThatStopsAnsweringIsReportedAsASentence() {
        routes.selectedProperty().set(route("invoices"));
        gateway.close();
        routes.proposeKeyAuth();
        eventually(() ->
                assertThat(routes.proposalErrorProperty().get()).startsWith("The preview could not be prepared: "));
        assertThat(routes.proposalProperty().get()).isNull();
        assertThat(routes.proposingProperty().get()).isFalse();
    }
}
