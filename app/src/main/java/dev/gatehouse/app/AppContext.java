package dev.gatehouse.app;

import dev.gatehouse.app.concurrent.BackgroundExecutor;
import dev.gatehouse.app.concurrent.ExecutorUiScheduler;
import dev.gatehouse.app.concurrent.UiExecutor;
import dev.gatehouse.app.concurrent.UiScheduler;
import dev.gatehouse.app.connection.ActiveConnection;
import dev.gatehouse.app.connection.ConnectionManager;
import dev.gatehouse.app.connection.ConnectionProfile;
import dev.gatehouse.app.connection.ConnectionResolver;
import dev.gatehouse.app.connection.ConnectionStore;
import dev.gatehouse.app.connection.KubeconfigWatch;
import dev.gatehouse.app.dialog.DialogService;
import dev.gatehouse.app.embedded.EmbeddedPlatform;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.live.LiveUpdates;
import dev.gatehouse.app.live.NoticeExpiry;
import dev.gatehouse.app.live.SandboxTrafficAutoWatch;
import dev.gatehouse.app.page.MountedPage;
import dev.gatehouse.app.page.PageContext;
import dev.gatehouse.app.page.PageId;
import dev.gatehouse.app.page.PageModule;
import dev.gatehouse.app.page.PageRegistry;
import dev.gatehouse.app.page.PageViewModel;
import dev.gatehouse.app.palette.CommandPaletteView;
import dev.gatehouse.app.palette.CommandPaletteViewModel;
import dev.gatehouse.app.palette.PaletteSource;
import dev.gatehouse.app.secret.SecretStore;
import dev.gatehouse.app.settings.AppDirectories;
import dev.gatehouse.app.settings.SettingsStore;
import dev.gatehouse.app.shell.MainWindow;
import dev.gatehouse.app.shell.ShellPaletteSource;
import dev.gatehouse.app.shell.ShellViewModel;
import dev.gatehouse.app.theme.ThemePreference;
import dev.gatehouse.app.tour.TourPanel;
import dev.gatehouse.app.tour.TourProgressStore;
import dev.gatehouse.app.tour.TourViewModel;
import dev.gatehouse.app.traffic.FxFramePulse;
import dev.gatehouse.app.traffic.LiveTraffic;
import dev.gatehouse.app.traffic.TrafficFeed;
import dev.gatehouse.app.traffic.remote.RemoteTraffic;
import dev.gatehouse.app.traffic.remote.WatchLedger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javafx.beans.binding.Bindings;
import javafx.scene.Node;

/**
 * The composition root: every service and view-model of the console is created here, once, and handed to the
 * ones that need it through their constructors.
 */
public final class AppContext implements AutoCloseable {

    /** How often the active connection is checked in the background. */
    private static final long HEALTH_INTERVAL_SECONDS = 10;

    /** How long a message such as "Created service …" stays. */
    private static final Duration NOTICE_LIFETIME = Duration.ofSeconds(10);

    /** How long a tour step's live check waits for the answer the seed expects (data planes take mTLS one by one). */
    private static final Duration TOUR_CHECK_PATIENCE = Duration.ofSeconds(20);

    /** Settings key of the live-traffic buffer's size in entries. */
    static final String TRAFFIC_BUFFER_KEY = "traffic.buffer.entries";

    private final Messages messages;
    private final ThemePreference theme;
    private final BackgroundExecutor background;
    private final UiExecutor ui;
    private final DialogService dialogs;
    private final EmbeddedPlatform embedded;
    private final ActiveConnection connection;
    private final ConnectionManager connections;
    private final ShellViewModel shell;
    private final PageContext pageContext;
    private final Map<PageId, MountedPage<?>> pages = new LinkedHashMap<>();
    private final CommandPaletteViewModel palette;
    private final ScheduledExecutorService timer;
    private final LiveUpdates live;
    private final LiveTraffic traffic;
    private final KubeconfigWatch kubeconfigs;
    private final TourViewModel tour;

    public AppContext(
            AppDirectories directories,
            Locale locale,
            EmbeddedPlatform embedded,
            SecretStore secrets,
            BackgroundExecutor background,
            UiExecutor ui,
            DialogService dialogs) {
        this.background = background;
        this.ui = ui;
        this.dialogs = dialogs;
        this.embedded = embedded;
        this.messages = new Messages(locale);
        SettingsStore settings = new SettingsStore(directories.configDir());
        this.theme = new ThemePreference(settings);
        ConnectionStore store = new ConnectionStore(directories.configDir(), secrets);
        ConnectionResolver resolver =
                new ConnectionResolver(secrets, embedded, Duration.ofSeconds(3), Duration.ofSeconds(15));
        var saved = store.load();
        ConnectionProfile initial = saved.profiles().stream()
                .filter(p -> p.id().equals(saved.active()))
                .findFirst()
                .orElse(ConnectionProfile.embedded());
        this.connection = new ActiveConnection(initial, resolver, ui);
        this.connections =
                new ConnectionManager(store, secrets, connection, resolver, background, ui, saved.profiles());
        this.traffic = new LiveTraffic(new TrafficFeed(trafficCapacity(settings)), new FxFramePulse(), background, ui);
        // live traffic (H3): the embedded sandbox's traffic is watched whenever its connection is active
        new SandboxTrafficAutoWatch(connection, traffic);
        // issue 17: a Kubernetes connection follows its kubeconfig files (a refreshed token, a new context)
        this.kubeconfigs = new KubeconfigWatch(connection, Duration.ofSeconds(1));
        PageRegistry registry = new PageRegistry(PageCatalog.modules());
        this.shell = new ShellViewModel(messages, connection, theme, registry);
        // Live traffic, remote watches (issue 15, H2): the crash ledger; stop on leaving, leftovers on connecting
        WatchLedger watchLedger = new WatchLedger(directories.configDir());
        new RemoteTraffic(watchLedger, connection, traffic, background, ui, messages, shell.statusProperty()::set);
        this.pageContext = new PageContext(
                messages,
                connection,
                connections,
                dialogs,
                ui,
                shell::navigate,
                link -> {
                    pageModel(link.page()).show(link.show());
                    shell.navigate(link.page());
                },
                settings,
                traffic,
                watchLedger,
                background,
                shell::openTour);
        List<PaletteSource> paletteSources = new ArrayList<>();
        paletteSources.add(new ShellPaletteSource(messages, shell));
        for (PageModule<?> module : registry.modules()) {
            MountedPage<?> page = MountedPage.mount(module, pageContext);
            pages.put(module.descriptor().id(), page);
            paletteSources.addAll(page.paletteSources(pageContext));
        }
        shell.selectedPageProperty()
                .addListener((obs, old, now) -> pageModel(now).activated());
        shell.setRefreshAction(() -> pageModel(shell.selectedPage()).activated());
        this.palette = new CommandPaletteViewModel(paletteSources, shell::closePalette);
        shell.paletteOpenProperty().addListener((obs, was, open) -> {
            if (open) {
                palette.opened();
            }
        });
        this.timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("gatehouse-timer").factory());
        UiScheduler scheduler = new ExecutorUiScheduler(timer, ui);
        NoticeExpiry expiry = new NoticeExpiry(connection, scheduler, NOTICE_LIFETIME);
        expiry.watch(shell.statusProperty(), messages.get("status.ready"));
        pages.values().forEach(page -> page.model().notices().forEach(notice -> expiry.watch(notice, "")));
        // issue 18: the guided tour, a drawer beside every page, opened from the top bar, the palette or Overview
        this.tour = new TourViewModel(
                messages,
                connection,
                new TourProgressStore(directories.configDir()),
                background.asExecutor(),
                ui,
                scheduler,
                TOUR_CHECK_PATIENCE,
                java.time.Clock.systemUTC());
        tour.openProperty().bindBidirectional(shell.tourOpenProperty());
        tour.setOnChange(() -> pageModel(shell.selectedPage()).activated());
        this.live = new LiveUpdates(
                connection,
                Bindings.createObjectBinding(() -> pageModel(shell.selectedPage()), shell.selectedPageProperty()),
                shell.windowShownProperty(),
                scheduler,
                ui,
                LiveUpdates.Intervals.DEFAULTS);
    }

    /** Connects to the active profile (starting the embedded sandbox if that is it) and keeps checking its health. */
    public void start() {
        connection.connect();
        timer.scheduleWithFixedDelay(
                connection::refresh, HEALTH_INTERVAL_SECONDS, HEALTH_INTERVAL_SECONDS, TimeUnit.SECONDS);
        ui.execute(live::start);
    }

    /** Builds the main window's views; call on the FX thread. */
    public MainWindow createMainWindow() {
        Map<PageId, Node> views = new LinkedHashMap<>();
        pages.forEach((id, page) -> views.put(id, page.createView(pageContext)));
        return new MainWindow(
                shell,
                messages,
                views,
                new CommandPaletteView(palette, messages),
                new TourPanel(tour, messages),
                AppVersion.get());
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

    /** The view-model of page {@code id}. */
    public PageViewModel pageModel(PageId id) {
        return pages.get(id).model();
    }

    /** The live-traffic ring buffer's size: {@code traffic.buffer.entries} in the settings, else the default. */
    static int trafficCapacity(SettingsStore settings) {
        return settings.get(TRAFFIC_BUFFER_KEY)
                .map(v -> {
                    try {
                        return Math.max(1_000, Integer.parseInt(v.trim()));
                    } catch (NumberFormatException e) {
                        return TrafficFeed.DEFAULT_CAPACITY;
                    }
                })
                .orElse(TrafficFeed.DEFAULT_CAPACITY);
    }

    /** The guided tour "Secure your platform" (issue 18). */
    public TourViewModel tour() {
        return tour;
    }

    public LiveTraffic traffic() {
        return traffic;
    }

    /** What pages are built from; also what the watch controls take (issue 15, H2). */
    public PageContext pageContext() {
        return pageContext;
    }

    @Override
    public void close() {
        // first, while the connection's clients still work: a remote watch removes what it added
        traffic.close();
        live.close();
        timer.shutdownNow();
        kubeconfigs.close();
        connection.close();
        embedded.close();
        background.close();
    }
}
