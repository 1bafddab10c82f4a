package dev.gatehouse.app.testing;

import dev.gatehouse.app.AppContext;
import dev.gatehouse.app.concurrent.FxUiExecutor;
import dev.gatehouse.app.concurrent.VirtualThreadExecutor;
import dev.gatehouse.app.connection.ConnectionProfile;
import dev.gatehouse.app.connection.ConnectionStore;
import dev.gatehouse.app.dialog.RecordingDialogService;
import dev.gatehouse.app.embedded.InProcessPlatform;
import dev.gatehouse.app.secret.FileSecretStore;
import dev.gatehouse.app.settings.AppDirectories;
import dev.gatehouse.gateway.RunningGateway;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.stage.Stage;

/** Whole consoles for UI tests: the real window, its settings under a test directory. */
public final class TestConsoles {

    private TestConsoles() {}

    /** A started console in {@code stage} whose saved, active connection is {@code gateway}'s Admin API. */
    public static AppContext onRemoteKong(Path dir, RunningGateway gateway, Stage stage) {
        return on(
                dir,
                TestConnections.remoteKong("Remote Kong", URI.create(gateway.adminUrl()), Optional.empty()),
                stage);
    }

    /** A started console in {@code stage} whose saved, active connection is {@code remote}. */
    public static AppContext on(Path dir, ConnectionProfile remote, Stage stage) {
        FileSecretStore secrets = new FileSecretStore(dir.resolve("config"));
        new ConnectionStore(dir.resolve("config"), secrets).save(remote.id(), List.of(remote));
        AppContext context = console(dir, secrets);
        context.createMainWindow().showIn(stage, context.theme());
        context.start();
        return context;
    }

    /** A started console in {@code stage}, 1400 × 900, on the embedded sandbox (its default connection). */
    public static AppContext onSandbox(Path dir, Stage stage) {
        AppContext context = console(dir, new FileSecretStore(dir.resolve("config")));
        context.createMainWindow().showIn(stage, context.theme());
        stage.setWidth(1400);
        stage.setHeight(900);
        context.start();
        return context;
    }

    private static AppContext console(Path dir, FileSecretStore secrets) {
        return new AppContext(
                new AppDirectories(dir.resolve("config"), dir.resolve("data")),
                Locale.ROOT,
                new InProcessPlatform(dir.resolve("data/sandbox"), InProcessPlatform.Ports.ANY),
                secrets,
                new VirtualThreadExecutor(),
                new FxUiExecutor(),
                new RecordingDialogService());
    }
}
