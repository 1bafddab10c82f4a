package dev.gatehouse.app.pages.topology;

import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.traffic.TrafficFeed;
import dev.gatehouse.app.traffic.edges.TrafficEdge;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.animation.PauseTransition;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.CacheHint;
import javafx.scene.Group;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.shape.Line;
import javafx.scene.shape.Rectangle;
import javafx.scene.transform.Affine;
import javafx.util.Duration;

/**
 * The drawing surface: vertices as Regions and edges as Paths in one content Group that is scaled and translated
 * for zoom and pan (wheel zooms at the pointer, dragging the background pans; keys + - arrows and 0 to fit). Vertices
 * are dragged to pin them; dragging from a service's port (or Shift-dragging the service) to another asks for a
 * permission between the two.
 */
final class GraphCanvas extends Region {

    static final double MIN_SCALE = 0.05;
    static final double MAX_SCALE = 2.5;
    private static final double PAN_STEP = 60;

    private final TopologyViewModel model;
    private final Messages messages;
    private final Group edgeLayer = new Group();
    private final Group nodeLayer = new Group();
    private final Line connectLine = new Line();
    private final ProposedEdgeLayer proposedLayer;
    private final Group content;
    private final Affine transform = new Affine();
    private final PauseTransition settle = new PauseTransition(Duration.millis(250));
    private final Map<String, NodeView> nodes = new HashMap<>();
    private final Map<String, EdgeView> edges = new HashMap<>();
    private final Map<String, List<EdgeView>> incident = new HashMap<>();
    private TopologyGraph shownGraph = TopologyGraph.EMPTY;
    private boolean fitPending = true;
    /** True until the user pans or zooms: new vertices then re-fit the view, so none appears off screen. */
    private boolean autoFit = true;

    private Point2D panFrom;
    private String selectedId;
    private final TrafficOverlay traffic;

    GraphCanvas(TopologyViewModel model, Messages messages, TrafficFeed feed) {
        this.model = model;
        this.messages = messages;
        this.proposedLayer = new ProposedEdgeLayer(this, messages);
        this.content = new Group(edgeLayer, proposedLayer, nodeLayer, connectLine);
        setId("topology-canvas");
        getStyleClass().add("topology-canvas");
        setFocusTraversable(true);
        content.getTransforms().add(transform);
        // While the user pans or zooms, the drawn graph is moved as one cached bitmap; once still, it is redrawn sharp.
        content.setCache(true);
        content.setCacheHint(CacheHint.QUALITY);
        settle.setOnFinished(e -> content.setCacheHint(CacheHint.QUALITY));
        connectLine.getStyleClass().add("topology-connect-line");
        connectLine.setVisible(false);
        connectLine.setMouseTransparent(true);
        getChildren().add(content);
        // Live traffic (issue 15): particles and figures over the graph, in layers of their own.
        traffic = new TrafficOverlay(this, messages, transform, feed);
        getChildren().addAll(traffic.layers());
        transform.txProperty().addListener((obs, old, now) -> traffic.viewChanged());
        transform.tyProperty().addListener((obs, old, now) -> traffic.viewChanged());
        transform.mxxProperty().addListener((obs, old, now) -> traffic.viewChanged());
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(widthProperty());
        clip.heightProperty().bind(heightProperty());
        setClip(clip);
        addEventHandler(ScrollEvent.SCROLL, e -> {
            zoomAt(Math.pow(1.0015, e.getDeltaY()), e.getX(), e.getY());
            e.consume();
        });
        addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            requestFocus();
            if (e.getButton() == MouseButton.PRIMARY && !insideVertex(e)) {
                panFrom = new Point2D(e.getX(), e.getY());
            }
        });
        addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> {
            if (panFrom != null) {
                pan(e.getX() - panFrom.getX(), e.getY() - panFrom.getY());
                panFrom = new Point2D(e.getX(), e.getY());
            }
        });
        addEventHandler(MouseEvent.MOUSE_RELEASED, e -> panFrom = null);
        addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.isStillSincePress() && e.getTarget() == this) {
                model.selectNode(null);
            }
        });
        addEventHandler(KeyEvent.KEY_PRESSED, this::key);
        model.drawingProperty().addListener((obs, old, now) -> draw(old, now));
        model.shownBinding().addListener((obs, old, now) -> applyFilter());
        model.matchesBinding().addListener((obs, old, now) -> applySearch());
        model.selectionProperty().addListener((obs, old, now) -> applySelection(now));
        widthProperty().addListener((obs, old, now) -> fitIfPending());
        heightProperty().addListener((obs, old, now) -> fitIfPending());
        draw(null, model.drawingProperty().get());
        proposedLayer.follow(model.lockdown().currentProperty());
    }

    private boolean insideVertex(MouseEvent e) {
        javafx.scene.Node target = e.getTarget() instanceof javafx.scene.Node n ? n : null;
        while (target != null && target != this) {
            if (target instanceof NodeView || target instanceof EdgeView) {
                return true;
            }
            target = target.getParent();
        }
        return false;
    }

    private void key(KeyEvent e) {
        double cx = getWidth() / 2;
        double cy = getHeight() / 2;
        switch (e.getCode()) {
            case PLUS, ADD, EQUALS -> zoomAt(1.25, cx, cy);
            case MINUS, SUBTRACT -> zoomAt(0.8, cx, cy);
            case DIGIT0, NUMPAD0 -> fit();
            case LEFT -> pan(PAN_STEP, 0);
            case RIGHT -> pan(-PAN_STEP, 0);
            case UP -> pan(0, PAN_STEP);
            case DOWN -> pan(0, -PAN_STEP);
            default -> {
                return;
            }
        }
        e.consume();
    }

    /** The current zoom factor. */
    double scale() {
        return transform.getMxx();
    }

    /** Zooms by {@code factor} keeping the point ({@code px}, {@code py}) of the canvas where it is. */
    void zoomAt(double factor, double px, double py) {
        double s = scale();
        double next = Math.max(MIN_SCALE, Math.min(MAX_SCALE, s * factor));
        double k = next / s;
        moving();
        autoFit = false;
        double tx = px - (px - transform.getTx()) * k;
        double ty = py - (py - transform.getTy()) * k;
        transform.setToTransform(next, 0, tx, 0, next, ty);
    }

    void pan(double dx, double dy) {
        moving();
        autoFit = false;
        transform.setTx(transform.getTx() + dx);
        transform.setTy(transform.getTy() + dy);
    }

    private void moving() {
        content.setCacheHint(CacheHint.SPEED);
        settle.playFromStart();
    }

    /** Scales and centres the shown vertices into the canvas. */
    void fit() {
        Bounds b = shownBounds();
        if (b == null || getWidth() <= 0 || getHeight() <= 0) {
            fitPending = true;
            return;
        }
        fitPending = false;
        autoFit = true;
        double margin = 24;
        double s = Math.min((getWidth() - 2 * margin) / b.getWidth(), (getHeight() - 2 * margin) / b.getHeight());
        s = Math.max(MIN_SCALE, Math.min(1.2, s));
        double tx = (getWidth() - b.getWidth() * s) / 2 - b.getMinX() * s;
        double ty = (getHeight() - b.getHeight() * s) / 2 - b.getMinY() * s;
        transform.setToTransform(s, 0, tx, 0, s, ty);
    }

    /** Moves the view so vertex {@code id} is in the centre. */
    void centreOn(String id) {
        NodeView view = nodes.get(id);
        if (view != null) {
            Point c = view.centre();
            transform.setTx(getWidth() / 2 - c.x() * scale());
            transform.setTy(getHeight() / 2 - c.y() * scale());
        }
    }

    private Bounds shownBounds() {
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (NodeView view : nodes.values()) {
            if (view.isVisible()) {
                Point c = view.centre();
                minX = Math.min(minX, c.x() - NodeView.WIDTH / 2);
                maxX = Math.max(maxX, c.x() + NodeView.WIDTH / 2);
                minY = Math.min(minY, c.y() - NodeView.HEIGHT / 2);
                maxY = Math.max(maxY, c.y() + NodeView.HEIGHT / 2);
            }
        }
        return minX > maxX ? null : new javafx.geometry.BoundingBox(minX, minY, maxX - minX, maxY - minY);
    }

    private void fitIfPending() {
        if (fitPending) {
            fit();
        }
    }

    @Override
    protected void layoutChildren() {
        // The content is placed by its transform, not by the layout pass.
    }

    private void draw(TopologyDrawing old, TopologyDrawing now) {
        if (old != null && old.graph() == now.graph()) {
            // Same graph, new positions (a pin): move what moved.
            now.positions().forEach((id, p) -> {
                NodeView view = nodes.get(id);
                if (view != null && !view.centre().equals(p)) {
                    view.place(p);
                    redrawEdgesOf(id);
                }
            });
            traffic.viewChanged();
            return;
        }
        boolean first = nodes.isEmpty();
        // Only what changed is replaced: re-adding thousands of unchanged views would restyle every one of them.
        Map<String, NodeView> keep = new HashMap<>();
        List<NodeView> added = new ArrayList<>();
        for (TopologyNode node : now.graph().nodes()) {
            NodeView view = nodes.get(node.id());
            if (view == null || !view.node().equals(node)) {
                view = vertex(node);
                added.add(view);
            }
            view.place(now.positions().getOrDefault(node.id(), new Point(0, 0)));
            keep.put(node.id(), view);
        }
        List<NodeView> gone = new ArrayList<>(nodes.values());
        gone.removeIf(v -> keep.get(v.node().id()) == v);
        nodeLayer.getChildren().removeAll(gone);
        nodeLayer.getChildren().addAll(added);
        nodes.clear();
        nodes.putAll(keep);
        Map<String, EdgeView> keptEdges = new HashMap<>();
        List<EdgeView> addedEdges = new ArrayList<>();
        incident.clear();
        for (TopologyEdge edge : now.graph().edges()) {
            EdgeView view = edges.get(edge.id());
            if (view == null || !view.edge().equals(edge)) {
                view = edgeView(edge);
                addedEdges.add(view);
            }
            keptEdges.put(edge.id(), view);
            incident.computeIfAbsent(edge.source(), k -> new ArrayList<>()).add(view);
            incident.computeIfAbsent(edge.target(), k -> new ArrayList<>()).add(view);
            redraw(view);
        }
        List<EdgeView> goneEdges = new ArrayList<>(edges.values());
        goneEdges.removeIf(v -> keptEdges.get(v.edge().id()) == v);
        edgeLayer.getChildren().removeAll(goneEdges);
        edgeLayer.getChildren().addAll(addedEdges);
        edges.clear();
        edges.putAll(keptEdges);
        shownGraph = now.graph();
        traffic.graphChanged(now.graph());
        applyFilter();
        applySearch();
        applySelection(model.selectionProperty().get());
        if (first || fitPending || autoFit && !added.isEmpty()) {
            fit();
        }
    }

    private EdgeView edgeView(TopologyEdge edge) {
        EdgeView view = new EdgeView(edge, messages);
        view.path().setOnMouseClicked(e -> {
            model.selectEdge(edge.id());
            e.consume();
        });
        view.path().setOnMouseEntered(e -> model.hoverEdge(edge.id()));
        return view;
    }

    private void redraw(EdgeView view) {
        NodeView from = nodes.get(view.edge().source());
        NodeView to = nodes.get(view.edge().target());
        if (from != null && to != null) {
            view.update(from.centre(), to.centre());
        }
    }

    private void redrawEdgesOf(String id) {
        incident.getOrDefault(id, List.of()).forEach(this::redraw);
        proposedLayer.redraw();
    }

    private NodeView vertex(TopologyNode node) {
        NodeView view = new NodeView(node, messages);
        double[] grab = new double[4];
        boolean[] connecting = new boolean[1];
        view.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            if (e.getButton() != MouseButton.PRIMARY) {
                return;
            }
            requestFocus();
            connecting[0] = node.inMesh() && (e.getTarget() == view.port() || e.isShiftDown());
            Point2D at = content.sceneToLocal(e.getSceneX(), e.getSceneY());
            Point c = view.centre();
            grab[0] = at.getX() - c.x();
            grab[1] = at.getY() - c.y();
            grab[2] = at.getX();
            grab[3] = at.getY();
            if (connecting[0]) {
                connectLine.setStartX(c.x());
                connectLine.setStartY(c.y());
                connectLine.setEndX(at.getX());
                connectLine.setEndY(at.getY());
                connectLine.setVisible(true);
            }
            e.consume();
        });
        view.addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> {
            Point2D at = content.sceneToLocal(e.getSceneX(), e.getSceneY());
            if (connecting[0]) {
                connectLine.setEndX(at.getX());
                connectLine.setEndY(at.getY());
            } else {
                view.place(new Point(at.getX() - grab[0], at.getY() - grab[1]));
                redrawEdgesOf(node.id());
                traffic.viewChanged();
            }
            e.consume();
        });
        view.addEventHandler(MouseEvent.MOUSE_RELEASED, e -> {
            Point2D at = content.sceneToLocal(e.getSceneX(), e.getSceneY());
            if (connecting[0]) {
                connecting[0] = false;
                connectLine.setVisible(false);
                vertexAt(at)
                        .filter(target -> !target.equals(node.id()))
                        .ifPresent(target -> model.requestConnect(node.id(), target));
            } else if (Math.hypot(at.getX() - grab[2], at.getY() - grab[3]) > 2) {
                model.pin(node.id(), view.centre());
            }
            e.consume();
        });
        view.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            if (e.isStillSincePress()) {
                model.selectNode(node.id());
            }
            e.consume();
        });
        return view;
    }

    /** The shown vertex under a point of the content, if any. */
    java.util.Optional<String> vertexAt(Point2D at) {
        return nodes.values().stream()
                .filter(v -> v.isVisible()
                        && Math.abs(v.centre().x() - at.getX()) <= NodeView.WIDTH / 2
                        && Math.abs(v.centre().y() - at.getY()) <= NodeView.HEIGHT / 2)
                .map(v -> v.node().id())
                .findFirst();
    }

    /** Where vertex {@code id} is on the screen, for tests and the keyboard. */
    java.util.Optional<NodeView> vertexView(String id) {
        return java.util.Optional.ofNullable(nodes.get(id));
    }

    java.util.Optional<EdgeView> edgeView(String id) {
        return java.util.Optional.ofNullable(edges.get(id));
    }

    private void applyFilter() {
        GraphFilter.Shown shown = model.shownBinding().get();
        nodes.forEach((id, view) -> view.setVisible(shown.nodes().contains(id)));
        edges.forEach((id, view) -> view.setVisible(shown.edges().contains(id)));
        proposedLayer.redraw();
        traffic.viewChanged();
    }

    private void applySearch() {
        Set<String> matches = model.matchesBinding().get();
        boolean searching = !model.searchProperty().get().isBlank();
        nodes.forEach((id, view) -> {
            view.getStyleClass().removeAll("matched", "dimmed");
            if (searching) {
                view.getStyleClass().add(matches.contains(id) ? "matched" : "dimmed");
            }
        });
    }

    private void applySelection(TopologySelection selection) {
        if (selectedId != null) {
            NodeView n = nodes.get(selectedId);
            if (n != null) {
                n.getStyleClass().remove("selected");
            }
            EdgeView e = edges.get(selectedId);
            if (e != null) {
                e.path().getStyleClass().remove("selected");
            }
        }
        selectedId = switch (selection) {
            case null -> null;
            case TopologySelection.NodeSelected n -> n.node().id();
            case TopologySelection.EdgeSelected e -> e.edge().id();
        };
        if (selectedId != null) {
            NodeView n = nodes.get(selectedId);
            if (n != null) {
                n.getStyleClass().add("selected");
            }
            EdgeView e = edges.get(selectedId);
            if (e != null) {
                e.path().getStyleClass().add("selected");
            }
        }
    }

    /** The live-traffic layers over the graph. */
    TrafficOverlay traffic() {
        return traffic;
    }

    /**
     * Where traffic on {@code edge} runs: along the drawn edge when the graph shows it, else straight (east-west) or
     * bent (north-south) between its two shown vertices; null when a vertex is not shown.
     */
    EdgeGeometry trafficGeometry(TrafficEdge edge) {
        EdgeView drawn = edges.get(edge.id());
        if (drawn != null && drawn.isVisible() && drawn.geometry() != null) {
            return drawn.geometry();
        }
        Point from = visibleCentre(edge.source());
        Point to = visibleCentre(edge.target());
        return from == null || to == null ? null : EdgeGeometry.between(from, to, edge.eastWest());
    }

    /** True when the graph draws edge {@code id} (and the filters leave it). */
    boolean drawsEdge(String id) {
        EdgeView view = edges.get(id);
        return view != null && view.isVisible();
    }

    /** The centre of vertex {@code id} when it is shown, else null. */
    Point visibleCentre(String id) {
        NodeView view = nodes.get(id);
        return view == null || !view.isVisible() ? null : view.centre();
    }

    /** The centres of the shown vertices (the traffic figures keep off them). */
    List<Point> visibleCentres() {
        List<Point> out = new ArrayList<>(nodes.size());
        for (NodeView view : nodes.values()) {
            if (view.isVisible()) {
                out.add(view.centre());
            }
        }
        return out;
    }

    /** Number of scene-graph nodes drawn, for the bench. */
    int drawnVertices() {
        return nodes.size();
    }

    TopologyGraph shownGraph() {
        return shownGraph;
    }
}
