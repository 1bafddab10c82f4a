package dev.gatehouse.app.pages.topology;

import dev.gatehouse.app.i18n.Messages;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
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
    private final ListChangeListener<LockdownViewModel.ProposedEdge> changed = change -> rebuild();
    private final Map<LockdownViewModel.ProposedEdge, Path> paths = new LinkedHashMap<>();
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
        rebuild();
    }

    /** One path per proposed pair, made when the proposal changes (not on every redraw: a drag redraws per frame). */
    private void rebuild() {
        paths.clear();
        if (followed != null) {
            followed.proposedEdges().forEach(edge -> paths.put(edge, path(edge)));
        }
        getChildren().setAll(paths.values());
        redraw();
    }

    /** Places every proposed edge between its vertices as they are now; a pair with a vertex not shown is hidden. */
    void redraw() {
        if (paths.isEmpty()) {
            return;
        }
        Map<String, String> ids = new HashMap<>();
        for (TopologyNode node : canvas.shownGraph().nodes()) {
            if (node.inMesh()) {
                ids.putIfAbsent(node.mesh() + '/' + node.service(), node.id());
            }
        }
        paths.forEach((edge, path) -> {
            Point from = centre(ids, edge.mesh(), edge.source());
            Point to = centre(ids, edge.mesh(), edge.destination());
            boolean shown = from != null && to != null;
            path.setVisible(shown);
            EdgeView.trace(path, shown ? EdgeGeometry.proposed(from, to) : null);
        });
    }

    private Point centre(Map<String, String> ids, String mesh, String service) {
        String id = ids.get(mesh + '/' + service);
        return id == null ? null : canvas.visibleCentre(id);
    }

    private Path path(LockdownViewModel.ProposedEdge edge) {
        Path path = new Path();
        path.setId("topology-proposed-" + edge.source() + "->" + edge.destination());
        path.getStyleClass().addAll("topology-edge", STYLE_CLASS);
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
