package dev.gatehouse.app.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OwnerOnlyFileWriterTest {

    @TempDir
    Path dir;

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    private static String permissions(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    private static List<Path> temporaryFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".tmp"))
                    .toList();
        }
    }

    @Test
    void theTemporaryFileIsOwnerOnlyWhileItIsWrittenAndTheTargetKeepsItsOldContentUntilTheMove() throws Exception {
        assumeTrue(posix());
        Path file = dir.resolve("secrets.json");
        OwnerOnlyFileWriter.write(file, "old".getBytes(StandardCharsets.UTF_8));
        List<String> seen = new ArrayList<>();
        OwnerOnlyFileWriter.write(file, out -> {
            out.write("new".getBytes(StandardCharsets.UTF_8));
            List<Path> temporary = temporaryFiles(dir);
            assertThat(temporary).hasSize(1);
            seen.add(permissions(temporary.get(0)));
            seen.add(Files.readString(file));
        });
        assertThat(seen).containsExactly("rw-------", "old");
        assertThat(Files.readString(file)).isEqualTo("new");
        assertThat(permissions(file)).isEqualTo("rw-------");
        assertThat(temporaryFiles(dir)).isEmpty();
    }

    @Test
    void aMissingDirectoryIsCreatedOwnerOnlyAndAnExistingOneIsLeftAlone() throws Exception {
        assumeTrue(posix());
        Path nested = dir.resolve("a/config");
        OwnerOnlyFileWriter.write(nested.resolve("settings.properties"), new byte[] {1});
        assertThat(permissions(nested)).isEqualTo("rwx------");

        Path shared = Files.createDirectory(dir.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxr-x---"));
        OwnerOnlyFileWriter.write(shared.resolve("connections.json"), new byte[] {1});
        assertThat(permissions(shared)).isEqualTo("rwxr-x---");
        assertThat(permissions(shared.resolve("connections.json"))).isEqualTo("rw-------");
    }

    @Test
    void aWriteThatFailsHalfwayLeavesTheOldContentAndNoTemporaryFile() throws Exception {
        Path file = dir.resolve("settings.properties");
        OwnerOnlyFileWriter.write(file, "theme=DARK\n".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> OwnerOnlyFileWriter.write(file, out -> {
                    out.write("theme=LI".getBytes(StandardCharsets.UTF_8));
                    throw new IOException("No space left on device");
                }))
                .isInstanceOf(IOException.class)
                .hasMessage("No space left on device");
        assertThat(Files.readString(file)).isEqualTo("theme=DARK\n");
        assertThat(temporaryFiles(dir)).isEmpty();
    }

    @Test
    void aFailedReplaceLeavesNoTemporaryFileBehind() throws Exception {
        // A directory where the file should be: the final move fails after the content was written.
        Path file = Files.createDirectory(dir.resolve("connections.json"));
        Files.writeString(file.resolve("keep"), "x");
        assertThatThrownBy(() -> OwnerOnlyFileWriter.write(file, "{}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class);
        assertThat(temporaryFiles(dir)).isEmpty();
        assertThat(file.resolve("keep")).hasContent("x");
    }

    @Test
    void aSerialiserThatClosesTheStreamStillGetsItsContentForcedAndMoved() throws Exception {
        Path file = dir.resolve("secrets.json");
        OwnerOnlyFileWriter.write(file, out -> {
            out.write("{\"a\":1}".getBytes(StandardCharsets.UTF_8));
            out.close();
        });
        assertThat(Files.readString(file)).isEqualTo("{\"a\":1}");
    }
}
