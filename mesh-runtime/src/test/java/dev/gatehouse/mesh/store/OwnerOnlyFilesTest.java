package dev.gatehouse.mesh.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.channels.ClosedByInterruptException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The owner-only writer on a real file system: permissions, no temporary file left, the old content on failure. */
class OwnerOnlyFilesTest {
    @TempDir
    Path dir;

    @Test
    void writeLeavesAnOwnerOnlyFileAndNothingElse() throws Exception {
        Path key = dir.resolve("secrets").resolve("ca.key");
        OwnerOnlyFiles.write(key, "first".getBytes(StandardCharsets.UTF_8));
        assertThat(Files.readString(key)).isEqualTo("first");
        assertThat(permissions(key)).isEqualTo("rw-------");
        assertThat(permissions(key.getParent())).isEqualTo("rwx------");
        assertThat(names(key.getParent())).containsExactly("ca.key");
    }

    @Test
    void replacingAReadableFileMakesItOwnerOnly() throws Exception {
        Path token = Files.writeString(dir.resolve("token"), "old");
        Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-r--r--"));
        OwnerOnlyFiles.write(token, "new".getBytes(StandardCharsets.UTF_8));
        assertThat(Files.readString(token)).isEqualTo("new");
        assertThat(permissions(token)).isEqualTo("rw-------");
        assertThat(names(dir)).containsExactly("token");
    }

    @Test
    void aFailedWriteKeepsTheOldContentAndLeavesNoTemporaryFile() throws Exception {
        Path token = dir.resolve("token");
        OwnerOnlyFiles.write(token, "old".getBytes(StandardCharsets.UTF_8));
        // An interrupted thread cannot write through a FileChannel: the write fails after the temporary file exists.
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> OwnerOnlyFiles.write(token, "new".getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOf(ClosedByInterruptException.class);
        } finally {
            Thread.interrupted();
        }
        assertThat(Files.readString(token)).isEqualTo("old");
        assertThat(permissions(token)).isEqualTo("rw-------");
        assertThat(names(dir)).containsExactly("token");
    }

    @Test
    void createFileAndDirectoryAreOwnerOnlyAndTightenWhatExists() throws Exception {
        Path data = dir.resolve("data");
        OwnerOnlyFiles.directory(data);
        Path db = data.resolve("mesh.db");
        OwnerOnlyFiles.createFile(db);
        assertThat(permissions(data)).isEqualTo("rwx------");
        assertThat(permissions(db)).isEqualTo("rw-------");

        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(db, "kept");
        Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rw-r--r--"));
        OwnerOnlyFiles.directory(data);
        OwnerOnlyFiles.createFile(db);
        assertThat(permissions(data)).isEqualTo("rwx------");
        assertThat(permissions(db)).isEqualTo("rw-------");
        assertThat(Files.readString(db)).isEqualTo("kept");
    }

    private static String permissions(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    private static List<String> names(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
