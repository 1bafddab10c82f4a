package dev.gatehouse.app;

import dev.gatehouse.app.concurrent.BackgroundExecutor;
import dev.gatehouse.app.concurrent.UiExecutor;
import dev.gatehouse.app.connection.ActiveConnection;
import dev.gatehouse.app.connection.ConnectionManager;
import dev.gatehouse.app.connection.ConnectionProfile;
import dev.gatehouse.app.connection.ConnectionResolver;
import dev.gatehouse.app.connection.ConnectionStore;
import dev.gatehouse.app.connection.ConnectionsView;
import dev.gatehouse.app.connection.ConnectionsViewModel;
import dev.gatehouse.app.dialog.DialogService;
import dev.gatehouse.app.embedded.EmbeddedPlatform;
import dev.gatehouse.app.gateway.ConsumersView;
import dev.gatehouse.app.gateway.EntityPageViewModel;
import dev.gatehouse.app.gateway.EntityPaletteSource;
import dev.gatehouse.app.icon.AppIcon;
import dev.gatehouse.app.gateway.ConsumersViewModel;
import dev.gatehouse.app.gateway.PluginsView;
import dev.gatehouse.app.gateway.PluginsViewModel;
import dev.gatehouse.app.gateway.RoutesView;
import dev.gatehouse.app.gateway.RoutesViewModel;
import dev.gatehouse.app.gateway.ServicesView;
import dev.gatehouse.app.gateway.ServicesViewModel;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.overview.OverviewView;
import dev.gatehouse.app.overview.OverviewViewModel;
import dev.gatehouse.app.page.EmptyStateView;
import dev.gatehouse.app.page.Page;
import dev.gatehouse.app.page.PageView;
import dev.gatehouse.app.page.PageViewModel;
import dev.gatehouse.app.palette.CommandPaletteView;
import dev.gatehouse.app.palette.CommandPaletteViewModel;
import dev.gatehouse.app.secret.SecretStore;
import dev.gatehouse.app.settings.AppDirectories;
import dev.gatehouse.app.settings.SettingsStore;
import dev.gatehouse.app.shell.MainWindow;
import dev.gatehouse.app.shell.ShellPaletteSource;
import dev.gatehouse.app.shell.ShellViewModel;
import dev.gatehouse.app.theme.ThemePreference;
import java.time.Duration;
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

    /** How often the active connection is checked in the background. */
    private static final long HEALTH_INTERVAL_SECONDS = 10;

    private final Messages messages;
    private final ThemePreference theme;
    private final BackgroundExecutor background;
    private final UiExecutor ui;
    private final DialogService dialogs;
    private final EmbeddedPlatform embedded;
    private final ActiveConnection connection;
    private final ConnectionManager connections;
    private final ShellViewModel shell;
    private final Map<Page, PageViewModel> pageModels = new EnumMap<>(Page.class);
    private final CommandPaletteViewModel palette;
    private final ScheduledExecutorService healthSchedule;

    public AppContext(AppDirectories directories, Locale locale, EmbeddedPlatform embedded, SecretStore secrets,
                      BackgroundExecutor background, UiExecutor ui, DialogService dialogs) {
        this.background = background;
        this.ui = ui;
        this.dialogs = dialogs;
        this.embedded = embedded;
        this.messages = new Messages(locale);
        this.theme = new ThemePreference(new SettingsStore(directories.configDir()));
        ConnectionStore store = new ConnectionStore(directories.configDir(), secrets);
        ConnectionResolver resolver = new ConnectionResolver(secrets, embedded, Duration.ofSeconds(3),
                Duration.ofSeconds(15));
        var saved = store.load();
        ConnectionProfile initial = saved.profiles().stream().filter(p -> p.id().equals(saved.active()))
                .findFirst().orElse(ConnectionProfile.embedded());
        this.connection = new ActiveConnection(initial, resolver, ui);
        this.connections = new ConnectionManager(store, secrets, connection, resolver, background, ui,
                saved.profiles());
        this.shell = new ShellViewModel(messages, connection, theme);
        for (Page page : Page.values()) {
            pageModels.put(page, switch (page) {
                case CONNECTIONS -> new ConnectionsViewModel(messages, connections, dialogs, ui, shell::navigate);
                case SERVICES -> new ServicesViewModel(messages, connection, shell::navigate, dialogs, ui);
                case ROUTES -> new RoutesViewModel(messages, connection, shell::navigate, dialogs, ui);
                case CONSUMERS -> new ConsumersViewModel(messages, connection, shell::navigate, dialogs, ui);
                case PLUGINS -> new PluginsViewModel(messages, connection, shell::navigate, dialogs, ui);
                case OVERVIEW -> new OverviewViewModel(messages, connection, shell::navigate, ui);
                default -> new PageViewModel(page, messages, connection, shell::navigate);
            });
        }
        shell.selectedPageProperty().addListener((obs, old, now) -> pageModels.get(now).activated());
        shell.setRefreshAction(() -> pageModels.get(shell.selectedPage()).activated());
        this.palette = new CommandPaletteViewModel(List.of(new ShellPaletteSource(messages, shell),
                new EntityPaletteSource(messages, List.of(
                        listed(Page.SERVICES, AppIcon.SERVICE, "palette.kind.service"),
                        listed(Page.ROUTES, AppIcon.ROUTE, "palette.kind.route"),
                        listed(Page.CONSUMERS, AppIcon.CONSUMER, "palette.kind.consumer"),
                        listed(Page.PLUGINS, AppIcon.PLUGIN, "palette.kind.plugin")), shell::navigate)),
                shell::closePalette);
        shell.paletteOpenProperty().addListener((obs, was, open) -> {
            if (open) {
                palette.search();
            }
        });
        this.healthSchedule = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("gatehouse-health").factory());
    }

    private EntityPaletteSource.Listed listed(Page page, AppIcon icon, String kindKey) {
        return new EntityPaletteSource.Listed(page, (EntityPageViewModel) pageModels.get(page), icon, kindKey);
    }

    /** Connects to the active profile (starting the embedded sandbox if that is it) and keeps checking its health. */
    public void start() {
        connection.connect();
        healthSchedule.scheduleWithFixedDelay(connection::refresh, HEALTH_INTERVAL_SECONDS, HEALTH_INTERVAL_SECONDS,
                TimeUnit.SECONDS);
    }

    /** Builds the main window's views; call on the FX thread. */
    public MainWindow createMainWindow() {
        Map<Page, Node> views = new EnumMap<>(Page.class);
        for (Map.Entry<Page, PageViewModel> entry : pageModels.entrySet()) {
            PageViewModel model = entry.getValue();
            views.put(entry.getKey(), switch (model) {
                case ConnectionsViewModel c -> new ConnectionsView(c, messages, dialogs);
                case ServicesViewModel s -> new ServicesView(s, messages);
                case RoutesViewModel r -> new RoutesView(r, messages);
                case ConsumersViewModel c -> new ConsumersView(c, messages);
                case PluginsViewModel p -> new PluginsView(p, messages);
                case OverviewViewModel o -> new OverviewView(o, messages, shell::navigate);
                default -> new PageView(model, new EmptyStateView(model, messages));
            });
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

    public ConnectionManager connections() {
        return connections;
    }

    public DialogService dialogs() {
        return dialogs;
    }

    public UiExecutor ui() {
        return ui;
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
        connection.close();
        embedded.close();
        background.close();
    }
}
