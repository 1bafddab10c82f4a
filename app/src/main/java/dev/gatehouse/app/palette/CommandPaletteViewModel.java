package dev.gatehouse.app.palette;

import dev.gatehouse.app.search.FuzzyMatcher;
import java.util.Comparator;
import java.util.List;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** Ctrl+K: type part of a name, get the best matches first, run one with Enter. */
public final class CommandPaletteViewModel {

    /** How many matches the palette lists at most. */
    static final int MAX_RESULTS = 12;

    private final List<PaletteSource> sources;
    private final Runnable close;
    private final StringProperty query = new SimpleStringProperty(this, "query", "");
    private final ObservableList<PaletteEntry> results = FXCollections.observableArrayList();
    private final IntegerProperty selectedIndex = new SimpleIntegerProperty(this, "selectedIndex", 0);

    public CommandPaletteViewModel(List<PaletteSource> sources, Runnable close) {
        this.sources = List.copyOf(sources);
        this.close = close;
        query.addListener((obs, old, now) -> search());
        search();
    }

    public StringProperty queryProperty() {
        return query;
    }

    public ObservableList<PaletteEntry> results() {
        return results;
    }

    public IntegerProperty selectedIndexProperty() {
        return selectedIndex;
    }

    /** The palette opened: matches as of now at once, and again when sources that fetch have their news. */
    public void opened() {
        search();
        sources.forEach(source -> source.refresh(this::search));
    }

    /** Recomputes the matches for the current query. */
    public void search() {
        String q = query.get() == null ? "" : query.get();
        record Scored(PaletteEntry entry, int score) {}
        List<PaletteEntry> found = sources.stream()
                .flatMap(source -> source.entries().stream())
                .map(entry -> new Scored(entry, score(q, entry)))
                .filter(scored -> scored.score() != FuzzyMatcher.NO_MATCH)
                .sorted(Comparator.comparingInt(Scored::score).reversed())
                .limit(MAX_RESULTS)
                .map(Scored::entry)
                .toList();
        results.setAll(found);
        selectedIndex.set(0);
    }

    /** A label match counts fully, a match in the detail (section, shortcut) half as much. */
    private static int score(String query, PaletteEntry entry) {
        int label = FuzzyMatcher.score(query, entry.label());
        int detail = FuzzyMatcher.score(query, entry.detail());
        if (label == FuzzyMatcher.NO_MATCH && detail == FuzzyMatcher.NO_MATCH) {
            return FuzzyMatcher.NO_MATCH;
        }
        return Math.max(label, detail == FuzzyMatcher.NO_MATCH ? FuzzyMatcher.NO_MATCH : detail / 2);
    }

    /** Moves the highlighted row by {@code delta}, staying within the results. */
    public void moveSelection(int delta) {
        if (!results.isEmpty()) {
            selectedIndex.set(Math.floorMod(selectedIndex.get() + delta, results.size()));
        }
    }

    /** Runs the highlighted entry (Enter). */
    public void acceptSelected() {
        int index = selectedIndex.get();
        if (index >= 0 && index < results.size()) {
            accept(results.get(index));
        }
    }

    /** Closes the palette, then runs {@code entry}. */
    public void accept(PaletteEntry entry) {
        dismiss();
        entry.action().run();
    }

    /** Closes the palette and forgets the query (Esc). */
    public void dismiss() {
        close.run();
        query.set("");
    }
}
