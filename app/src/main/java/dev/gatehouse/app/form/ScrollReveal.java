package dev.gatehouse.app.form;

import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.ScrollPane;

/** Scrolls a scroll pane vertically to show a node inside it, with a little room above it. */
final class ScrollReveal {

    /** Room kept above the node, so it does not stick to the pane's edge. */
    private static final double CONTEXT = 12;

    private ScrollReveal() {}

    static void reveal(ScrollPane pane, Node node) {
        Node content = pane.getContent();
        double contentHeight = content.getLayoutBounds().getHeight();
        double viewport = pane.getViewportBounds().getHeight();
        if (contentHeight <= viewport || viewport <= 0) {
            return;
        }
        Bounds inContent = content.sceneToLocal(node.localToScene(node.getBoundsInLocal()));
        double scrollable = contentHeight - viewport;
        double top = pane.getVvalue() * scrollable;
        double wantedTop = Math.max(0, inContent.getMinY() - CONTEXT);
        if (wantedTop >= top && inContent.getMaxY() <= top + viewport) {
            return; // already in sight
        }
        pane.setVvalue(Math.min(1, wantedTop / scrollable));
    }
}
