package dev.gatehouse.app.pages.export;

import dev.gatehouse.app.declarative.sync.FileTarget;
import java.time.Instant;

/**
 * The last configuration file saved from the Export page or applied from it, for one runtime of one connection: the
 * file drift is measured against. {@code name} is the file's name as the user knows it.
 */
public record LastFile(FileTarget target, How how, Instant at, String name, String text) {

    /** How the file came to be the last one. */
    public enum How {
        EXPORTED,
        APPLIED
    }
}
