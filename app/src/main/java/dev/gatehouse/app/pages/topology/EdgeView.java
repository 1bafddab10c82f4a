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
    private static final double SIDE_STEP = 5;
    private static final double BEND = 36;

    private final TopologyEdge edge;
    private final Path path = new Path();
    private final Label label;

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
        double dx = to.x() - from.x();
        double dy = to.y() - from.y();
        double length = Math.hypot(dx, dy);
        if (length < 1) {
            path.getElements().clear();
            return;
        }
        double ux = dx / length;
        double uy = dy / length;
        // The right-hand normal of the direction of travel.
        double nx = -uy;
        double ny = ux;
        double side = edge.kind() == EdgeKind.EAST_WEST ? SIDE_STEP : 0;
        Point start = border(from, ux, uy, nx * side, ny * side);
        Point end = border(to, -ux, -uy, nx * side, ny * side);
        double tipDx;
        double tipDy;
        if (edge.kind() == EdgeKind.NORTH_SOUTH) {
            double cx = (start.x() + end.x()) / 2 + nx * BEND;
            double cy = (start.y() + end.y()) / 2 + ny * BEND;
            path.getElements().setAll(new MoveTo(start.x(), start.y()), new QuadCurveTo(cx, cy, end.x(), end.y()));
            double tl = Math.hypot(end.x() - cx, end.y() - cy);
            tipDx = (end.x() - cx) / tl;
            tipDy = (end.y() - cy) / tl;
            if (label != null) {
                label.relocate((start.x() + 2 * cx + end.x()) / 4 + 4, (start.y() + 2 * cy + end.y()) / 4 - 8);
            }
        } else {
            path.getElements().setAll(new MoveTo(start.x(), start.y()), new LineTo(end.x(), end.y()));
            tipDx = ux;
            tipDy = uy;
        }
        double bx = end.x() - tipDx * ARROW;
        double by = end.y() - tipDy * ARROW;
        path.getElements()
                .addAll(
                        new MoveTo(bx - tipDy * ARROW / 2, by + tipDx * ARROW / 2),
                        new LineTo(end.x(), end.y()),
                        new LineTo(bx + tipDy * ARROW / 2, by - tipDx * ARROW / 2));
    }

    /** Where a ray from the centre {@code c} (shifted sideways by {@code ox, oy}) leaves the vertex's box. */
    private static Point border(Point c, double ux, double uy, double ox, double oy) {
        double hw = NodeView.WIDTH / 2 + 2;
        double hh = NodeView.HEIGHT / 2 + 2;
        double t = Math.min(
                Math.abs(ux) < 1e-9 ? Double.MAX_VALUE : hw / Math.abs(ux),
                Math.abs(uy) < 1e-9 ? Double.MAX_VALUE : hh / Math.abs(uy));
        return new Point(c.x() + ux * t + ox, c.y() + uy * t + oy);
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
