package dev.gatehouse.gateway.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.gateway.tls.CertificateFiles;
import dev.gatehouse.gateway.tls.ServerCertificate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The owner-only writer on a real POSIX file system: modes from the first byte, atomic replacement, no leftovers. */
class OwnerOnlyTest {

    @TempDir
    Path dir;

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    @Test
    void writesAnOwnerOnlyFileAndLeavesNoTemporaryFile() throws Exception {
        Path secret = dir.resolve("token");
        OwnerOnly.write(secret, "s3cret".getBytes(StandardCharsets.UTF_8));
        assertThat(Files.readString(secret)).isEqualTo("s3cret");
        assertThat(mode(secret)).isEqualTo("rw-------");
        assertThat(files()).containsExactly(secret);
    }

    @Test
    void theFileIsOwnerOnlyWhileItIsBeingWritten() throws Exception {
        Path secret = dir.resolve("key.pem");
        String[] seen = new String[1];
        OwnerOnly.write(secret, out -> {
            out.write("-----BEGIN".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            List<Path> partial = files();
            assertThat(partial).hasSize(1);
            seen[0] = mode(partial.get(0));
            out.write(" PRIVATE KEY-----\n".getBytes(StandardCharsets.US_ASCII));
        });
        assertThat(seen[0]).as("mode of the file being written").isEqualTo("rw-------");
        assertThat(Files.readString(secret)).isEqualTo("-----BEGIN PRIVATE KEY-----\n");
    }

    @Test
    void replacingAWorldReadableFileLeavesAnOwnerOnlyOne() throws Exception {
        Path secret = dir.resolve("token");
        Files.writeString(secret, "old");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-r--r--"));
        OwnerOnly.write(secret, "new".getBytes(StandardCharsets.UTF_8));
        assertThat(Files.readString(secret)).isEqualTo("new");
        assertThat(mode(secret)).isEqualTo("rw-------");
        assertThat(files()).containsExactly(secret);
    }

    @Test
    void aFailedWriteKeepsTheOldContentAndCleansUp() throws Exception {
        Path secret = dir.resolve("token");
        OwnerOnly.write(secret, "old".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> OwnerOnly.write(secret, out -> {
                    out.write("half of the new".getBytes(StandardCharsets.UTF_8));
                    throw new IOException("content failed");
                }))
                .isInstanceOf(IOException.class)
                .hasMessage("content failed");
        assertThat(Files.readString(secret)).isEqualTo("old");
        assertThat(files()).containsExactly(secret);
    }

    @Test
    void contentThatClosesItsStreamIsStillSynced() throws Exception {
        Path secret = dir.resolve("token");
        OwnerOnly.write(secret, out -> {
            try (out) {
                out.write("closed early".getBytes(StandardCharsets.UTF_8));
            }
        });
        assertThat(Files.readString(secret)).isEqualTo("closed early");
    }

    @Test
    void aGeneratedCertificatePairIsOwnerOnly() throws Exception {
        Path ssl = dir.resolve("data/ssl");
        CertificateFiles files = new CertificateFiles(ssl.resolve("a.crt"), ssl.resolve("a.key"));
        ServerCertificate.selfSigned(Set.of("localhost")).write(files);
        assertThat(mode(ssl)).isEqualTo("rwx------");
        assertThat(mode(files.key())).isEqualTo("rw-------");
        assertThat(mode(files.cert())).isEqualTo("rw-------");
        try (Stream<Path> s = Files.list(ssl)) {
            assertThat(s.map(p -> p.getFileName().toString()).sorted()).containsExactly("a.crt", "a.key");
        }
        assertThat(ServerCertificate.load(files).key()).isNotNull();
    }
}
