package dev.gatehouse.app.pages.topology;

import dev.gatehouse.app.i18n.Messages;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.scene.AccessibleRole;
import javafx.scene.Group;
import javafx.scene.control.Tooltip;
import javafx.scene.shape.Path;

/**
 * The lock-down's proposed permissions on the graph: one dashed edge per proposed pair, bent to the left so it does
 * not hide the pair's own edges. They follow the lock-down model's list, so they go when it is applied (the graph
 * then draws them as allowed edges) or discarded, and with the connection.
 */
final class ProposedEdgeLayer extends Group {

    static final String STYLE_CLASS = "edge-proposed";

    private final GraphCanvas canvas;
    private final Messages messages;
    private final ListChangeListener<LockdownViewModel.ProposedEdge> changed = change -> redraw();
    private LockdownViewModel followed;

    ProposedEdgeLayer(GraphCanvas canvas, Messages messages) {
        this.canvas = canvas;
        this.messages = messages;
        setId("topology-proposed-edges");
    }

    /** Draws the proposals of whichever lock-down model {@code current} holds. */
    void follow(ObservableValue<LockdownViewModel> current) {
        current.addListener((obs, old, now) -> show(now));
        show(current.getValue());
    }

    private void show(LockdownViewModel model) {
        if (followed != null) {
            followed.proposedEdges().removeListener(changed);
        }
        followed = model;
        if (model != null) {
            model.proposedEdges().addListener(changed);
        }
        redraw();
    }

    /** Places every proposed edge between its vertices as they are now; pairs with a vertex not shown are left out. */
    void redraw() {
        List<Path> paths = new ArrayList<>();
        if (followed != null) {
            for (LockdownViewModel.ProposedEdge edge : followed.proposedEdges()) {
                Optional<Point> from = centre(edge.mesh(), edge.source());
                Optional<Point> to = centre(edge.mesh(), edge.destination());
                if (from.isPresent() && to.isPresent()) {
                    paths.add(path(edge, from.get(), to.get()));
                }
            }
        }
        getChildren().setAll(paths);
    }

    private Optional<Point> centre(String mesh, String service) {
        return canvas.shownGraph().nodes().stream()
                .filter(n -> n.inMesh() && n.mesh().equals(mesh) && n.service().equals(service))
                .map(n -> canvas.visibleCentre(n.id()))
                .filter(p -> p != null)
                .findFirst();
    }

    private Path path(LockdownViewModel.ProposedEdge edge, Point from, Point to) {
        Path path = new Path();
        path.setId("topology-proposed-" + edge.source() + "->" + edge.destination());
        path.getStyleClass().addAll("topology-edge", STYLE_CLASS);
        EdgeView.trace(path, EdgeGeometry.proposed(from, to));
        String text = messages.get(
                "topology.lockdown.edge",
                edge.source(),
                edge.destination(),
                edge.policy().type(),
                edge.policy().name());
        path.setAccessibleRole(AccessibleRole.NODE);
        path.setAccessibleText(text);
        Tooltip.install(path, new Tooltip(text));
        return path;
    }
}
