package dev.gatehouse.gateway.fs;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Owner-only files and directories (0600 files, 0700 directories) where the file system supports POSIX modes. Every
 * file of the gateway that may hold a secret (private keys, the store) is created through this class, so it is never
 * readable by others, not even for the moment between creation and a chmod.
 */
public final class OwnerOnly {

    private static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    /** Writes a file's content to {@code out}; closing {@code out} is allowed and changes nothing. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private OwnerOnly() {}

    /** Creates the directory (and parents) if needed and makes it 0700. */
    public static void directory(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            if (posix(dir.toAbsolutePath().getParent())) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIR));
            } else {
                Files.createDirectories(dir);
            }
        }
        if (posix(dir)) {
            Files.setPosixFilePermissions(dir, DIR);
        }
    }

    /**
     * Creates an empty 0600 file if there is none (for files another library fills, such as SQLite's), or narrows an
     * existing one to 0600 (a file left by an older version or copied in by hand).
     */
    public static void file(Path file) throws IOException {
        boolean posix = posix(file.toAbsolutePath().getParent());
        if (!Files.exists(file)) {
            if (posix) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
            } else {
                Files.createFile(file);
            }
        } else if (posix) {
            Files.setPosixFilePermissions(file, FILE);
        }
    }

    /** {@link #write(Path, Content)} with bytes at hand. */
    public static void write(Path file, byte[] content) throws IOException {
        write(file, out -> out.write(content));
    }

    /**
     * Replaces {@code file} atomically with an owner-only file holding {@code content}: a temporary file in the same
     * directory, created 0600, is written and synced, then renamed over the target, and the directory is synced so
     * the rename survives a crash. Readers see the old file or the new one, never a part; when {@code content} fails,
     * the old file stays as it was and the temporary file is removed. The directory must exist.
     */
    public static void write(Path file, Content content) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        String prefix = "." + target.getFileName() + ".";
        Path tmp = posix(dir)
                ? Files.createTempFile(dir, prefix, ".tmp", PosixFilePermissions.asFileAttribute(FILE))
                : Files.createTempFile(dir, prefix, ".tmp");
        boolean moved = false;
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel));
                content.writeTo(new FilterOutputStream(out) {
                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        out.write(b, off, len);
                    }

                    @Override
                    public void close() throws IOException {
                        flush(); // the content may close its writer; the channel must stay open for the sync
                    }
                });
                out.flush();
                channel.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            moved = true;
        } finally {
            if (!moved) {
                Files.deleteIfExists(tmp);
            }
        }
        syncDirectory(dir);
    }

    /** Makes a rename in {@code dir} durable; not every platform can open a directory (Windows cannot): skipped there. */
    private static void syncDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // the rename itself is still atomic; only its durability across a power loss is not guaranteed here
        }
    }

    private static boolean posix(Path p) {
        return p != null && p.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
