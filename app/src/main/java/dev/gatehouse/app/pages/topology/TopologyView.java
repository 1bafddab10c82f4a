package dev.gatehouse.app.pages.topology;

import atlantafx.base.theme.Styles;
import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.icon.AppIcon;
import dev.gatehouse.app.page.EmptyStateView;
import dev.gatehouse.app.page.PageView;
import dev.gatehouse.app.repository.mesh.PermissionMatrix;
import dev.gatehouse.app.repository.mesh.ServiceAccess;
import dev.gatehouse.app.traffic.Outcome;
import dev.gatehouse.app.traffic.TrafficFeed;
import dev.gatehouse.app.traffic.edges.StatsWindow;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Line;
import javafx.util.StringConverter;

/**
 * The Topology page: a toolbar (search, mesh and service filters, denied pairs, zoom, fit, layout again), a line per
 * mesh (its lock, who computed its permissions, and a banner when allow-all or mTLS off lets every pair talk), the
 * graph with the editing side panel at its right (draft, selected edge or service, what-if, history), and below it
 * the selection in words, a keyboard way to ask for a permission, and the legend. Ctrl+Z and Ctrl+Shift+Z undo and
 * redo the changes made here on the control plane. "Lock down" in the toolbar puts the lock-down panel in the
 * editing panel's place (issue 18).
 */
public final class TopologyView extends PageView {

    /** Where the watch controls go ({@code #topology-watch-slot}), the same ones as on the Live traffic page. */
    public static final String WATCH_SLOT_ID = "topology-watch-slot";

    private final GraphCanvas canvas;
    private final HBox watchSlot;

    /** A view without live traffic (its feed never pulses). */
    public TopologyView(TopologyViewModel model, Messages messages) {
        this(model, messages, new TrafficFeed(1));
    }

    public TopologyView(TopologyViewModel model, Messages messages, TrafficFeed feed) {
        this(model, messages, new GraphCanvas(model, messages, feed), new HBox(8));
    }

    private TopologyView(TopologyViewModel model, Messages messages, GraphCanvas canvas, HBox watchSlot) {
        super(model, content(model, messages, canvas, watchSlot));
        this.canvas = canvas;
        this.watchSlot = watchSlot;
        // Ctrl+Z / Ctrl+Shift+Z undo and redo on the control plane, except where text is typed (its own undo).
        addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (GraphEditorPanel.inTextInput(e) || !e.isShortcutDown() || e.getCode() != KeyCode.Z) {
                return;
            }
            if (e.isShiftDown()) {
                model.editing().redo();
            } else {
                model.editing().undo();
            }
            e.consume();
        });
    }

    /** Where the watch controls go, first in the traffic bar above the graph. */
    public HBox watchSlot() {
        return watchSlot;
    }

    /** The drawing surface (tests and the bench zoom and pan it). */
    GraphCanvas canvas() {
        return canvas;
    }

    private static Node content(TopologyViewModel model, Messages messages, GraphCanvas canvas, HBox watchSlot) {
        VBox meshLines = new VBox(4);
        meshLines.setId("topology-meshes");
        model.meshes().addListener((ListChangeListener<MeshSummary>) change -> fillMeshes(meshLines, model, messages));
        Label error = new Label();
        error.setId("topology-error");
        error.getStyleClass().add(Styles.DANGER);
        error.setWrapText(true);
        error.textProperty().bind(model.errorProperty());
        error.managedProperty().bind(model.errorProperty().isNotEmpty());
        VBox top = new VBox(
                8, toolbar(model, messages, canvas), trafficBar(messages, canvas, watchSlot), meshLines, error);
        StackPane.setAlignment(canvas, Pos.TOP_LEFT);
        BorderPane graph = new BorderPane(canvas);
        graph.setTop(top);
        graph.setBottom(bottom(model, messages));
        GraphEditorPanel side = new GraphEditorPanel(model, messages);
        LockdownPanel lockdown = new LockdownPanel(model, messages);
        // The lock-down panel takes the editing panel's place while open; both move the one edit history.
        BooleanProperty lockdownOpen = model.lockdown().openProperty();
        lockdownOpen.addListener((obs, was, open) -> graph.setRight(open ? lockdown : side));
        graph.setRight(lockdownOpen.get() ? lockdown : side);
        BorderPane.setMargin(side, new javafx.geometry.Insets(0, 0, 0, 8));
        BorderPane.setMargin(lockdown, new javafx.geometry.Insets(0, 0, 0, 8));
        BorderPane.setMargin(top, new javafx.geometry.Insets(0, 0, 8, 0));
        graph.visibleProperty().bind(model.requirementMetBinding());
        EmptyStateView empty = new EmptyStateView(model, messages);
        empty.visibleProperty().bind(model.requirementMetBinding().not());
        return new StackPane(graph, empty);
    }

    private static Node toolbar(TopologyViewModel model, Messages messages, GraphCanvas canvas) {
        TextField search = new TextField();
        search.setId("topology-search");
        search.setPromptText(messages.get("topology.search.prompt"));
        search.setAccessibleText(messages.get("topology.search.prompt"));
        search.textProperty().bindBidirectional(model.searchProperty());
        search.setOnAction(
                e -> model.matchesBinding().get().stream().sorted().findFirst().ifPresent(canvas::centreOn));
        search.setPrefColumnCount(10);

        ComboBox<String> mesh = new ComboBox<>();
        mesh.setId("topology-mesh-filter");
        mesh.setAccessibleText(messages.get("topology.filter.mesh"));
        mesh.setConverter(names(messages.get("topology.filter.mesh.all")));
        mesh.getItems().add("");
        mesh.setValue("");
        model.meshes().addListener((ListChangeListener<MeshSummary>) change -> {
            List<String> items = new ArrayList<>(List.of(""));
            model.meshes().forEach(m -> items.add(m.name()));
            if (!mesh.getItems().equals(items)) {
                String kept = mesh.getValue();
                mesh.getItems().setAll(items);
                mesh.setValue(items.contains(kept) ? kept : "");
            }
        });
        mesh.valueProperty()
                .addListener((obs, old, now) -> model.meshFilterProperty().set(now == null ? "" : now));

        ComboBox<TopologyNode> service =
                nodePicker("topology-service-filter", messages.get("topology.filter.service.all"), messages);
        service.setAccessibleText(messages.get("topology.filter.service"));
        service.getItems().add(null);
        model.connectable().addListener((ListChangeListener<TopologyNode>) change -> {
            String kept = service.getValue() == null ? "" : service.getValue().id();
            List<TopologyNode> items = new ArrayList<>();
            items.add(null);
            items.addAll(model.connectable());
            service.getItems().setAll(items);
            service.setValue(model.connectable().stream()
                    .filter(n -> n.id().equals(kept))
                    .findFirst()
                    .orElse(null));
        });
        service.valueProperty()
                .addListener((obs, old, now) -> model.serviceFilterProperty().set(now == null ? "" : now.id()));

        CheckBox unconnected = new CheckBox(messages.get("topology.filter.unconnected"));
        unconnected.setId("topology-hide-unconnected");
        unconnected.selectedProperty().bindBidirectional(model.hideUnconnectedProperty());
        CheckBox denied = new CheckBox(messages.get("topology.show.denied"));
        denied.setId("topology-show-denied");
        denied.selectedProperty().bindBidirectional(model.showDeniedProperty());

        Button zoomIn = iconButton("topology-zoom-in", AppIcon.ZOOM_IN, messages.get("topology.zoom.in"));
        zoomIn.setOnAction(e -> canvas.zoomAt(1.25, canvas.getWidth() / 2, canvas.getHeight() / 2));
        Button zoomOut = iconButton("topology-zoom-out", AppIcon.ZOOM_OUT, messages.get("topology.zoom.out"));
        zoomOut.setOnAction(e -> canvas.zoomAt(0.8, canvas.getWidth() / 2, canvas.getHeight() / 2));
        Button fit = iconButton("topology-fit", AppIcon.FIT, messages.get("topology.fit"));
        fit.setOnAction(e -> canvas.fit());
        Button relayout = iconButton("topology-relayout", AppIcon.LAYOUT, messages.get("topology.relayout"));
        relayout.setOnAction(e -> model.relayout());
        ToggleButton lockdown = new ToggleButton(messages.get("topology.lockdown.open"), AppIcon.LOCK.node());
        lockdown.setId("topology-lockdown-toggle");
        lockdown.setTooltip(new Tooltip(messages.get("topology.lockdown.open.tooltip")));
        lockdown.selectedProperty().bindBidirectional(model.lockdown().openProperty());

        for (Region control : List.of(mesh, service, unconnected, denied, lockdown)) {
            control.setMinWidth(Region.USE_PREF_SIZE);
        }
        HBox bar = new HBox(
                8,
                AppIcon.SEARCH.node(),
                search,
                mesh,
                service,
                unconnected,
                denied,
                spacer(),
                lockdown,
                zoomOut,
                zoomIn,
                fit,
                relayout);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("topology-toolbar");
        return bar;
    }

    /**
     * Live traffic on the graph (issue 15): the watch controls (start/stop watching, shared with the Live traffic
     * page), pause/resume, the window of the figures, the particles' colours and how many are shown.
     */
    private static Node trafficBar(Messages messages, GraphCanvas canvas, HBox watch) {
        TrafficOverlay traffic = canvas.traffic();
        watch.setId(WATCH_SLOT_ID);
        watch.setAlignment(Pos.CENTER_LEFT);

        ToggleButton pause = new ToggleButton(messages.get("topology.traffic.pause"), AppIcon.PAUSE.node());
        pause.setId("topology-traffic-pause");
        pause.selectedProperty().bindBidirectional(traffic.pausedProperty());
        pause.selectedProperty().addListener((obs, was, now) -> {
            pause.setText(messages.get(now ? "topology.traffic.resume" : "topology.traffic.pause"));
            pause.setGraphic((now ? AppIcon.PLAY : AppIcon.PAUSE).node());
        });
        pause.setTooltip(new Tooltip(messages.get("topology.traffic.pause.tooltip")));

        ToggleGroup windows = new ToggleGroup();
        ToggleButton ten = new ToggleButton(messages.get("topology.traffic.window.ten"));
        ten.setId("topology-traffic-window-10s");
        ten.getStyleClass().add(Styles.LEFT_PILL);
        ToggleButton minute = new ToggleButton(messages.get("topology.traffic.window.minute"));
        minute.setId("topology-traffic-window-1m");
        minute.getStyleClass().add(Styles.RIGHT_PILL);
        ten.setToggleGroup(windows);
        minute.setToggleGroup(windows);
        ten.setSelected(true);
        windows.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null) {
                old.setSelected(true); // one window is always chosen
            } else {
                traffic.windowProperty().set(now == minute ? StatsWindow.ONE_MINUTE : StatsWindow.TEN_SECONDS);
            }
        });
        HBox windowSwitch = new HBox(ten, minute);
        windowSwitch.setAccessibleText(messages.get("topology.traffic.window"));
        Tooltip.install(windowSwitch, new Tooltip(messages.get("topology.traffic.window")));

        FlowPane legend = new FlowPane(12, 4);
        legend.setId("topology-traffic-legend");
        legend.setAlignment(Pos.CENTER_LEFT);
        for (Outcome outcome : Outcome.values()) {
            Label item = new Label(messages.get(outcomeKey(outcome)), traffic.swatch(outcome));
            item.getStyleClass().add("topology-legend-item");
            legend.getChildren().add(item);
        }
        legend.getChildren().add(traffic.undrawnSwatch());
        HBox.setHgrow(legend, Priority.ALWAYS);
        // the buttons keep their words; the legend wraps instead
        for (Region control : List.of(pause, ten, minute, windowSwitch)) {
            control.setMinWidth(Region.USE_PREF_SIZE);
        }
        HBox row = new HBox(10, pause, windowSwitch, legend, traffic.sampling());
        row.setAlignment(Pos.CENTER_LEFT);
        // the watch controls on a line of their own: a remote connection's scope, address and buttons need the width
        VBox bar = new VBox(6, watch, row);
        bar.setId("topology-traffic-bar");
        bar.getStyleClass().add("topology-traffic-bar");
        return bar;
    }

    /** The legend's words for a particle colour. */
    static String outcomeKey(Outcome outcome) {
        return switch (outcome) {
            case SUCCESS -> "topology.traffic.outcome.success";
            case AUTH_DENIED -> "topology.traffic.outcome.auth_denied";
            case CLIENT_ERROR -> "topology.traffic.outcome.client_error";
            case SERVER_ERROR -> "topology.traffic.outcome.server_error";
            case MESH_DENIED -> "topology.traffic.outcome.mesh_denied";
        };
    }

    private static Button iconButton(String id, AppIcon icon, String text) {
        Button button = new Button(null, icon.node());
        button.setId(id);
        button.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        button.setTooltip(new Tooltip(text));
        button.setAccessibleText(text);
        return button;
    }

    private static Region spacer() {
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        return spacer;
    }

    private static StringConverter<String> names(String all) {
        return new StringConverter<>() {
            @Override
            public String toString(String name) {
                return name == null || name.isEmpty() ? all : name;
            }

            @Override
            public String fromString(String text) {
                return text;
            }
        };
    }

    /** A list of mesh services shown as "service (mesh)"; null stands for {@code none}. */
    private static ComboBox<TopologyNode> nodePicker(String id, String none, Messages messages) {
        ComboBox<TopologyNode> box = new ComboBox<>();
        box.setId(id);
        box.setConverter(new StringConverter<>() {
            @Override
            public String toString(TopologyNode node) {
                return node == null ? none : messages.get("topology.service.in.mesh", node.label(), node.mesh());
            }

            @Override
            public TopologyNode fromString(String text) {
                return null;
            }
        });
        box.setButtonCell(new ListCell<>() {
            @Override
            protected void updateItem(TopologyNode item, boolean empty) {
                super.updateItem(item, empty);
                setText(box.getConverter().toString(empty ? null : item));
            }
        });
        return box;
    }

    private static void fillMeshes(VBox lines, TopologyViewModel model, Messages messages) {
        List<Node> rows = new ArrayList<>();
        for (MeshSummary mesh : model.meshes()) {
            Label state = new Label(
                    mesh.mtls()
                            ? messages.get("topology.mesh.mtls.on", mesh.name(), mesh.backend())
                            : messages.get("topology.mesh.mtls.off", mesh.name()),
                    (mesh.mtls() ? AppIcon.LOCK : AppIcon.UNLOCK).node());
            state.setId("topology-mesh-" + mesh.name());
            state.getStyleClass().add(mesh.mtls() ? "topology-mtls-on" : "topology-mtls-off");
            Label source = new Label(mesh.problem()
                    .map(p -> messages.get("topology.source.none", p))
                    .orElseGet(() -> messages.get(
                            mesh.source().orElse(PermissionMatrix.Source.CONTROL_PLANE)
                                            == PermissionMatrix.Source.CONTROL_PLANE
                                    ? "topology.source.control_plane"
                                    : "topology.source.console_engine")));
            source.setId("topology-source-" + mesh.name());
            source.getStyleClass().add(Styles.TEXT_MUTED);
            HBox row = new HBox(12, state, source);
            row.setAlignment(Pos.CENTER_LEFT);
            rows.add(row);
            if (mesh.wholesale() > 0
                    && (mesh.wholesaleHidden() || model.showWholesaleProperty().get())) {
                Label banner = new Label(
                        messages.get(
                                mesh.notEnforced() ? "topology.banner.not_enforced" : "topology.banner.allow_all",
                                mesh.name(),
                                mesh.wholesale()),
                        AppIcon.UNHEALTHY.node());
                banner.setWrapText(true);
                Hyperlink toggle = new Hyperlink(messages.get(
                        mesh.wholesaleHidden() ? "topology.banner.draw" : "topology.banner.hide", mesh.wholesale()));
                toggle.setId("topology-wholesale-toggle");
                toggle.setOnAction(e -> model.showWholesaleProperty().set(mesh.wholesaleHidden()));
                HBox box = new HBox(8, banner, toggle);
                box.setAlignment(Pos.CENTER_LEFT);
                box.setId("topology-banner-" + mesh.name());
                box.getStyleClass().add("topology-banner");
                rows.add(box);
            }
        }
        lines.getChildren().setAll(rows);
    }

    private static Node bottom(TopologyViewModel model, Messages messages) {
        Label selection = new Label(messages.get("topology.selection.none"));
        selection.setId("topology-selection");
        selection.setWrapText(true);
        model.selectionProperty().addListener((obs, old, now) -> selection.setText(describe(now, messages)));
        Label notice = new Label();
        notice.setId("topology-notice");
        notice.getStyleClass().add(Styles.TEXT_MUTED);
        notice.textProperty().bind(model.noticeProperty());

        ComboBox<TopologyNode> from =
                nodePicker("topology-connect-source", messages.get("topology.connect.source"), messages);
        from.setAccessibleText(messages.get("topology.connect.source"));
        ComboBox<TopologyNode> to =
                nodePicker("topology-connect-destination", messages.get("topology.connect.destination"), messages);
        to.setAccessibleText(messages.get("topology.connect.destination"));
        from.setItems(model.connectable());
        to.setItems(model.connectable());
        Button connect = new Button(messages.get("topology.connect.button"), AppIcon.ARROW_RIGHT.node());
        connect.setId("topology-connect");
        connect.disableProperty()
                .bind(from.valueProperty().isNull().or(to.valueProperty().isNull()));
        connect.setOnAction(
                e -> model.requestConnect(from.getValue().id(), to.getValue().id()));
        Label allow = new Label(messages.get("topology.connect.label"));
        HBox connectRow = new HBox(8, allow, from, new Label("\u2192"), to, connect, notice);
        connectRow.setAlignment(Pos.CENTER_LEFT);

        VBox bottom = new VBox(6, selection, connectRow, legend(messages));
        bottom.getStyleClass().add("topology-bottom");
        return bottom;
    }

    /** The selection in words: a vertex and its data planes, or an edge with its access and deciding policy. */
    static String describe(TopologySelection selection, Messages messages) {
        return switch (selection) {
            case null -> messages.get("topology.selection.none");
            case TopologySelection.NodeSelected n ->
                messages.get(
                        "topology.selection.node",
                        NodeView.title(n.node(), messages),
                        n.node().instances(),
                        n.node().online());
            case TopologySelection.EdgeSelected e -> EdgeView.describe(e.edge(), messages);
        };
    }

    private static Node legend(Messages messages) {
        FlowPane legend = new FlowPane(16, 4);
        legend.setId("topology-legend");
        legend.getChildren().add(sample("edge-route", messages.get("topology.legend.route")));
        for (ServiceAccess.Access access : ServiceAccess.Access.values()) {
            legend.getChildren()
                    .add(sample(
                            "edge-"
                                    + access.name()
                                            .toLowerCase(java.util.Locale.ROOT)
                                            .replace('_', '-'),
                            messages.get(EdgeView.accessKey(access))));
        }
        legend.getChildren().add(sample(ProposedEdgeLayer.STYLE_CLASS, messages.get("topology.legend.proposed")));
        Label lock = new Label(messages.get("topology.legend.lock"), AppIcon.LOCK.node());
        legend.getChildren().add(lock);
        return legend;
    }

    private static Node sample(String styleClass, String text) {
        Line line = new Line(0, 0, 28, 0);
        line.getStyleClass().addAll("topology-edge", styleClass);
        Label label = new Label(text, line);
        label.getStyleClass().add("topology-legend-item");
        return label;
    }
}
