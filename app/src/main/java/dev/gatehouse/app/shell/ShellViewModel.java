package dev.gatehouse.app.shell;

import dev.gatehouse.app.connection.ActiveConnection;
import dev.gatehouse.app.connection.EndpointHealth;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.page.HealthText;
import dev.gatehouse.app.page.PageId;
import dev.gatehouse.app.page.PageRegistry;
import dev.gatehouse.app.theme.AppTheme;
import dev.gatehouse.app.theme.ThemePreference;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** State and commands of the main window: current page, title, connection summary, theme, palette, status line. */
public final class ShellViewModel {

    private final Messages messages;
    private final ActiveConnection connection;
    private final ThemePreference theme;
    private final PageRegistry pages;
    private final ReadOnlyObjectWrapper<PageId> selectedPage;
    private final BooleanProperty paletteOpen = new SimpleBooleanProperty(this, "paletteOpen");
    private final StringProperty status = new SimpleStringProperty(this, "status", "");
    private final BooleanProperty windowShown = new SimpleBooleanProperty(this, "windowShown", true);
    /** Whether the guided tour's drawer is open (issue 18); it stays open across pages. */
    private final BooleanProperty tourOpen = new SimpleBooleanProperty(this, "tourOpen");

    private final StringBinding windowTitle;
    private final StringBinding connectionName;
    private final StringBinding gatewayHealthText;
    private final StringBinding meshHealthText;
    private final StringBinding gatewayHealthDetail;
    private final StringBinding meshHealthDetail;

    public ShellViewModel(Messages messages, ActiveConnection connection, ThemePreference theme, PageRegistry pages) {
        this.messages = messages;
        this.connection = connection;
        this.theme = theme;
        this.pages = pages;
        this.selectedPage =
                new ReadOnlyObjectWrapper<>(this, "page", pages.first().id());
        this.connectionName =
                Bindings.createStringBinding(() -> connection.profile().name(), connection.profileProperty());
        this.windowTitle = Bindings.createStringBinding(
                () -> messages.get("window.title", connection.profile().name()), connection.profileProperty());
        this.gatewayHealthText =
                healthText("topbar.gateway", "topbar.gateway.absent", connection.gatewayHealthProperty());
        this.meshHealthText = healthText("topbar.mesh", "topbar.mesh.absent", connection.meshHealthProperty());
        this.gatewayHealthDetail = healthDetail(connection.gatewayHealthProperty());
        this.meshHealthDetail = healthDetail(connection.meshHealthProperty());
        status.set(messages.get("status.ready"));
        connection.gatewayHealthProperty().addListener((obs, old, now) -> {
            if (now.status() != EndpointHealth.Status.CHECKING
                    && status.get()
                            .startsWith(messages.get(
                                    "status.checking", connection.profile().name()))) {
                status.set(messages.get("status.ready"));
            }
        });
        connection.progressProperty().addListener((obs, old, now) -> {
            if (!now.isEmpty()) {
                status.set(now);
            }
        });
    }

    private StringBinding healthText(String labelKey, String absentKey, ReadOnlyObjectProperty<EndpointHealth> health) {
        // "No mesh on this connection" rather than "Mesh: none": the whole pill says it.
        return Bindings.createStringBinding(
                () -> health.get().status() == EndpointHealth.Status.ABSENT
                        ? messages.get(absentKey)
                        : messages.get(labelKey, HealthText.brief(messages, health.get())),
                health);
    }

    private StringBinding healthDetail(ReadOnlyObjectProperty<EndpointHealth> health) {
        return Bindings.createStringBinding(() -> HealthText.of(messages, health.get()), health);
    }

    /** The console's pages, in navigation order. */
    public PageRegistry pages() {
        return pages;
    }

    public ReadOnlyObjectProperty<PageId> selectedPageProperty() {
        return selectedPage.getReadOnlyProperty();
    }

    public PageId selectedPage() {
        return selectedPage.get();
    }

    public StringBinding windowTitleBinding() {
        return windowTitle;
    }

    public StringBinding connectionNameBinding() {
        return connectionName;
    }

    public StringBinding gatewayHealthTextBinding() {
        return gatewayHealthText;
    }

    public StringBinding meshHealthTextBinding() {
        return meshHealthText;
    }

    /** The full sentence behind the top bar's gateway badge, for its tooltip. */
    public StringBinding gatewayHealthDetailBinding() {
        return gatewayHealthDetail;
    }

    /** The full sentence behind the top bar's mesh badge, for its tooltip. */
    public StringBinding meshHealthDetailBinding() {
        return meshHealthDetail;
    }

    public ReadOnlyObjectProperty<EndpointHealth> gatewayHealthProperty() {
        return connection.gatewayHealthProperty();
    }

    public ReadOnlyObjectProperty<EndpointHealth> meshHealthProperty() {
        return connection.meshHealthProperty();
    }

    public ObjectProperty<AppTheme> themeProperty() {
        return theme.themeProperty();
    }

    public BooleanProperty paletteOpenProperty() {
        return paletteOpen;
    }

    public StringProperty statusProperty() {
        return status;
    }

    /** False while the window is hidden or minimised: nothing needs to be kept fresh then. */
    public BooleanProperty windowShownProperty() {
        return windowShown;
    }

    /** Command: show {@code page}. */
    public void navigate(PageId page) {
        selectedPage.set(pages.get(page).id());
    }

    /** Command: show the page bound to Ctrl+{@code digit}, if any. */
    public void navigateToShortcut(int digit) {
        pages.forShortcut(digit).ifPresent(page -> navigate(page.id()));
    }

    /** Command: switch between the light and the dark theme. */
    public void toggleTheme() {
        theme.toggle();
        status.set(messages.get("status.theme", messages.get(theme.theme().messageKey())));
    }

    private Runnable refreshPage = () -> {};

    /** What F5 does besides re-checking the connection: reload the current page. */
    public void setRefreshAction(Runnable action) {
        refreshPage = action;
    }

    /** Command: check the active connection again and reload the current page. */
    public void refreshConnection() {
        status.set(messages.get("status.checking", connection.profile().name()));
        connection.refresh();
        refreshPage.run();
    }

    public BooleanProperty tourOpenProperty() {
        return tourOpen;
    }

    /** Command: open the guided tour "Secure your platform" beside the current page. */
    public void openTour() {
        tourOpen.set(true);
    }

    public void openPalette() {
        paletteOpen.set(true);
    }

    public void closePalette() {
        paletteOpen.set(false);
    }
}
