package dev.gatehouse.app.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

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
        AppDirectories dirs =
                AppDirectories.resolve(Map.of("XDG_CONFIG_HOME", "/cfg", "XDG_DATA_HOME", "/data"), "Linux", home);
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
        AppDirectories dirs =
                AppDirectories.resolve(Map.of("APPDATA", "/roaming", "LOCALAPPDATA", "/local"), "Windows 11", home);
        assertThat(dirs.configDir()).isEqualTo(Path.of("/roaming/Gatehouse"));
        assertThat(dirs.dataDir()).isEqualTo(Path.of("/local/Gatehouse"));
    }

    @Test
    void homeComesFromTheHomeVariableNotFromTheAccount() {
        // HOME=/tmp/x gatehouse must not write to the account's real home (Java's user.home ignores $HOME).
        assertThat(AppDirectories.home(Map.of("HOME", "/tmp/x"), "/home/ada")).isEqualTo(Path.of("/tmp/x"));
        assertThat(AppDirectories.home(Map.of(), "/home/ada")).isEqualTo(Path.of("/home/ada"));
        assertThat(AppDirectories.home(Map.of("HOME", " "), "/home/ada")).isEqualTo(Path.of("/home/ada"));
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void aConsoleStartedWithAnotherHomeKeepsEverythingUnderIt() throws Exception {
        // A real JVM whose account home differs from $HOME, as with HOME=/tmp/x gatehouse.
        Path fakeHome = Files.createTempDirectory("gatehouse-home");
        ProcessBuilder builder = new ProcessBuilder(
                        ProcessHandle.current().info().command().orElse("java"),
                        "-Duser.home=/nonexistent/account-home",
                        "-cp",
                        System.getProperty("java.class.path"),
                        DirectoriesProbe.class.getName())
                .redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("XDG_") || name.startsWith("GATEHOUSE_"));
        builder.environment().put("HOME", fakeHome.toString());
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor()).as(out).isZero();
        assertThat(out.lines().toList())
                .containsExactly(
                        fakeHome.resolve(".config/gatehouse").toString(),
                        fakeHome.resolve(".local/share/gatehouse").toString());
        Files.delete(fakeHome);
    }

    /** Prints where the console would keep its settings and data, one per line. */
    public static final class DirectoriesProbe {
        public static void main(String[] args) {
            AppDirectories dirs = AppDirectories.fromEnvironment();
            System.out.println(dirs.configDir());
            System.out.println(dirs.dataDir());
        }
    }

    @Test
    void explicitVariablesWinEverywhere() {
        AppDirectories dirs = AppDirectories.resolve(
                Map.of("GATEHOUSE_CONFIG_DIR", "/x/cfg", "GATEHOUSE_DATA_DIR", "/x/data"), "Linux", home);
        assertThat(dirs).isEqualTo(new AppDirectories(Path.of("/x/cfg"), Path.of("/x/data")));
    }
}
