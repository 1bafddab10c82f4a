package dev.gatehouse.mesh.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The module's one way to put files that may hold secrets (CA keys, token hashes: the store) on disk: directories
 * 0700 and files 0600 from the moment they exist, where the file system has POSIX permissions. {@link #write}
 * replaces a file atomically and durably: a temporary sibling created owner-only, written and synced, renamed over
 * the file, then the directory synced, so a reader or a crash sees the old content or the new, never a mix.
 */
public final class OwnerOnlyFiles {
    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private OwnerOnlyFiles() {}

    /** Creates {@code dir} (and missing parents) 0700, and makes an existing one 0700. */
    public static void directory(Path dir) throws IOException {
        if (posix(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIRECTORY));
            Files.setPosixFilePermissions(dir, DIRECTORY);
        } else {
            Files.createDirectories(dir);
        }
    }

    /** Creates an empty file 0600 if missing (for a database to fill), and makes an existing one 0600. */
    public static void createFile(Path file) throws IOException {
        try {
            Files.createFile(file, ownerOnly(file));
        } catch (FileAlreadyExistsException e) {
            // kept as it is, but restricted below
        }
        if (posix(file)) {
            Files.setPosixFilePermissions(file, FILE);
        }
    }

    /** Replaces {@code file} with {@code content}, owner-only; on failure the old content stays and no temporary file. */
    public static void write(Path file, byte[] content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        directory(dir);
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp", ownerOnly(dir));
        try {
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                out.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        syncDirectory(dir);
    }

    /** Makes the rename itself durable; file systems that cannot open a directory (Windows) keep it as they can. */
    private static void syncDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // not supported here; the rename is still atomic
        }
    }

    private static FileAttribute<?>[] ownerOnly(Path near) {
        return posix(near)
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)}
                : new FileAttribute<?>[0];
    }

    private static boolean posix(Path p) {
        return p.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
