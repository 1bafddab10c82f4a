package dev.gatehouse.gateway.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Owner-only permissions (0700 directories, 0600 files) where the file system supports POSIX modes. */
public final class OwnerOnly {

  private static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

  private OwnerOnly() {
  }

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

  /** Creates the file if needed and makes it 0600. */
  public static void file(Path file) throws IOException {
    if (!Files.exists(file)) {
      if (posix(file.getParent())) {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
      } else {
        Files.createFile(file);
      }
    }
    if (posix(file)) {
      Files.setPosixFilePermissions(file, FILE);
    }
  }

  /** Writes a 0600 file atomically: a temporary sibling that is never readable by others, then a rename. */
  public static void write(Path file, byte[] content) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Path tmp = dir.resolve("." + file.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    file(tmp);
    Files.write(tmp, content);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static boolean posix(Path p) {
    return p != null && p.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
