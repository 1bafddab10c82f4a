package dev.gatehouse.app.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsStoreTest {

    @TempDir
    Path dir;

    @Test
    void valuesSurviveAReopen() {
        Path config = dir.resolve("config");
        new SettingsStore(config).put("theme", "DARK");
        assertThat(new SettingsStore(config).get("theme")).contains("DARK");
    }

    @Test
    void missingFileMeansNoValues() {
        assertThat(new SettingsStore(dir).get("theme")).isEmpty();
    }

    @Test
    void fileAndDirectoryAreOwnerOnly() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path config = dir.resolve("nested/config");
        SettingsStore store = new SettingsStore(config);
        store.put("k", "v");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file())))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config)))
                .isEqualTo("rwx------");
    }

    @Test
    void writesLeaveNoTemporaryFileBehind() throws Exception {
        SettingsStore store = new SettingsStore(dir);
        store.put("a", "1");
        store.put("b", "2");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("settings.properties");
        }
    }

    @Test
    void aDamagedFileFallsBackToDefaultsAndIsRepairedOnSave() throws Exception {
        Files.write(dir.resolve("settings.properties"), new byte[] {'t', 'h', 'e', 'm', 'e', '=', '\\', 'u', 'z'});
        SettingsStore store = new SettingsStore(dir);
        assertThat(store.get("theme")).isEmpty();
        store.put("theme", "LIGHT");
        assertThat(new SettingsStore(dir).get("theme")).contains("LIGHT");
    }
}
