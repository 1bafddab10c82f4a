package dev.gatehouse.app.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.app.concurrent.DirectBackgroundExecutor;
import dev.gatehouse.app.concurrent.UiExecutor;
import dev.gatehouse.app.connection.ActiveConnection;
import dev.gatehouse.app.connection.ConnectionKind;
import dev.gatehouse.app.connection.ConnectionProfile;
import dev.gatehouse.app.connection.EndpointHealth;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.page.Page;
import dev.gatehouse.app.palette.PaletteEntry;
import dev.gatehouse.app.settings.SettingsStore;
import dev.gatehouse.app.theme.AppTheme;
import dev.gatehouse.app.theme.ThemePreference;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShellViewModelTest {

    @TempDir
    Path dir;

    private final Messages messages = new Messages(Locale.ROOT);
    private ActiveConnection connection;
    private ShellViewModel shell;

    @BeforeEach
    void setUp() {
        connection = new ActiveConnection(ConnectionProfile.embeddedDefault(),
                uri -> EndpointHealth.up("Kong", "3.9.1", 2), new DirectBackgroundExecutor(), UiExecutor.DIRECT);
        shell = new ShellViewModel(messages, connection, new ThemePreference(new SettingsStore(dir)));
    }

    @Test
    void startsOnOverview() {
        assertThat(shell.selectedPage()).isEqualTo(Page.OVERVIEW);
    }

    @Test
    void windowTitleNamesTheActiveConnection() {
        assertThat(shell.windowTitleBinding().get()).isEqualTo("Gatehouse \u2014 Embedded sandbox");
        connection.profileProperty().set(new ConnectionProfile("p", "prod-kong", ConnectionKind.REMOTE_KONG,
                Optional.of(URI.create("https://kong.example:8444")), Optional.empty()));
        assertThat(shell.windowTitleBinding().get()).isEqualTo("Gatehouse \u2014 prod-kong");
        assertThat(shell.connectionNameBinding().get()).isEqualTo("prod-kong");
    }

    @Test
    void ctrlDigitsReachTheFirstNinePagesAndZeroReachesConnections() {
        shell.navigateToShortcut(2);
        assertThat(shell.selectedPage()).isEqualTo(Page.SERVICES);
        shell.navigateToShortcut(9);
        assertThat(shell.selectedPage()).isEqualTo(Page.TRAFFIC);
        shell.navigateToShortcut(0);
        assertThat(shell.selectedPage()).isEqualTo(Page.CONNECTIONS);
    }

    @Test
    void themeToggleFlipsAndSaysSo() {
        shell.toggleTheme();
        assertThat(shell.themeProperty().get()).isEqualTo(AppTheme.DARK);
        assertThat(shell.statusProperty().get()).isEqualTo("Theme: Dark.");
        assertThat(new ThemePreference(new SettingsStore(dir)).theme()).isEqualTo(AppTheme.DARK);
    }

    @Test
    void topBarHealthIsBriefAndTheTooltipHasTheDetail() {
        connection.refresh().join();
        assertThat(shell.gatewayHealthTextBinding().get()).isEqualTo("Gateway: Kong 3.9.1");
        assertThat(shell.gatewayHealthDetailBinding().get()).isEqualTo("Kong 3.9.1, 2 ms");
    }

    @Test
    void paletteListsEveryPageAndRunsNavigation() {
        ShellPaletteSource source = new ShellPaletteSource(messages, shell);
        assertThat(source.entries()).extracting(PaletteEntry::label)
                .contains("Overview", "Services", "Routes", "Consumers", "Plugins", "Topology", "Policies",
                        "Data planes", "Live traffic", "Export", "Connections");
        source.entries().stream().filter(e -> e.label().equals("Export")).findFirst().orElseThrow().action().run();
        assertThat(shell.selectedPage()).isEqualTo(Page.EXPORT);
    }
}
