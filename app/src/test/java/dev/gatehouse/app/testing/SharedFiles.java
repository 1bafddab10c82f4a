package dev.gatehouse.app.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Finds {@code ../shared} (surefire's {@code shared.dir}, else by walking up from the working directory). A clone
 * without it still builds: tests that read it are skipped, saying which directory is missing; CI always has it.
 */
public final class SharedFiles {

    private SharedFiles() {}

    /** The shared directory; skips the calling test (a JUnit assumption) when there is none. */
    public static Path shared() {
        Path found = find();
        if (found == null) {
            String reason = "the shared/ directory is missing (looked for " + expected()
                    + " and shared/ beside the working directory's ancestors); set -Dshared.dir to run this test";
            System.out.println("[skipped] " + reason); // surefire's console summary counts skips but shows no reason
            assumeTrue(false, reason);
        }
        return found;
    }

    public static Path deckSchema() {
        return shared().resolve("schemas/kong/deck-file.schema.json");
    }

    private static Path find() {
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
        return null;
    }

    private static Path expected() {
        String prop = System.getProperty("shared.dir");
        return (prop != null ? Paths.get(prop) : Paths.get("..", "shared"))
                .toAbsolutePath()
                .normalize();
    }
}
