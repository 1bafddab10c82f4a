package dev.gatehouse.app.pages.topology;

import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.icon.AppIcon;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.AccessibleRole;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;

/**
 * One vertex on the graph: an icon, the name and a second line (instances online, mesh), a lock when its mesh runs
 * mTLS, a tooltip with each data plane and its certificate expiry, and on mesh services a port to drag a permission
 * from. Fixed size, so edges can meet its border without measuring it.
 */
final class NodeView extends StackPane {

    static final double WIDTH = 156;
    static final double HEIGHT = 46;

    private final TopologyNode node;
    private final Circle port;

    NodeView(TopologyNode node, Messages messages) {
        this.node = node;
        setId("topology-node-" + node.id());
        getStyleClass()
                .addAll("topology-node", "topology-node-" + node.kind().name().toLowerCase(java.util.Locale.ROOT));
        setMinSize(WIDTH, HEIGHT);
        setPrefSize(WIDTH, HEIGHT);
        setMaxSize(WIDTH, HEIGHT);
        Label name = new Label(title(node, messages));
        name.getStyleClass().add("topology-node-name");
        Label detail = new Label(subtitle(node, messages));
        detail.getStyleClass().add("topology-node-detail");
        VBox text = new VBox(name, detail);
        text.setAlignment(Pos.CENTER_LEFT);
        HBox row = new HBox(8, icon(node).node(), text);
        row.setAlignment(Pos.CENTER_LEFT);
        if (node.mtls()) {
            var lock = AppIcon.LOCK.node();
            lock.getStyleClass().add("topology-node-lock");
            row.getChildren().add(lock);
        }
        getChildren().add(row);
        if (node.inMesh() && node.online() < node.instances()) {
            getStyleClass().add("offline");
        }
        port = new Circle(5);
        port.getStyleClass().add("topology-port");
        port.setId("topology-port-" + node.id());
        StackPane.setAlignment(port, Pos.CENTER_RIGHT);
        port.setTranslateX(5);
        if (node.inMesh()) {
            getChildren().add(port);
        }
        setFocusTraversable(false);
        setAccessibleRole(AccessibleRole.NODE);
        String tooltip = tooltip(node, messages);
        setAccessibleText(tooltip);
        // Tooltips are windows: made on first hover, not 500 at once when the graph is drawn.
        setOnMouseEntered(e -> {
            if (getProperties().putIfAbsent(Tooltip.class, tooltip) == null) {
                Tooltip.install(this, new Tooltip(tooltip));
            }
        });
    }

    TopologyNode node() {
        return node;
    }

    /** The handle a permission is dragged from (only shown on mesh services). */
    Circle port() {
        return port;
    }

    /** Puts the vertex's centre at {@code p}. */
    void place(Point p) {
        relocate(p.x() - WIDTH / 2, p.y() - HEIGHT / 2);
    }

    Point centre() {
        return new Point(getLayoutX() + WIDTH / 2, getLayoutY() + HEIGHT / 2);
    }

    private static AppIcon icon(TopologyNode node) {
        return switch (node.kind()) {
            case CLIENT -> AppIcon.CONSUMER;
            case ANONYMOUS -> AppIcon.USER;
            case GATEWAY -> AppIcon.ROUTE;
            case SERVICE -> AppIcon.DATAPLANE;
            case EXTERNAL -> AppIcon.GLOBE;
        };
    }

    static String title(TopologyNode node, Messages messages) {
        return node.kind() == NodeKind.ANONYMOUS ? messages.get("topology.node.anonymous") : node.label();
    }

    private static String subtitle(TopologyNode node, Messages messages) {
        return switch (node.kind()) {
            case CLIENT -> messages.get("topology.node.client");
            case ANONYMOUS -> messages.get("topology.node.anonymous.detail");
            case EXTERNAL -> messages.get("topology.node.external");
            case GATEWAY, SERVICE ->
                node.inMesh()
                        ? messages.get("topology.node.instances", node.online(), node.instances())
                        : messages.get("topology.node.gateway");
        };
    }

    private static String tooltip(TopologyNode node, Messages messages) {
        List<String> lines = new ArrayList<>();
        lines.add(title(node, messages) + " \u2014 " + subtitle(node, messages));
        if (node.inMesh()) {
            lines.add(messages.get(node.mtls() ? "topology.node.mtls.on" : "topology.node.mtls.off", node.mesh()));
        }
        for (DataplaneInfo dp : node.dataplanes()) {
            String state = messages.get(dp.online() ? "topology.dataplane.online" : "topology.dataplane.offline");
            lines.add(dp.certificateExpiry()
                    .map(expiry -> messages.get("topology.dataplane.cert", dp.name(), dp.address(), state, expiry))
                    .orElseGet(() -> messages.get("topology.dataplane", dp.name(), dp.address(), state)));
        }
        return String.join("\n", lines);
    }
}
