package dev.gatehouse.app.page;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.app.connection.ActiveConnection;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.testing.TestConnections;
import dev.gatehouse.app.testing.TestRuntimes;
import dev.gatehouse.gateway.RunningGateway;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PageViewModelTest {

    @TempDir
    static Path dir;

    private static RunningGateway gateway;
    private static ActiveConnection kongOnly;
    private static ActiveConnection dead;
    private final Messages messages = new Messages(Locale.ROOT);
    private final List<Page> visited = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        gateway = TestRuntimes.gateway(dir.resolve("gw"));
        kongOnly = TestConnections.connected(dir.resolve("a"),
                TestConnections.remoteKong("kong", URI.create(gateway.adminUrl()), Optional.empty()));
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        dead = TestConnections.connected(dir.resolve("b"),
                TestConnections.remoteKong("dead", URI.create("http://127.0.0.1:" + port), Optional.empty()));
    }

    @AfterAll
    static void stop() {
        kongOnly.close();
        dead.close();
        gateway.close();
    }

    private PageViewModel page(Page page, ActiveConnection connection) {
        return new PageViewModel(page, messages, connection, visited::add);
    }

    @Test
    void gatewayPagesNeedAnAnsweringGateway() {
        assertThat(page(Page.ROUTES, kongOnly).requirementMetBinding().get()).isTrue();
        assertThat(page(Page.ROUTES, dead).requirementMetBinding().get()).isFalse();
    }

    @Test
    void meshPagesNeedAMesh() {
        assertThat(page(Page.TOPOLOGY, kongOnly).requirementMetBinding().get()).isFalse();
    }

    @Test
    void overviewIsHappyWithEither() {
        assertThat(page(Page.OVERVIEW, kongOnly).requirementMetBinding().get()).isTrue();
        assertThat(page(Page.OVERVIEW, dead).requirementMetBinding().get()).isFalse();
    }

    @Test
    void theNeededEndpointSaysWhereAndWhatIsWrong() {
        PageViewModel services = page(Page.SERVICES, dead);
        assertThat(services.neededEndpoints()).hasSize(1);
        assertThat(services.neededEndpoints().get(0).text().get())
                .startsWith("Gateway Admin API at http://127.0.0.1:").contains("connection refused");
        assertThat(page(Page.TOPOLOGY, kongOnly).neededEndpoints().get(0).text().get())
                .isEqualTo("Mesh control plane: not configured in kong.");
        assertThat(page(Page.CONNECTIONS, dead).neededEndpoints()).isEmpty();
    }

    @Test
    void everyPageButConnectionsLinksToConnections() {
        for (Page p : Page.values()) {
            PageViewModel model = page(p, dead);
            assertThat(model.offersConnections()).isEqualTo(p != Page.CONNECTIONS);
            assertThat(model.emptyHeading()).doesNotStartWith("!");
            assertThat(model.emptyBody()).doesNotStartWith("!").hasSizeGreaterThan(40);
        }
        page(Page.SERVICES, dead).openConnections();
        assertThat(visited).containsExactly(Page.CONNECTIONS);
    }
}
