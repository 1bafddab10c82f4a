package dev.gatehouse.app.pages.connections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gatehouse.app.concurrent.DirectBackgroundExecutor;
import dev.gatehouse.app.concurrent.UiExecutor;
import dev.gatehouse.app.connection.ActiveConnection;
import dev.gatehouse.app.connection.ConnectionManager;
import dev.gatehouse.app.connection.ConnectionProfile;
import dev.gatehouse.app.connection.ConnectionStore;
import dev.gatehouse.app.connection.EndpointHealth;
import dev.gatehouse.app.dialog.RecordingDialogService;
import dev.gatehouse.app.embedded.InProcessPlatform;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.secret.FileSecretStore;
import dev.gatehouse.app.testing.TestConnections;
import dev.gatehouse.app.testing.TestRuntimes;
import dev.gatehouse.gateway.RunningGateway;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Connections page's commands against real gateways, published on the calling thread. */
class ConnectionsViewModelTest {

    @TempDir
    Path dir;

    private final Messages messages = new Messages(Locale.ROOT);
    private final RecordingDialogService dialogs = new RecordingDialogService();
    private InProcessPlatform sandbox;
    private ConnectionStore store;
    private ConnectionManager manager;
    private ConnectionsViewModel model;

    @BeforeEach
    void setUp() {
        FileSecretStore secrets = new FileSecretStore(dir);
        store = new ConnectionStore(dir, secrets);
        sandbox = TestConnections.sandbox(dir);
        var resolver = TestConnections.resolver(secrets, sandbox);
        ActiveConnection active = new ActiveConnection(ConnectionProfile.embedded(), resolver, UiExecutor.DIRECT);
        manager = new ConnectionManager(
                store,
                secrets,
                active,
                resolver,
                new DirectBackgroundExecutor(),
                UiExecutor.DIRECT,
                store.load().profiles());
        model = new ConnectionsViewModel(messages, manager, dialogs, UiExecutor.DIRECT, page -> {});
    }

    @AfterEach
    void tearDown() {
        manager.active().close();
        sandbox.close();
    }

    private static int deadPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private ProfileDraft draft(String name, String url) {
        model.newRemoteKong();
        ProfileDraft draft = model.draftProperty().get();
        draft.nameProperty().set(name);
        draft.gatewayUrlProperty().set(url);
        return draft;
    }

    @Test
    void savingAConnectionThatDoesNotAnswerWarnsAndSavesOnlyWhenTheUserInsists() throws Exception {
        draft("Dead Kong", "http://127.0.0.1:" + deadPort());
        dialogs.answerConfirmWith(false);
        model.save();
        await().atMost(Duration.ofSeconds(10)).until(() -> !dialogs.shown().isEmpty());
        // Asked, with the reason; not saved; the red result stays on screen instead of vanishing.
        assertThat(dialogs.shown())
                .singleElement()
                .asString()
                .startsWith("confirm: Save a connection that does not answer?")
                .contains("Connection refused");
        assertThat(store.load().profiles()).extracting(ConnectionProfile::name).doesNotContain("Dead Kong");
        assertThat(model.gatewayTestHealthProperty().get().status()).isEqualTo(EndpointHealth.Status.DOWN);
        assertThat(model.gatewayTestTextProperty().get()).startsWith("Connection refused");

        dialogs.answerConfirmWith(true);
        model.save();
        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        store.load().profiles().stream().anyMatch(p -> p.name().equals("Dead Kong")));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> model.selectedProperty().get() != null);
        // Saved knowingly: the result that was warned about is still shown for the saved profile.
        assertThat(model.selectedProperty().get().name()).isEqualTo("Dead Kong");
        assertThat(model.gatewayTestTextProperty().get()).startsWith("Connection refused");
    }

    @Test
    void aConnectionThatAnswersIsSavedWithoutAQuestion() {
        try (RunningGateway gateway = TestRuntimes.gateway(dir.resolve("gw"))) {
            draft("Live Kong", gateway.adminUrl());
            dialogs.answerConfirmWith(false);
            model.save();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> model.selectedProperty().get() != null);
            assertThat(dialogs.shown()).isEmpty();
            assertThat(store.load().profiles())
                    .extracting(ConnectionProfile::name)
                    .contains("Live Kong");
            assertThat(model.gatewayTestHealthProperty().get().isUp()).isTrue();
        }
    }

    @Test
    void theSandboxCardSaysWhereItsDataLives() {
        assertThat(model.dataLocations())
                .contains(dir.resolve("sandbox").toString())
                .contains(dir.toAbsolutePath().toString());
    }
}
