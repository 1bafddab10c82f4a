package dev.gatehouse.app.concurrent;

import javafx.application.Platform;

/** Publishes to the JavaFX application thread; runs inline when already on it. */
public final class FxUiExecutor implements UiExecutor {

    @Override
    public void execute(Runnable command) {
        if (Platform.isFxApplicationThread()) {
            command.run();
        } else {
            Platform.runLater(command);
        }
    }
}
