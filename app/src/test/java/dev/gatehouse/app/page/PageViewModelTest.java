package dev.gatehouse.app.page;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.app.PageCatalog;
import dev.gatehouse.app.connection.ActiveConnection;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.icon.AppIcon;
import dev.gatehouse.app.pages.connections.ConnectionsPage;
import dev.gatehouse.app.pages.overview.OverviewPage;
import dev.gatehouse.app.pages.routes.RoutesPage;
import dev.gatehouse.app.pages.services.ServicesPage;
import dev.gatehouse.app.pages.topology.TopologyPage;
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
import java.util.OptionalInt;
import java.util.Set;
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
    private final List<PageId> visited = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        gateway = TestRuntimes.gateway(dir.resolve("gw"));
        kongOnly = TestConnections.connected(
                dir.resolve("a"), TestConnections.remoteKong("kong", URI.create(gateway.adminUrl()), Optional.empty()));
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        dead = TestConnections.connected(
                dir.resolve("b"),
                TestConnections.remoteKong("dead", URI.create("http://127.0.0.1:" + port), Optional.empty()));
    }

    @AfterAll
    static void stop() {
        kongOnly.close();
        dead.close();
        gateway.close();
    }

    private PageViewModel page(PageModule<?> module, ActiveConnection connection) {
        return new PageViewModel(module.descriptor(), messages, connection, visited::add);
    }

    @Test
    void gatewayPagesNeedAnAnsweringGateway() {
        assertThat(page(new RoutesPage(), kongOnly).requirementMetBinding().get())
                .isTrue();
        assertThat(page(new RoutesPage(), dead).requirementMetBinding().get()).isFalse();
    }

    @Test
    void meshPagesNeedAMesh() {
        assertThat(page(new TopologyPage(), kongOnly).requirementMetBinding().get())
                .isFalse();
    }

    @Test
    void overviewIsHappyWithEither() {
        assertThat(page(new OverviewPage(), kongOnly).requirementMetBinding().get())
                .isTrue();
        assertThat(page(new OverviewPage(), dead).requirementMetBinding().get()).isFalse();
    }

    @Test
    void theNeededEndpointSaysWhereAndWhatIsWrong() {
        PageViewModel services = page(new ServicesPage(), dead);
        assertThat(services.neededEndpoints()).hasSize(1);
        assertThat(services.neededEndpoints().get(0).text().get())
                .startsWith("Gateway Admin API at http://127.0.0.1:")
                .contains("connection refused");
        // Not a fault and nothing to wait for: said in words, with its own status (no spinner).
        PageViewModel.EndpointStatus mesh =
                page(new TopologyPage(), kongOnly).neededEndpoints().get(0);
        assertThat(mesh.text().get()).isEqualTo("No mesh on this connection (kong).");
        assertThat(mesh.health().get().status()).isEqualTo(dev.gatehouse.app.connection.EndpointHealth.Status.ABSENT);
        assertThat(page(new ConnectionsPage(), dead).neededEndpoints()).isEmpty();
    }

    @Test
    void everyBuiltPageButConnectionsLinksToConnections() {
        for (PageModule<?> module : PageCatalog.modules()) {
            PageDescriptor descriptor = module.descriptor();
            if (descriptor.isPlanned()) {
                continue;
            }
            PageViewModel model = page(module, dead);
            assertThat(model.offersConnections()).isEqualTo(!descriptor.id().equals(PageId.CONNECTIONS));
            assertThat(model.emptyHeading()).doesNotStartWith("!");
            assertThat(model.emptyBody()).doesNotStartWith("!").hasSizeGreaterThan(40);
        }
        page(new ServicesPage(), dead).openConnections();
        assertThat(visited).containsExactly(PageId.CONNECTIONS);
    }

    @Test
    void aPageNotBuiltYetSaysSoAndOffersACommandOnTheConnectionsOwnAddress() {
        // a planned page whose command goes through the proxy (Live traffic was one until issue 15 built it)
        PageDescriptor proxied = new PageDescriptor(
                new PageId("export"),
                AppIcon.TRAFFIC,
                NavGroup.NONE,
                OptionalInt.empty(),
                Set.of(Capability.GATEWAY),
                Optional.of(new PlannedPage("curl -i {proxy}/", RoutesPage.ID)));
        PlannedPageViewModel traffic = new PlannedPageViewModel(proxied, messages, kongOnly, visited::add);
        assertThat(traffic.heading()).isEqualTo("Export is not built yet");
        // The command names the connection's own proxy address.
        assertThat(traffic.commandBinding().get()).startsWith("curl -i http://");
        assertThat(traffic.insteadLabel()).isEqualTo("Open Routes");
        traffic.openInstead();
        assertThat(visited).containsExactly(RoutesPage.ID);

        // a planned page whose command goes to the Admin API (Export was one until issue 16 built it)
        PageDescriptor admin = new PageDescriptor(
                new PageId("export"),
                AppIcon.EXPORT,
                NavGroup.NONE,
                OptionalInt.empty(),
                Set.of(Capability.GATEWAY),
                Optional.of(new PlannedPage("curl {gateway}/services {gateway}/routes", OverviewPage.ID)));
        PlannedPageViewModel export = new PlannedPageViewModel(admin, messages, kongOnly, visited::add);
        assertThat(export.commandBinding().get()).startsWith("curl " + gateway.adminUrl() + "/services ");
        for (PageModule<?> module : PageCatalog.modules()) {
            if (module.descriptor().isPlanned()) {
                PlannedPageViewModel planned =
                        new PlannedPageViewModel(module.descriptor(), messages, dead, visited::add);
                assertThat(planned.body())
                        .as(module.descriptor().id().value())
                        .doesNotStartWith("!")
                        .hasSizeGreaterThan(80);
                assertThat(planned.offersConnections())
                        .as("no way to Connections: nothing is wrong there")
                        .isFalse();
            }
        }
    }
}
