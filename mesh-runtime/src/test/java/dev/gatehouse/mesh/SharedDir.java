package dev.gatehouse.mesh;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Locates the shared reference directory ({@code shared.dir} from surefire, else next to the repository). A clone
 * without it still builds: tests that read it are skipped, saying which directory is missing; CI always has it.
 */
public final class SharedDir {
    private SharedDir() {}

    /** The shared directory; skips the calling test (a JUnit assumption) when there is none. */
    public static Path path() {
        String prop = System.getProperty("shared.dir");
        List<Path> candidates = List.of(
                prop == null ? Path.of("/nonexistent") : Path.of(prop), Path.of("../../shared"), Path.of("../shared"));
        for (Path p : candidates) {
            if (Files.isDirectory(p.resolve("reference"))) {
                return p.toAbsolutePath().normalize();
            }
        }
        String reason = "the shared/ directory is missing (looked for "
                + candidates.stream()
                        .map(p -> p.toAbsolutePath().normalize().toString())
                        .toList()
                + "); set -Dshared.dir to run this test";
        System.out.println("[skipped] " + reason); // surefire's console summary counts skips but shows no reason
        assumeTrue(false, reason);
        return null;
    }
}
