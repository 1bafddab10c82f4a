package dev.gatehouse.app.files;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The one way the console writes a file that holds settings or secrets. The content goes to a temporary file in
 * the target's directory that is owner-only from its creation (no moment where others could open it), is forced
 * to disk, and then atomically replaces the target; the directory is forced too where the OS allows it. A write
 * that fails leaves the old file as it was and no temporary file behind.
 */
public final class OwnerOnlyFileWriter {

    /** Writes a file's content to a stream (which the writer closes itself). */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private static final boolean POSIX =
            FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private OwnerOnlyFileWriter() {}

    /**
     * Creates {@code dir} when missing: its parents as the OS makes them, the directory itself owner-only. An
     * existing directory is left as it is (it may be one the user chose and shares on purpose).
     */
    public static void createDirectory(Path dir) throws IOException {
        Path absolute = dir.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            return;
        }
        if (absolute.getParent() != null) {
            Files.createDirectories(absolute.getParent());
        }
        if (POSIX) {
            Files.createDirectory(absolute, PosixFilePermissions.asFileAttribute(OWNER_DIRECTORY));
        } else {
            Files.createDirectory(absolute);
        }
    }

    /** Replaces {@code file} with {@code content}. */
    public static void write(Path file, byte[] content) throws IOException {
        write(file, out -> out.write(content));
    }

    /** Replaces {@code file} with what {@code content} writes; on failure the old file stays untouched. */
    public static void write(Path file, Content content) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        createDirectory(dir);
        // A unique name in the same directory: the rename stays on one file system, so it can be atomic.
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp", ownerOnly());
        boolean moved = false;
        try {
            try (FileChannel channel =
                    FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                OutputStream out = Channels.newOutputStream(channel);
                // Serialisers like Jackson close the stream they are given; the channel must stay open to be forced.
                content.writeTo(new FilterOutputStream(out) {
                    @Override
                    public void write(byte[] bytes, int offset, int length) throws IOException {
                        out.write(bytes, offset, length);
                    }

                    @Override
                    public void close() throws IOException {
                        flush();
                    }
                });
                channel.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            moved = true;
        } finally {
            if (!moved) {
                Files.deleteIfExists(tmp);
            }
        }
        forceDirectory(dir);
    }

    private static FileAttribute<?>[] ownerOnly() {
        return POSIX
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_FILE)}
                : new FileAttribute<?>[0];
    }

    /** Makes the rename itself durable; Windows cannot open a directory for this, and says so with an exception. */
    private static void forceDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // the rename is done; only its durability across a power cut is not guaranteed here
        }
    }
}
