package dev.gatehouse.mesh;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Locates the shared reference directory ({@code shared.dir} from surefire, else next to the repository). */
public final class SharedDir {
    private SharedDir() {
    }

    public static Path path() {
        String prop = System.getProperty("shared.dir");
        for (Path p : List.of(prop == null ? Path.of("/nonexistent") : Path.of(prop), Path.of("../../shared"), Path.of("../shared"))) {
            if (Files.isDirectory(p.resolve("reference"))) {
                return p.toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException("shared/ not found (shared.dir=" + prop + ")");
    }
}
