package dev.gatehouse.app.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppDirectoriesTest {

    private final Path home = Path.of("/home/ada");

    @Test
    void linuxFollowsXdgDefaults() {
        AppDirectories dirs = AppDirectories.resolve(Map.of(), "Linux", home);
        assertThat(dirs.configDir()).isEqualTo(Path.of("/home/ada/.config/gatehouse"));
        assertThat(dirs.dataDir()).isEqualTo(Path.of("/home/ada/.local/share/gatehouse"));
    }

    @Test
    void linuxHonoursXdgVariables() {
        AppDirectories dirs = AppDirectories.resolve(
                Map.of("XDG_CONFIG_HOME", "/cfg", "XDG_DATA_HOME", "/data"), "Linux", home);
        assertThat(dirs.configDir()).isEqualTo(Path.of("/cfg/gatehouse"));
        assertThat(dirs.dataDir()).isEqualTo(Path.of("/data/gatehouse"));
    }

    @Test
    void macUsesApplicationSupport() {
        AppDirectories dirs = AppDirectories.resolve(Map.of(), "Mac OS X", home);
        assertThat(dirs.configDir()).isEqualTo(Path.of("/home/ada/Library/Application Support/Gatehouse"));
    }

    @Test
    void windowsUsesAppData() {
        AppDirectories dirs = AppDirectories.resolve(
                Map.of("APPDATA", "/roaming", "LOCALAPPDATA", "/local"), "Windows 11", home);
        assertThat(dirs.configDir()).isEqualTo(Path.of("/roaming/Gatehouse"));
        assertThat(dirs.dataDir()).isEqualTo(Path.of("/local/Gatehouse"));
    }

    @Test
    void explicitVariablesWinEverywhere() {
        AppDirectories dirs = AppDirectories.resolve(
                Map.of("GATEHOUSE_CONFIG_DIR", "/x/cfg", "GATEHOUSE_DATA_DIR", "/x/data"), "Linux", home);
        assertThat(dirs).isEqualTo(new AppDirectories(Path.of("/x/cfg"), Path.of("/x/data")));
    }
}
