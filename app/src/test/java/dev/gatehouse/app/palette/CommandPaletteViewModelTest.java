package dev.gatehouse.app.palette;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.app.icon.AppIcon;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CommandPaletteViewModelTest {

    private final List<String> ran = new ArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private CommandPaletteViewModel palette;

    @BeforeEach
    void setUp() {
        List<PaletteEntry> entries = List.of(
                entry("Overview", "Page · Ctrl+1"),
                entry("Policies", "Mesh · Ctrl+7"),
                entry("Topology", "Mesh · Ctrl+6"),
                entry("Data planes", "Mesh · Ctrl+8"),
                entry("Services", "Gateway · Ctrl+2"));
        palette = new CommandPaletteViewModel(List.of(() -> entries), () -> closed.set(true));
    }

    private PaletteEntry entry(String label, String detail) {
        return new PaletteEntry(label, detail, AppIcon.OVERVIEW, () -> ran.add(label));
    }

    private List<String> labels() {
        return palette.results().stream().map(PaletteEntry::label).toList();
    }

    @Test
    void emptyQueryListsEverythingInSourceOrder() {
        assertThat(labels()).containsExactly("Overview", "Policies", "Topology", "Data planes", "Services");
    }

    @Test
    void bestMatchComesFirstAndNonMatchesAreDropped() {
        palette.queryProperty().set("pol");
        assertThat(labels()).containsExactly("Policies", "Topology");
    }

    @Test
    void detailMatchesCountButRankBelowLabelMatches() {
        palette.queryProperty().set("mesh");
        assertThat(labels()).containsExactlyInAnyOrder("Policies", "Topology", "Data planes");
    }

    @Test
    void enterRunsTheHighlightedEntryAndClosesThePalette() {
        palette.queryProperty().set("dat");
        palette.acceptSelected();
        assertThat(ran).containsExactly("Data planes");
        assertThat(closed).isTrue();
        assertThat(palette.queryProperty().get()).isEmpty();
    }

    @Test
    void arrowKeysMoveTheHighlightAndWrap() {
        palette.queryProperty().set("pol");
        palette.moveSelection(1);
        assertThat(palette.selectedIndexProperty().get()).isEqualTo(1);
        palette.moveSelection(1);
        assertThat(palette.selectedIndexProperty().get()).isZero();
        palette.moveSelection(-1);
        palette.acceptSelected();
        assertThat(ran).containsExactly("Topology");
    }

    @Test
    void noMatchMeansNothingToRun() {
        palette.queryProperty().set("zzz");
        assertThat(palette.results()).isEmpty();
        palette.acceptSelected();
        assertThat(ran).isEmpty();
        assertThat(closed).isFalse();
    }

    @Test
    void escapeClosesAndForgetsTheQuery() {
        palette.queryProperty().set("ser");
        palette.dismiss();
        assertThat(closed).isTrue();
        assertThat(palette.queryProperty().get()).isEmpty();
        assertThat(labels()).hasSize(5);
    }
}
