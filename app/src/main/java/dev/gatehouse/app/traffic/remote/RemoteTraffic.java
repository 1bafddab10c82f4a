package dev.gatehouse.app.traffic.remote;

import dev.gatehouse.app.concurrent.BackgroundExecutor;
import dev.gatehouse.app.concurrent.UiExecutor;
import dev.gatehouse.app.connection.ActiveConnection;
import dev.gatehouse.app.connection.ConnectedApis;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.traffic.LiveTraffic;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Keeps remote watches tidy over the console's life: leaving a connection stops the watch that works through it
 * (before its clients close, so the plugin or policy is removed), and connecting to one removes what an earlier run
 * left behind there, telling the user in a sentence.
 */
public final class RemoteTraffic {

    private final WatchLedger ledger;
    private final ActiveConnection connection;
    private final LiveTraffic traffic;
    private final BackgroundExecutor background;
    private final UiExecutor ui;
    private final Messages messages;
    private final Consumer<String> notices;

    public RemoteTraffic(
            WatchLedger ledger,
            ActiveConnection connection,
            LiveTraffic traffic,
            BackgroundExecutor background,
            UiExecutor ui,
            Messages messages,
            Consumer<String> notices) {
        this.ledger = ledger;
        this.connection = connection;
        this.traffic = traffic;
        this.background = background;
        this.ui = ui;
        this.messages = messages;
        this.notices = notices;
        connection.beforeLeaving(this::leaving);
        connection.apisProperty().addListener((obs, old, now) -> {
            // the sandbox is watched in-process: nothing is ever added to it
            if (now != null && !connection.profile().isEmbedded()) {
                sweep(connection.profile().id(), now);
            }
        });
    }

    public WatchLedger ledger() {
        return ledger;
    }

    /** Stops the watch when it works through {@code old}; UI executor. */
    CompletableFuture<?> leaving(ConnectedApis old) {
        if (traffic.source() instanceof ConnectionBoundSource bound && bound.apis() == old) {
            return traffic.stop();
        }
        return CompletableFuture.completedFuture(null);
    }

    /** Removes the leftovers of {@code connectionId} in the background; the future has what was removed. */
    public CompletableFuture<List<String>> sweep(String connectionId, ConnectedApis apis) {
        CompletableFuture<List<String>> swept =
                background.submit(() -> new LeftoverSweep(ledger).sweep(connectionId, apis));
        swept.thenAccept(removed -> {
            if (!removed.isEmpty()) {
                ui.execute(() -> notices.accept(messages.get("status.traffic.leftovers", String.join(", ", removed))));
            }
        });
        return swept;
    }
}
