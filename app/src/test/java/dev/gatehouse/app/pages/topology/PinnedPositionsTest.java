package dev.gatehouse.app.pages.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.app.settings.SettingsStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PinnedPositionsTest {

    @TempDir
    Path dir;

    @Test
    void pinsComeBackPerConnectionAndMeshAfterARestart() {
        new PinnedPositions(new SettingsStore(dir))
                .save("embedded", "default", Map.of("svc:default/redis", new Point(10.04, 20)));
        new PinnedPositions(new SettingsStore(dir)).save("embedded", "", Map.of("client:anonymous", new Point(-5, 7)));
        new PinnedPositions(new SettingsStore(dir))
                .save("other", "default", Map.of("svc:default/redis", new Point(1, 1)));

        PinnedPositions reopened = new PinnedPositions(new SettingsStore(dir));
        assertThat(reopened.load("embedded", List.of("default")))
                .containsOnly(
                        Map.entry("svc:default/redis", new Point(10, 20)),
                        Map.entry("client:anonymous", new Point(-5, 7)));
        assertThat(reopened.load("embedded", List.of())).containsOnlyKeys("client:anonymous");
        assertThat(reopened.load("other", List.of("default")))
                .containsOnly(Map.entry("svc:default/redis", new Point(1, 1)));
    }

    @Test
    void aDamagedEntryOnlyLosesThePins() {
        SettingsStore settings = new SettingsStore(dir);
        settings.put("topology.pins.embedded.default", "{not json");
        assertThat(new PinnedPositions(settings).load("embedded", List.of("default")))
                .isEmpty();
    }
}
