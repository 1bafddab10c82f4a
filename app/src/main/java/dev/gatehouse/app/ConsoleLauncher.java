package dev.gatehouse.app;

import dev.gatehouse.app.concurrent.FxUiExecutor;
import dev.gatehouse.app.concurrent.VirtualThreadExecutor;
import dev.gatehouse.app.connection.ConnectionStore;
import dev.gatehouse.app.dialog.FxDialogService;
import dev.gatehouse.app.embedded.InProcessPlatform;
import dev.gatehouse.app.secret.SecretStores;
import dev.gatehouse.app.settings.AppDirectories;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.stage.Stage;

/** Starts the JavaFX toolkit and the console window, and tears both down when the window closes. */
final class ConsoleLauncher {

    private ConsoleLauncher() {}

    /** The window once it is up, and the embedded platform behind it (the smoke check and the training run use them). */
    record Shown(Stage stage, InProcessPlatform embedded) {}

    /**
     * Opens the console and blocks until it closes. {@code onShown} runs on the FX thread once the window is up.
     */
    static void run(AppDirectories directories, Consumer<Shown> onShown) throws InterruptedException {
        CountDownLatch closed = new CountDownLatch(1);
        InProcessPlatform embedded =
                new InProcessPlatform(directories.dataDir().resolve("sandbox"), InProcessPlatform.Ports.DEFAULTS);
        // The sandbox takes about as long as the toolkit and the window; side by side, the console is usable once the
        // later of the two is (issue 20). Off the main thread: reading the saved connection loads Jackson. The
        // window's connection joins this start, and its progress, or starts the sandbox itself if it comes first.
        Thread.ofPlatform().name("embedded-early-start").daemon().start(() -> {
            if (ConnectionStore.opensOnEmbedded(directories.configDir())) {
                embedded.start(step -> {});
            }
        });
        Platform.setImplicitExit(true);
        try {
            Platform.startup(() -> show(directories, embedded, onShown, closed));
        } catch (UnsupportedOperationException e) {
            embedded.close();
            // JavaFX says "Unable to open DISPLAY" or "Unable to load glass GTK library"; say what to do instead.
            throw new NoWindowSystemException(e.getMessage());
        }
        closed.await();
        Platform.exit();
    }

    private static void show(
            AppDirectories directories, InProcessPlatform embedded, Consumer<Shown> onShown, CountDownLatch closed) {
        Stage stage = new Stage();
        AppContext context = new AppContext(
                directories,
                Locale.getDefault(),
                embedded,
                SecretStores.detect(directories.configDir()),
                new VirtualThreadExecutor(),
                new FxUiExecutor(),
                new FxDialogService(() -> stage, new dev.gatehouse.app.i18n.Messages(Locale.getDefault())));
        stage.setOnHidden(e -> {
            context.close();
            closed.countDown();
        });
        context.createMainWindow().showIn(stage, context.theme());
        context.start();
        onShown.accept(new Shown(stage, embedded));
    }

    /** No display or no GTK: the console cannot open a window here. */
    static final class NoWindowSystemException extends RuntimeException {
        NoWindowSystemException(String detail) {
            super("cannot open a window (" + detail + "): run it on a desktop, or under Xvfb with GTK 3 installed"
                    + " (apt-get install -y xvfb libgtk-3-0)");
        }
    }
}
