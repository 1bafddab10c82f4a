package dev.gatehouse.app.pages.topology;

import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.repository.mesh.PolicyRef;
import dev.gatehouse.app.repository.mesh.ServiceAccess;
import java.util.Locale;
import java.util.stream.Collectors;
import javafx.scene.AccessibleRole;
import javafx.scene.Group;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.shape.LineTo;
import javafx.scene.shape.MoveTo;
import javafx.scene.shape.Path;
import javafx.scene.shape.QuadCurveTo;

/**
 * One directed edge: a path from border to border with an arrowhead, styled by what it is (a route, an allowed
 * pair, a pair allowed only by allow-all, a denied pair, a pair nothing is enforced on). East-west edges sit a
 * little to the right of the centre line so that A → B and B → A are both visible; north-south edges bend, so a
 * route and a permission between the same two vertices do not overlap. Routes carry a label.
 */
final class EdgeView extends Group {

    private static final double ARROW = 9;

    private final TopologyEdge edge;
    private final Path path = new Path();
    private final Label label;
    private EdgeGeometry geometry;

    EdgeView(TopologyEdge edge, Messages messages) {
        this.edge = edge;
        setId("topology-edge-" + edge.id());
        path.getStyleClass().addAll("topology-edge", styleClass(edge));
        getChildren().add(path);
        String text = describe(edge, messages);
        if (edge.kind() == EdgeKind.NORTH_SOUTH && !edge.routes().isEmpty()) {
            label = new Label(edge.routes().stream()
                    .map(r -> messages.get(
                            r.keyAuth() ? "topology.edge.label.protected" : "topology.edge.label.open", r.name()))
                    .collect(Collectors.joining("\n")));
            label.getStyleClass().add("topology-edge-label");
            label.setMouseTransparent(true);
            getChildren().add(label);
        } else {
            label = null;
        }
        setAccessibleRole(AccessibleRole.NODE);
        setAccessibleText(text);
        // Made on first hover: thousands of edges must not each open a tooltip window up front.
        path.setOnMouseEntered(e -> {
            if (path.getProperties().putIfAbsent(Tooltip.class, text) == null) {
                Tooltip.install(path, new Tooltip(text));
            }
        });
    }

    TopologyEdge edge() {
        return edge;
    }

    /** Redraws the edge between the vertices centred at {@code from} and {@code to}. */
    void update(Point from, Point to) {
        geometry = EdgeGeometry.between(from, to, edge.kind() == EdgeKind.EAST_WEST);
        trace(path, geometry);
        if (geometry != null && geometry.curved() && label != null) {
            Point start = geometry.start();
            Point c = geometry.control();
            Point end = geometry.end();
            label.relocate((start.x() + 2 * c.x() + end.x()) / 4 + 4, (start.y() + 2 * c.y() + end.y()) / 4 - 8);
        }
    }

    /** Draws {@code geometry} into {@code path}: the line or curve and its arrowhead (nothing for null). */
    static void trace(Path path, EdgeGeometry geometry) {
        if (geometry == null) {
            path.getElements().clear();
            return;
        }
        Point start = geometry.start();
        Point end = geometry.end();
        double tipDx;
        double tipDy;
        if (geometry.curved()) {
            Point c = geometry.control();
            path.getElements()
                    .setAll(new MoveTo(start.x(), start.y()), new QuadCurveTo(c.x(), c.y(), end.x(), end.y()));
            double tl = Math.hypot(end.x() - c.x(), end.y() - c.y());
            tipDx = (end.x() - c.x()) / tl;
            tipDy = (end.y() - c.y()) / tl;
        } else {
            path.getElements().setAll(new MoveTo(start.x(), start.y()), new LineTo(end.x(), end.y()));
            double length = Math.hypot(end.x() - start.x(), end.y() - start.y());
            tipDx = (end.x() - start.x()) / length;
            tipDy = (end.y() - start.y()) / length;
        }
        double bx = end.x() - tipDx * ARROW;
        double by = end.y() - tipDy * ARROW;
        path.getElements()
                .addAll(
                        new MoveTo(bx - tipDy * ARROW / 2, by + tipDx * ARROW / 2),
                        new LineTo(end.x(), end.y()),
                        new LineTo(bx + tipDy * ARROW / 2, by - tipDx * ARROW / 2));
    }

    /** Where the edge runs now (null before it is placed, or between coinciding vertices). */
    EdgeGeometry geometry() {
        return geometry;
    }

    /** The route label's height (0 without one), so traffic figures go below it. */
    double labelHeight() {
        return label == null ? 0 : label.getHeight();
    }

    Path path() {
        return path;
    }

    static String styleClass(TopologyEdge edge) {
        ServiceAccess.Access access = edge.accessOrNull();
        return access == null
                ? "edge-route"
                : "edge-" + access.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The legend's and tooltips' words for an access. */
    static String accessKey(ServiceAccess.Access access) {
        return switch (access) {
            case ALLOWED -> "topology.access.allowed";
            case ALLOWED_BY_ALLOW_ALL -> "topology.access.allowed_by_allow_all";
            case DENIED -> "topology.access.denied";
            case NOT_ENFORCED -> "topology.access.not_enforced";
        };
    }

    /** The edge in words: the routes and their protection, or the pair, its access and the deciding policy. */
    static String describe(TopologyEdge edge, Messages messages) {
        if (edge.access().isEmpty()) {
            if (edge.routes().isEmpty()) {
                return messages.get("topology.edge.consumer");
            }
            return edge.routes().stream()
                    .map(r -> messages.get(
                            r.keyAuth() ? "topology.edge.route.protected" : "topology.edge.route.open", r.name()))
                    .collect(Collectors.joining("\n"));
        }
        ServiceAccess access = edge.access().get();
        String verdict = messages.get(accessKey(access.access()));
        String policy = access.policy()
                .map(PolicyRef::name)
                .map(name -> messages.get(
                        "topology.edge.policy",
                        access.policy().map(PolicyRef::type).orElse(""),
                        name))
                .orElse("");
        String rule = access.rule() == null || access.rule().isBlank() ? "" : " \u2014 " + access.rule();
        return access.source() + " \u2192 " + access.destination() + ": " + verdict + policy + rule;
    }
}
