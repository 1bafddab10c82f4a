package dev.gatehouse.app.page;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.app.concurrent.DirectBackgroundExecutor;
import dev.gatehouse.app.concurrent.UiExecutor;
import dev.gatehouse.app.connection.ActiveConnection;
import dev.gatehouse.app.connection.ConnectionProfile;
import dev.gatehouse.app.connection.EndpointHealth;
import dev.gatehouse.app.i18n.Messages;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class PageViewModelTest {

    private final Messages messages = new Messages(Locale.ROOT);
    private final List<Page> visited = new ArrayList<>();

    private ActiveConnection connection(boolean gatewayUp, boolean meshUp) {
        ActiveConnection connection = new ActiveConnection(ConnectionProfile.embeddedDefault(),
                uri -> (uri.getPort() == 8001 ? gatewayUp : meshUp)
                        ? EndpointHealth.up("X", "1", 1)
                        : EndpointHealth.down(EndpointHealth.Problem.REFUSED, uri.getAuthority(), 1),
                new DirectBackgroundExecutor(), UiExecutor.DIRECT);
        connection.refresh().join();
        return connection;
    }

    @Test
    void gatewayPagesNeedTheGatewayOnly() {
        assertThat(new PageViewModel(Page.ROUTES, messages, connection(true, false), visited::add)
                .requirementMetBinding().get()).isTrue();
        assertThat(new PageViewModel(Page.ROUTES, messages, connection(false, true), visited::add)
                .requirementMetBinding().get()).isFalse();
    }

    @Test
    void meshPagesNeedTheMeshOnly() {
        assertThat(new PageViewModel(Page.TOPOLOGY, messages, connection(false, true), visited::add)
                .requirementMetBinding().get()).isTrue();
        assertThat(new PageViewModel(Page.TOPOLOGY, messages, connection(true, false), visited::add)
                .requirementMetBinding().get()).isFalse();
    }

    @Test
    void overviewIsHappyWithEither() {
        assertThat(new PageViewModel(Page.OVERVIEW, messages, connection(false, true), visited::add)
                .requirementMetBinding().get()).isTrue();
        assertThat(new PageViewModel(Page.OVERVIEW, messages, connection(false, false), visited::add)
                .requirementMetBinding().get()).isFalse();
    }

    @Test
    void theNeededEndpointSaysWhereAndWhatIsWrong() {
        PageViewModel services = new PageViewModel(Page.SERVICES, messages, connection(false, false), visited::add);
        assertThat(services.neededEndpoints()).hasSize(1);
        assertThat(services.neededEndpoints().get(0).text().get())
                .contains("Gateway Admin API", URI.create("http://127.0.0.1:8001").toString(), "connection refused");
        assertThat(new PageViewModel(Page.OVERVIEW, messages, connection(false, false), visited::add)
                .neededEndpoints()).hasSize(2);
        assertThat(new PageViewModel(Page.CONNECTIONS, messages, connection(false, false), visited::add)
                .neededEndpoints()).isEmpty();
    }

    @Test
    void everyPageButConnectionsLinksToConnections() {
        for (Page page : Page.values()) {
            PageViewModel model = new PageViewModel(page, messages, connection(false, false), visited::add);
            assertThat(model.offersConnections()).isEqualTo(page != Page.CONNECTIONS);
            assertThat(model.emptyHeading()).doesNotStartWith("!");
            assertThat(model.emptyBody()).doesNotStartWith("!").hasSizeGreaterThan(40);
        }
        new PageViewModel(Page.SERVICES, messages, connection(false, false), visited::add).openConnections();
        assertThat(visited).containsExactly(Page.CONNECTIONS);
    }
}
