package dev.gatehouse.app.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.app.PageCatalog;
import dev.gatehouse.app.connection.ActiveConnection;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.page.PageId;
import dev.gatehouse.app.page.PageRegistry;
import dev.gatehouse.app.pages.export.ExportPage;
import dev.gatehouse.app.pages.overview.OverviewPage;
import dev.gatehouse.app.pages.services.ServicesPage;
import dev.gatehouse.app.pages.traffic.TrafficPage;
import dev.gatehouse.app.palette.PaletteEntry;
import dev.gatehouse.app.settings.SettingsStore;
import dev.gatehouse.app.testing.TestConnections;
import dev.gatehouse.app.testing.TestRuntimes;
import dev.gatehouse.app.theme.AppTheme;
import dev.gatehouse.app.theme.ThemePreference;
import dev.gatehouse.gateway.RunningGateway;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShellViewModelTest {

    @TempDir
    Path dir;

    private final Messages messages = new Messages(Locale.ROOT);
    private ActiveConnection connection;
    private ShellViewModel shell;

    private static RunningGateway gateway;

    @BeforeAll
    static void startGateway(@TempDir Path gatewayDir) {
        gateway = TestRuntimes.gateway(gatewayDir);
    }

    @AfterAll
    static void stopGateway() {
        gateway.close();
    }

    @BeforeEach
    void setUp() {
        connection = TestConnections.connected(
                dir, TestConnections.remoteKong("Embedded sandbox", URI.create(gateway.adminUrl()), Optional.empty()));
        shell = new ShellViewModel(
                messages,
                connection,
                new ThemePreference(new SettingsStore(dir)),
                new PageRegistry(PageCatalog.modules()));
    }

    @AfterEach
    void tearDown() {
        connection.close();
    }

    @Test
    void startsOnOverview() {
        assertThat(shell.selectedPage()).isEqualTo(OverviewPage.ID);
    }

    @Test
    void windowTitleNamesTheActiveConnection() {
        assertThat(shell.windowTitleBinding().get()).isEqualTo("Gatehouse \u2014 Embedded sandbox");
        connection
                .switchTo(TestConnections.remoteKong("prod-kong", URI.create("http://127.0.0.1:9"), Optional.empty()))
                .join();
        assertThat(shell.windowTitleBinding().get()).isEqualTo("Gatehouse \u2014 prod-kong");
        assertThat(shell.connectionNameBinding().get()).isEqualTo("prod-kong");
    }

    @Test
    void ctrlDigitsReachTheFirstNinePagesAndZeroReachesConnections() {
        shell.navigateToShortcut(2);
        assertThat(shell.selectedPage()).isEqualTo(ServicesPage.ID);
        shell.navigateToShortcut(9);
        assertThat(shell.selectedPage()).isEqualTo(TrafficPage.ID);
        shell.navigateToShortcut(0);
        assertThat(shell.selectedPage()).isEqualTo(PageId.CONNECTIONS);
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
        String version = connection.gatewayHealthProperty().get().version();
        assertThat(shell.gatewayHealthTextBinding().get()).isEqualTo("Gateway " + version);
        assertThat(shell.gatewayHealthDetailBinding().get())
                .startsWith("Gatehouse gateway " + version + ", ")
                .endsWith(" ms");
    }

    @Test
    void paletteListsEveryPageAndRunsNavigation() {
        ShellPaletteSource source = new ShellPaletteSource(messages, shell);
        assertThat(source.entries())
                .extracting(PaletteEntry::label)
                .contains(
                        "Overview",
                        "Services",
                        "Routes",
                        "Consumers",
                        "Plugins",
                        "Topology",
                        "Policies",
                        "Data planes",
                        "Live traffic",
                        "Export",
                        "Connections");
        source.entries().stream()
                .filter(e -> e.label().equals("Export"))
                .findFirst()
                .orElseThrow()
                .action()
                .run();
        assertThat(shell.selectedPage()).isEqualTo(ExportPage.ID);
    }
}
