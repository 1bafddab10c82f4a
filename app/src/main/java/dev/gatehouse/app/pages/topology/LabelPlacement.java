package dev.gatehouse.app.pages.topology;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the graph's traffic figures apart when vertices sit close: each label takes the first of its candidate
 * places that overlaps no label placed before it, or is left out when none is free. Callers hand the labels over
 * busiest first, so the figures that matter most keep their place. Plain arithmetic on boxes, no JavaFX: it runs ten
 * times a second with the figures, for a few dozen labels (quadratic in them, no allocation beyond the result).
 */
final class LabelPlacement {

    /** A label's box at one candidate place, top left and size, in graph coordinates. */
    record Box(double x, double y, double w, double h) {

        /** Whether the two boxes overlap, counting {@code gap} around each as taken. */
        boolean overlaps(Box o, double gap) {
            return x < o.x + o.w + gap && o.x < x + w + gap && y < o.y + o.h + gap && o.y < y + h + gap;
        }
    }

    /** Space kept free between two labels, so their text never touches. */
    static final double GAP = 2;

    private final List<Box> placed = new ArrayList<>();

    /** Boxes taken before any label, that labels must not cover (e.g. the vertices' titles). */
    void block(Box box) {
        placed.add(box);
    }

    /**
     * Places one label: the index of the first of its {@code candidates} (in order of preference) that overlaps
     * nothing placed so far, now taken; -1 when every one does (the label is not shown).
     */
    int place(List<Box> candidates) {
        for (int i = 0; i < candidates.size(); i++) {
            Box box = candidates.get(i);
            if (free(box)) {
                placed.add(box);
                return i;
            }
        }
        return -1;
    }

    private boolean free(Box box) {
        for (int i = 0, n = placed.size(); i < n; i++) {
            if (placed.get(i).overlaps(box, GAP)) {
                return false;
            }
        }
        return true;
    }
}
