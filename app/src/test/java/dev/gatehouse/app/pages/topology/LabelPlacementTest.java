package dev.gatehouse.app.pages.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.app.pages.topology.LabelPlacement.Box;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Traffic figures keep apart: each label takes its first free place, busiest first, or is left out. */
class LabelPlacementTest {

    private static Box box(double x, double y) {
        return new Box(x, y, 100, 16);
    }

    @Test
    void aLabelTakesItsFirstPlaceThatOverlapsNoLabelPlacedBefore() {
        LabelPlacement placement = new LabelPlacement();
        assertThat(placement.place(List.of(box(0, 0), box(0, 40)))).isZero();
        // the same middle is taken: the next place along the edge
        assertThat(placement.place(List.of(box(50, 8), box(50, 40)))).isEqualTo(1);
        // boxes that only come within the gap count as overlapping, so texts never touch
        assertThat(placement.place(List.of(box(0, 16 + LabelPlacement.GAP - 0.5), box(300, 0))))
                .isEqualTo(1);
        assertThat(placement.place(List.of(box(0, 16 + LabelPlacement.GAP + 0.5))))
                .isZero();
    }

    @Test
    void aLabelWithNoFreePlaceIsLeftOutAndTakesNothing() {
        LabelPlacement placement = new LabelPlacement();
        placement.place(List.of(box(0, 0)));
        assertThat(placement.place(List.of(box(10, 2), box(-10, -2)))).isEqualTo(-1);
        // what was left out does not block the next one
        assertThat(placement.place(List.of(box(0, 30)))).isZero();
    }

    @Test
    void theBusiestLabelsHandedOverFirstKeepTheirPlaceWhenVerticesCrowd() {
        // three edges whose middles fall on one spot, handed over busiest first: each moves along in turn
        LabelPlacement placement = new LabelPlacement();
        List<Integer> chosen = new ArrayList<>();
        for (int edge = 0; edge < 4; edge++) {
            chosen.add(placement.place(List.of(box(0, 0), box(0, -30), box(0, 30))));
        }
        assertThat(chosen).containsExactly(0, 1, 2, -1);
    }

    @Test
    void verticesAreKeptClear() {
        LabelPlacement placement = new LabelPlacement();
        placement.block(new Box(0, 0, 150, 40));
        assertThat(placement.place(List.of(box(20, 10), box(20, 50)))).isEqualTo(1);
    }

    @Test
    void cheapEnoughForEveryRefresh() {
        // 60 labels with 10 candidates each, most of them crowded: well under a millisecond a refresh
        List<List<Box>> labels = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            List<Box> candidates = new ArrayList<>();
            for (int c = 0; c < 10; c++) {
                candidates.add(box((i % 6) * 40 + c * 7, (i / 6) * 10 + c * 5));
            }
            labels.add(candidates);
        }
        int placed = 0;
        long start = System.nanoTime();
        int rounds = 2_000;
        for (int r = 0; r < rounds; r++) {
            LabelPlacement placement = new LabelPlacement();
            for (List<Box> candidates : labels) {
                placed += placement.place(candidates) >= 0 ? 1 : 0;
            }
        }
        double micros = (System.nanoTime() - start) / 1e3 / rounds;
        System.out.printf(
                "label placement: 60 labels x 10 places in %.1f us (%d placed a round)%n", micros, placed / rounds);
        assertThat(placed / rounds).isBetween(1, 59);
        assertThat(micros).isLessThan(1_000);
    }
}
