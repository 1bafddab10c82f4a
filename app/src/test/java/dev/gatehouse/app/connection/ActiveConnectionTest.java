package dev.gatehouse.app.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.app.concurrent.DirectBackgroundExecutor;
import dev.gatehouse.app.concurrent.UiExecutor;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ActiveConnectionTest {

    private final List<URI> probed = new ArrayList<>();

    private EndpointHealth answer(URI uri) {
        probed.add(uri);
        return uri.getPort() == 8001 ? EndpointHealth.up("Kong", "3.9.1", 3)
                : EndpointHealth.down(EndpointHealth.Problem.REFUSED, uri.getAuthority(), 1);
    }

    @Test
    void refreshProbesBothEndpointsAndPublishesTheResults() {
        ActiveConnection connection = new ActiveConnection(ConnectionProfile.embeddedDefault(), this::answer,
                new DirectBackgroundExecutor(), UiExecutor.DIRECT);
        connection.refresh().join();
        assertThat(probed).containsExactly(URI.create("http://127.0.0.1:8001"), URI.create("http://127.0.0.1:5681"));
        assertThat(connection.gatewayHealthProperty().get().status()).isEqualTo(EndpointHealth.Status.UP);
        assertThat(connection.meshHealthProperty().get().problem()).isEqualTo(EndpointHealth.Problem.REFUSED);
    }

    @Test
    void anEndpointTheProfileLacksIsNotProbed() {
        ConnectionProfile kongOnly = new ConnectionProfile("k", "Kong", ConnectionKind.REMOTE_KONG,
                Optional.of(URI.create("http://127.0.0.1:8001")), Optional.empty());
        ActiveConnection connection = new ActiveConnection(kongOnly, this::answer,
                new DirectBackgroundExecutor(), UiExecutor.DIRECT);
        connection.refresh().join();
        assertThat(probed).containsExactly(URI.create("http://127.0.0.1:8001"));
        assertThat(connection.meshHealthProperty().get().status()).isEqualTo(EndpointHealth.Status.UNKNOWN);
    }

    @Test
    void switchingProfileProbesTheNewOne() {
        ActiveConnection connection = new ActiveConnection(ConnectionProfile.embeddedDefault(), this::answer,
                new DirectBackgroundExecutor(), UiExecutor.DIRECT);
        connection.profileProperty().set(new ConnectionProfile("r", "Remote", ConnectionKind.REMOTE_KUMA,
                Optional.empty(), Optional.of(URI.create("http://10.0.0.9:5681"))));
        assertThat(probed).containsExactly(URI.create("http://10.0.0.9:5681"));
        assertThat(connection.gatewayHealthProperty().get().status()).isEqualTo(EndpointHealth.Status.UNKNOWN);
    }

    @Test
    void aLateAnswerForAProfileLeftBehindIsDropped() {
        List<Runnable> pendingUi = new ArrayList<>();
        ActiveConnection connection = new ActiveConnection(ConnectionProfile.embeddedDefault(), this::answer,
                new DirectBackgroundExecutor(), pendingUi::add);
        connection.refresh();
        connection.profileProperty().set(new ConnectionProfile("r", "Remote", ConnectionKind.REMOTE_KUMA,
                Optional.empty(), Optional.empty()));
        pendingUi.forEach(Runnable::run);
        assertThat(connection.gatewayHealthProperty().get().status()).isNotEqualTo(EndpointHealth.Status.UP);
    }
}
