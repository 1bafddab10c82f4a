package dev.gatehouse.app.pages.mesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gatehouse.app.concurrent.UiExecutor;
import dev.gatehouse.app.connection.ActiveConnection;
import dev.gatehouse.app.connection.ConnectionProfile;
import dev.gatehouse.app.embedded.InProcessPlatform;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.page.PageId;
import dev.gatehouse.app.page.PageLink;
import dev.gatehouse.app.palette.CommandPaletteViewModel;
import dev.gatehouse.app.palette.PaletteEntry;
import dev.gatehouse.app.testing.TestConnections;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl+K over the sandbox's mesh: its services, data planes, policies and meshes, fetched from its control plane. */
class MeshPaletteSourceTest {

    private static final MeshPaletteSource.Targets TARGETS = new MeshPaletteSource.Targets(
            new PageId("overview"), new PageId("topology"), new PageId("dataplanes"), new PageId("policies"));

    @TempDir
    Path dir;

    private InProcessPlatform sandbox;
    private ActiveConnection connection;
    private final List<PageLink> opened = new ArrayList<>();
    private CommandPaletteViewModel palette;

    @BeforeEach
    void start() {
        sandbox = TestConnections.sandbox(dir);
        connection = TestConnections.connected(dir, ConnectionProfile.embedded(), sandbox);
        MeshPaletteSource mesh =
                new MeshPaletteSource(new Messages(Locale.ROOT), connection, UiExecutor.DIRECT, opened::add, TARGETS);
        palette = new CommandPaletteViewModel(List.of(mesh), () -> {});
        // The sandbox registers its data planes as they start; the palette sees them once they are there.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            palette.opened();
            assertThat(mesh.entries()).extracting(PaletteEntry::label).contains("redis", "demo-app-1");
        });
    }

    @AfterEach
    void stop() {
        connection.close();
        sandbox.close();
    }

    private List<PaletteEntry> find(String query) {
        palette.queryProperty().set(query);
        return List.copyOf(palette.results());
    }

    @Test
    void findsAMeshServiceOfTheSandboxAndOpensItsPage() {
        List<PaletteEntry> found = find("redis");
        assertThat(found.get(0).label()).isEqualTo("redis");
        assertThat(found.get(0).detail()).startsWith("Mesh service \u00b7 mesh default");
        palette.acceptSelected();
        assertThat(opened).containsExactly(new PageLink(new PageId("topology"), "redis"));
    }

    @Test
    void findsDataPlanesPoliciesAndTheMeshByItsMtlsState() {
        assertThat(find("demo-app-1").get(0).detail()).startsWith("Data plane \u00b7 mesh default");
        assertThat(find("allow-all")).extracting(PaletteEntry::label).contains("allow-all-default");
        // The sandbox's mesh starts with mTLS off; "mtls" finds the mesh and says so.
        List<PaletteEntry> mtls = find("mtls");
        assertThat(mtls).extracting(PaletteEntry::label).contains("default");
        assertThat(mtls)
                .filteredOn(e -> e.label().equals("default"))
                .first()
                .extracting(PaletteEntry::detail)
                .isEqualTo("Mesh \u00b7 mTLS off");
    }
}
