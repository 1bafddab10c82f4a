package dev.gatehouse.app;

import dev.gatehouse.app.concurrent.BackgroundExecutor;
import dev.gatehouse.app.concurrent.UiExecutor;
import dev.gatehouse.app.connection.ActiveConnection;
import dev.gatehouse.app.connection.ConnectionProfile;
import dev.gatehouse.app.connection.ConnectionsView;
import dev.gatehouse.app.connection.ConnectionsViewModel;
import dev.gatehouse.app.connection.EndpointProbe;
import dev.gatehouse.app.dialog.DialogService;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.page.EmptyStateView;
import dev.gatehouse.app.page.Page;
import dev.gatehouse.app.page.PageView;
import dev.gatehouse.app.page.PageViewModel;
import dev.gatehouse.app.palette.CommandPaletteView;
import dev.gatehouse.app.palette.CommandPaletteViewModel;
import dev.gatehouse.app.settings.AppDirectories;
import dev.gatehouse.app.settings.SettingsStore;
import dev.gatehouse.app.shell.MainWindow;
import dev.gatehouse.app.shell.ShellPaletteSource;
import dev.gatehouse.app.shell.ShellViewModel;
import dev.gatehouse.app.theme.ThemePreference;
import java.io.IOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;

/**
 * The composition root: every service and view-model of the console is created here, once, and handed to the
 * ones that need it through their constructors.
 */
public final class AppContext implements AutoCloseable {

    /** How often the active connection is probed in the background. */
    private static final long HEALTH_INTERVAL_SECONDS = 10;

    private final Messages messages;
    private final ThemePreference theme;
    private final BackgroundExecutor background;
    private final DialogService dialogs;
    private final EndpointProbe probe;
    private final ActiveConnection connection;
    private final ShellViewModel shell;
    private final Map<Page, PageViewModel> pageModels = new EnumMap<>(Page.class);
    private final CommandPaletteViewModel palette;
    private final ScheduledExecutorService healthSchedule;

    public AppContext(AppDirectories directories, Locale locale, ConnectionProfile initialConnection,
                      BackgroundExecutor background, UiExecutor ui, DialogService dialogs) {
        this.background = background;
        this.dialogs = dialogs;
        this.messages = new Messages(locale);
        this.theme = new ThemePreference(new SettingsStore(directories.configDir()));
        this.probe = new EndpointProbe(2_000);
        this.connection = new ActiveConnection(initialConnection, probe::probe, background, ui);
        this.shell = new ShellViewModel(messages, connection, theme);
        for (Page page : Page.values()) {
            pageModels.put(page, page == Page.CONNECTIONS
                    ? new ConnectionsViewModel(messages, connection, shell::navigate)
                    : new PageViewModel(page, messages, connection, shell::navigate));
        }
        this.palette = new CommandPaletteViewModel(List.of(new ShellPaletteSource(messages, shell)),
                shell::closePalette);
        shell.paletteOpenProperty().addListener((obs, was, open) -> {
            if (open) {
                palette.search();
            }
        });
        this.healthSchedule = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("gatehouse-health").factory());
    }

    /** Starts background probing of the active connection. */
    public void startMonitoring() {
        healthSchedule.scheduleWithFixedDelay(connection::refresh, 0, HEALTH_INTERVAL_SECONDS, TimeUnit.SECONDS);
    }

    /** Builds the main window's views; call on the FX thread. */
    public MainWindow createMainWindow() {
        Map<Page, Node> views = new EnumMap<>(Page.class);
        for (Map.Entry<Page, PageViewModel> entry : pageModels.entrySet()) {
            PageViewModel model = entry.getValue();
            views.put(entry.getKey(), model instanceof ConnectionsViewModel connections
                    ? new ConnectionsView(connections, messages)
                    : new PageView(model, new EmptyStateView(model, messages)));
        }
        return new MainWindow(shell, messages, views, new CommandPaletteView(palette, messages), AppVersion.get());
    }

    public Messages messages() {
        return messages;
    }

    public ThemePreference theme() {
        return theme;
    }

    public ShellViewModel shell() {
        return shell;
    }

    public ActiveConnection connection() {
        return connection;
    }

    public DialogService dialogs() {
        return dialogs;
    }

    public PageViewModel pageModel(Page page) {
        return pageModels.get(page);
    }

    public CommandPaletteViewModel palette() {
        return palette;
    }

    @Override
    public void close() {
        healthSchedule.shutdownNow();
        background.close();
        try {
            probe.close();
        } catch (IOException e) {
            // closing an idle HTTP client on exit; nothing left to save
        }
    }
}
