package dev.gatehouse.installers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the build leaves in an app-image for the class-data archive, with shell scripts standing in for jpackage's
 * launcher; the installers profile runs it on the real image and launcher.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class ClassDataArchiveTest {

    @TempDir
    Path dir;

    private AppImageLayout image(String launcherScript) throws IOException {
        AppImageLayout layout = AppImageLayout.of(dir.resolve("Gatehouse"), "Gatehouse", "Linux");
        Files.createDirectories(layout.launcher().getParent());
        Files.createDirectories(layout.appDir());
        Files.writeString(layout.launcher(), "#!/bin/sh\n" + launcherScript + "\n");
        Files.setPosixFilePermissions(layout.launcher(), PosixFilePermissions.fromString("rwxr-xr-x"));
        return layout;
    }

    private Path classList() throws IOException {
        return Files.writeString(dir.resolve("classes.lst"), "java/lang/Object id: 0\n");
    }

    private void run(Path classList) throws Exception {
        ClassDataArchive.main(new String[] {dir.resolve("Gatehouse").toString(), "Gatehouse", classList.toString()});
    }

    /** Dumps (writes the archive) when asked to, otherwise answers as the console's --version does. */
    private static final String DUMPING_LAUNCHER = """
            app=$(dirname "$0")/../lib/app
            case "$JAVA_TOOL_OPTIONS" in
              *-Xshare:dump*) echo archived > "$app/gatehouse.jsa"; echo "main failed after the dump"; exit 1 ;;
              *-Xshare:on*) [ -f "$app/gatehouse.jsa" ] || exit 1; echo "gatehouse 0.1.0" ;;
            esac""";

    @Test
    void theImageShipsTheClassListAndNoArchiveMadeForTheBuildsJarTimes() throws Exception {
        AppImageLayout layout = image(DUMPING_LAUNCHER);
        Path trained = classList();

        run(trained);

        assertThat(layout.appDir().resolve(ClassDataArchive.CLASS_LIST)).hasSameTextualContentAs(trained);
        assertThat(layout.appDir().resolve(ClassDataArchive.ARCHIVE)).doesNotExist();
        assertThat(dir.resolve("Gatehouse-class-data.log"))
                .content()
                .contains("-Xshare:dump -XX:SharedClassListFile=\""
                        + layout.appDir().resolve(ClassDataArchive.CLASS_LIST) + "\"")
                .contains("gatehouse 0.1.0");
    }

    @Test
    void anArchiveTheLauncherCannotMapFailsTheBuildAndIsNotLeftBehind() throws Exception {
        AppImageLayout layout = image("""
                app=$(dirname "$0")/../lib/app
                case "$JAVA_TOOL_OPTIONS" in
                  *-Xshare:dump*) echo archived > "$app/gatehouse.jsa" ;;
                  *) echo "Unable to use shared archive: invalid archive"; exit 1 ;;
                esac""");

        assertThatThrownBy(() -> run(classList()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot map")
                .hasMessageContaining("invalid archive");
        assertThat(layout.appDir().resolve(ClassDataArchive.ARCHIVE)).doesNotExist();
    }

    @Test
    void withoutATrainingRunTheImageGetsNoClassListNotEvenAStaleOne() throws Exception {
        AppImageLayout layout = image(DUMPING_LAUNCHER);
        Files.writeString(layout.appDir().resolve(ClassDataArchive.CLASS_LIST), "from an earlier build");

        run(dir.resolve("no-such-classes.lst"));

        assertThat(layout.appDir().resolve(ClassDataArchive.CLASS_LIST)).doesNotExist();
        assertThat(layout.appDir().resolve(ClassDataArchive.ARCHIVE)).doesNotExist();
    }
}
