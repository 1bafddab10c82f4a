package dev.gatehouse.app.palette;

import java.util.List;

/** Supplies palette entries; each feature (pages, entities of the active connection) contributes its own. */
@FunctionalInterface
public interface PaletteSource {

    /** The entries as of now; called on every search, so keep it cheap (cached data only, no I/O). */
    List<PaletteEntry> entries();
}
