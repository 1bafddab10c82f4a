package dev.gatehouse.installers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The app-image check rejects broken images and failing launchers; the real image is checked by the profile. */
class AppImageCheckTest {

    @TempDir
    Path dir;

    /** A Linux-layout image whose launcher is {@code script} (a shell script standing in for jpackage's launcher). */
    private AppImageLayout linuxImage(String script, String releaseModules) throws IOException {
        AppImageLayout layout = AppImageLayout.of(dir.resolve("Gatehouse"), "Gatehouse", "Linux");
        Files.createDirectories(layout.launcher().getParent());
        Files.createDirectories(layout.appDir());
        Files.createDirectories(layout.runtimeRelease().getParent());
        Files.writeString(layout.launcher(), "#!/bin/sh\n" + script + "\n");
        Files.setPosixFilePermissions(layout.launcher(), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(layout.runtimeRelease(), "JAVA_VERSION=\"25\"\nMODULES=\"" + releaseModules + "\"\n");
        Files.writeString(layout.appDir().resolve("app-0.1.0-SNAPSHOT.jar"), "");
        return layout;
    }

    @Test
    void layoutsFollowJpackagePerOs() {
        Path image = Path.of("out/Gatehouse");
        assertThat(AppImageLayout.of(image, "Gatehouse", "Linux").launcher()).isEqualTo(image.resolve("bin/Gatehouse"));
        assertThat(AppImageLayout.of(image, "Gatehouse", "Windows 11").launcher())
                .isEqualTo(image.resolve("Gatehouse.exe"));
        assertThat(AppImageLayout.of(Path.of("out/Gatehouse.app"), "Gatehouse", "Mac OS X")
                        .runtimeRelease())
                .isEqualTo(Path.of("out/Gatehouse.app/Contents/runtime/Contents/Home/release"));
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void aSoundImageHasNoLayoutProblems() throws IOException {
        AppImageLayout layout = linuxImage("exit 0", "java.base javafx.base javafx.graphics javafx.controls");

        assertThat(AppImageCheck.layoutProblems(layout, Set.of("java.base", "javafx.controls")))
                .isEmpty();
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void missingModulesAndJavafxOnTheClassPathAreReported() throws IOException {
        AppImageLayout layout = linuxImage("exit 0", "java.base java.desktop");
        Files.writeString(layout.appDir().resolve("javafx-graphics-21.0.11-linux.jar"), "");

        List<String> problems = AppImageCheck.layoutProblems(layout, Set.of("java.base", "javafx.controls"));

        assertThat(problems).hasSize(2);
        assertThat(problems.get(0)).contains("runtime lacks modules [javafx.controls]");
        assertThat(problems.get(1)).contains("javafx-graphics-21.0.11-linux.jar");
    }

    @Test
    void anEmptyFolderIsNotAnImage() throws IOException {
        AppImageLayout layout = AppImageLayout.of(dir, "Gatehouse", "Linux");

        assertThat(AppImageCheck.layoutProblems(layout, Set.of("java.base")))
                .anyMatch(p -> p.startsWith("no executable launcher"))
                .anyMatch(p -> p.startsWith("no runtime release file"))
                .anyMatch(p -> p.startsWith("no application folder"));
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void aLauncherThatPrintsTheMarkerAndExitsZeroPasses() throws Exception {
        AppImageLayout layout = linuxImage(
                "[ \"$1\" = --smoke ] && [ -n \"$GATEHOUSE_CONFIG_DIR\" ] "
                        + "&& echo 'smoke ok: Gatehouse' && exit 0; exit 3",
                "java.base");

        LauncherSmoke.Outcome outcome =
                smokeWithDisplay().run(layout.launcher()).orElseThrow();

        assertThat(outcome.ok()).as(outcome.output()).isTrue();
        assertThat(outcome.smokeLine()).contains("smoke ok: Gatehouse");
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void aLauncherThatFailsOrStaysSilentFails() throws Exception {
        AppImageLayout failing = linuxImage("echo 'smoke FAILED: no icons'; exit 1", "java.base");
        LauncherSmoke.Outcome failed =
                smokeWithDisplay().run(failing.launcher()).orElseThrow();
        assertThat(failed.ok()).isFalse();
        assertThat(failed.exitCode()).isEqualTo(1);

        Files.writeString(failing.launcher(), "#!/bin/sh\necho started\nexit 0\n");
        assertThat(smokeWithDisplay().run(failing.launcher()).orElseThrow().ok())
                .isFalse();
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void aHangingLauncherIsKilledAfterTheTimeout() throws Exception {
        AppImageLayout layout = linuxImage("sleep 60", "java.base");

        LauncherSmoke.Outcome outcome = new LauncherSmoke(
                        Duration.ofMillis(500), Map.of("PATH", "", "DISPLAY", ":0"), "Linux")
                .run(layout.launcher())
                .orElseThrow();

        assertThat(outcome.exitCode()).isEqualTo(-1);
        assertThat(outcome.ok()).isFalse();
    }

    @Test
    void withoutDisplayOrXvfbOnLinuxTheLauncherIsNotStarted() throws Exception {
        LauncherSmoke smoke = new LauncherSmoke(Duration.ofSeconds(5), Map.of("PATH", ""), "Linux");

        assertThat(smoke.displayPrefix()).isEmpty();
        assertThat(smoke.run(dir.resolve("never-started"))).isEqualTo(Optional.empty());
        assertThat(new LauncherSmoke(Duration.ofSeconds(5), Map.of(), "Windows 11").displayPrefix())
                .contains(List.of());
    }

    /** A smoke runner that starts scripts directly: they need no X server. */
    private static LauncherSmoke smokeWithDisplay() {
        return new LauncherSmoke(Duration.ofSeconds(20), Map.of("PATH", "", "DISPLAY", ":0"), "Linux");
    }
}
