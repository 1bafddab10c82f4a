package dev.gatehouse.gateway.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Finds {@code ../shared} (surefire's {@code shared.dir}, else by walking up from the working directory). */
public final class SharedFiles {

  private SharedFiles() {
  }

  public static Path shared() {
    String prop = System.getProperty("shared.dir");
    if (prop != null && Files.isDirectory(Paths.get(prop, "schemas"))) {
      return Paths.get(prop);
    }
    Path dir = Paths.get("").toAbsolutePath();
    while (dir != null) {
      Path candidate = dir.resolve("shared");
      if (Files.isDirectory(candidate.resolve("schemas"))) {
        return candidate;
      }
      candidate = dir.resolveSibling("shared");
      if (Files.isDirectory(candidate.resolve("schemas"))) {
        return candidate;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException("cannot find the shared/ directory (set -Dshared.dir)");
  }

  public static Path deckSchema() {
    return shared().resolve("schemas/kong/deck-file.schema.json");
  }
}
