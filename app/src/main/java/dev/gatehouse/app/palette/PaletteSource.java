package dev.gatehouse.app.palette;

import java.util.List;

/** Supplies palette entries; each feature (pages, entities of the active connection) contributes its own. */
@FunctionalInterface
public interface PaletteSource {

    /** The entries as of now; called on every search, so keep it cheap (cached data only, no I/O). */
    List<PaletteEntry> entries();

    /**
     * Called when the palette opens: a source whose entries come from a server may fetch them anew in the
     * background and run {@code changed} on the UI thread once it has. Sources of local data do nothing.
     */
    default void refresh(Runnable changed) {}
}
