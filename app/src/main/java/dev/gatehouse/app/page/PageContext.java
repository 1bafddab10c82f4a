package dev.gatehouse.app.page;

import dev.gatehouse.app.concurrent.BackgroundExecutor;
import dev.gatehouse.app.concurrent.UiExecutor;
import dev.gatehouse.app.connection.ActiveConnection;
import dev.gatehouse.app.connection.ConnectionManager;
import dev.gatehouse.app.dialog.DialogService;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.settings.SettingsStore;
import dev.gatehouse.app.traffic.LiveTraffic;
import dev.gatehouse.app.traffic.remote.WatchLedger;
import java.util.function.Consumer;

/**
 * The services a page module may use to build its view-model and view, handed over by the composition root: the
 * active connection (its repositories), the saved connections, dialogs, the UI executor, navigation by id, links
 * that open a page on something ({@link PageLink}), the console's preferences (what a page remembers), and the live
 * traffic feed the graph and the Live traffic page share, with the ledger of what remote watches added, and the
 * background executor for a page's own blocking work (files, plans that block on the repositories), and the command
 * that opens the guided tour's drawer (issue 18), which lives beside the pages rather than in one.
 */
public record PageContext(
        Messages messages,
        ActiveConnection connection,
        ConnectionManager connections,
        DialogService dialogs,
        UiExecutor ui,
        Consumer<PageId> navigator,
        Consumer<PageLink> links,
        SettingsStore settings,
        LiveTraffic traffic,
        WatchLedger watchLedger,
        BackgroundExecutor background,
        Runnable openTour) {}
