package dev.gatehouse.app.pages.topology;

import dev.gatehouse.app.i18n.Messages;
import dev.gatehouse.app.traffic.Outcome;
import dev.gatehouse.app.traffic.TrafficBatch;
import dev.gatehouse.app.traffic.TrafficEvent;
import dev.gatehouse.app.traffic.TrafficFeed;
import dev.gatehouse.app.traffic.TrafficListener;
import dev.gatehouse.app.traffic.edges.EdgeStats;
import dev.gatehouse.app.traffic.edges.EdgeTraffic;
import dev.gatehouse.app.traffic.edges.Journeys;
import dev.gatehouse.app.traffic.edges.ParticleSampler;
import dev.gatehouse.app.traffic.edges.StatsWindow;
import dev.gatehouse.app.traffic.edges.TrafficEdge;
import dev.gatehouse.app.traffic.edges.TrafficPath;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javafx.animation.AnimationTimer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Group;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.paint.Paint;
import javafx.scene.shape.Circle;
import javafx.scene.transform.Affine;

/**
 * Live traffic on the graph, over the drawn vertices and edges: a particle per request (sampled when more arrive than
 * the eye can follow) along its edges, on through the mesh hops linked to it ({@link Journeys}), coloured by each
 * edge's outcome, on a Canvas of its own, so the graph itself is never
 * redrawn for traffic; figures on each edge with traffic (rps, error rate, p50/p99 over 10 s or 1 min) and a badge
 * on each vertex, refreshed ten times a second; edges the graph does not draw (a pair the mesh denied) dashed while
 * they carry traffic. It hears the feed once per frame, draws once per frame just before the layout pass, and keeps
 * frames coming only while something moves and the page is on screen. Paused, it keeps counting and draws nothing.
 */
final class TrafficOverlay {

    /** How long a particle takes along one edge. */
    static final long LEG_NANOS = 800_000_000L;
    /** Particles alive at once, overall and starting on one edge. */
    static final int MAX_LIVE = 300;

    static final int MAX_PER_EDGE = 40;
    /** Particles started a second at most (failures apart): about what the eye can follow. */
    static final double STARTS_PER_SECOND = 120;

    private static final long LABEL_NANOS = 100_000_000L;
    private static final double RADIUS = 4.5;
    /** One particle: the path it follows (a request's journey grows when a late hop continues it), its start. */
    private static final class Particle {
        TrafficPath path;
        final String firstEdge;
        long start;

        Particle(TrafficPath path, long start) {
            this.path = path;
            this.firstEdge = path.edges().get(0).id();
            this.start = start;
        }
    }

    private final GraphCanvas graph;
    private final Messages messages;
    private final Affine transform;
    private final EdgeTraffic traffic = new EdgeTraffic(System::nanoTime);
    private final ParticleSampler sampler = new ParticleSampler(STARTS_PER_SECOND);
    private final Journeys journeys = new Journeys(traffic);
    private final List<Journeys.Step> steps = new ArrayList<>();
    /** Gateway requests' particles still on their way, by feed sequence: a hop that arrives late continues one. */
    private final Map<Long, Particle> requestParticles = new HashMap<>();

    private final Canvas canvas = new Canvas();
    private final Group figures = new Group();
    private final Map<Outcome, Circle> swatches = new EnumMap<>(Outcome.class);
    private final Label sampling = new Label();
    /** Not shown: its CSS fill is the colour of an undrawn edge's dashes. */
    private final Circle undrawn = new Circle(1);

    private final BooleanProperty paused = new SimpleBooleanProperty(this, "paused");
    private final ObjectProperty<StatsWindow> window =
            new SimpleObjectProperty<>(this, "window", StatsWindow.TEN_SECONDS);
    private final List<Particle> particles = new ArrayList<>();
    private final Map<String, Integer> liveOnEdge = new HashMap<>();
    private final Map<String, Label> edgeLabels = new HashMap<>();
    private final Map<String, Label> badges = new HashMap<>();
    private final Map<String, EdgeStats> shownStats = new HashMap<>();
    private final Runnable onPulse = this::pulse;
    private final TrafficListener listener = this::added;
    private final AnimationTimer frames = new AnimationTimer() {
        @Override
        public void handle(long now) {
            // Only keeps pulses coming: the drawing happens in the scene's pre-layout pulse, after the feed's batch.
            if (!needsFrames()) {
                stop();
                running = false;
            }
        }
    };
    private boolean running;
    private boolean labelsDirty;
    private boolean canvasDirty;
    private long lastLabels;
    private long pausedAt;
    private long recordedThrough;
    private long shownThrough;
    private Scene scene;

    TrafficOverlay(GraphCanvas graph, Messages messages, Affine transform, TrafficFeed feed) {
        this.graph = graph;
        this.messages = messages;
        this.transform = transform;
        canvas.setMouseTransparent(true);
        canvas.setId("topology-traffic-canvas");
        canvas.widthProperty().bind(graph.widthProperty());
        canvas.heightProperty().bind(graph.heightProperty());
        figures.setMouseTransparent(true);
        figures.setId("topology-traffic-figures");
        figures.getTransforms().add(transform);
        // The figures change ten times a second at most, the particles under them every frame: kept as a bitmap,
        // they are not laid out and rasterised again for each frame.
        figures.setCache(true);
        for (Outcome outcome : Outcome.values()) {
            Circle swatch = new Circle(5);
            swatch.getStyleClass().addAll("traffic-swatch", styleClass(outcome));
            swatches.put(outcome, swatch);
        }
        undrawn.getStyleClass().addAll("traffic-swatch", "traffic-undrawn");
        undrawn.setVisible(false);
        undrawn.setManaged(false);
        sampling.setId("topology-traffic-sampling");
        sampling.getStyleClass().add("topology-traffic-sampling");
        paused.addListener((obs, was, now) -> pausedChanged(now));
        window.addListener((obs, was, now) -> {
            labelsDirty = true;
            wake();
        });
        graph.sceneProperty().addListener((obs, old, now) -> sceneChanged(old, now));
        sceneChanged(null, graph.getScene());
        feed.addListener(listener);
    }

    /** The layers to put over the graph's content, bottom first. */
    List<javafx.scene.Node> layers() {
        return List.of(canvas, figures);
    }

    /** The swatch of {@code outcome} (the legend shows it; its CSS fill is the particles' colour). */
    Circle swatch(Outcome outcome) {
        return swatches.get(outcome);
    }

    /** The hidden swatch of undrawn edges, to put beside the legend (it takes its colour from the CSS there). */
    Circle undrawnSwatch() {
        return undrawn;
    }

    /** "1 in N shown" while particles are sampled, else empty. */
    Label sampling() {
        return sampling;
    }

    BooleanProperty pausedProperty() {
        return paused;
    }

    ObjectProperty<StatsWindow> windowProperty() {
        return window;
    }

    /** The figures behind the overlay (tests read them). */
    EdgeTraffic traffic() {
        return traffic;
    }

    /** The feed's number of the last event whose particle or figures are on screen (the speed bench reads it). */
    long shownThrough() {
        return shownThrough;
    }

    /** Live particles (tests, bench). */
    int particles() {
        return particles.size();
    }

    /** The figures label on edge {@code id}, while it has traffic. */
    java.util.Optional<Label> edgeLabel(String id) {
        return java.util.Optional.ofNullable(edgeLabels.get(id));
    }

    /** The graph changed: traffic maps onto its nodes from now on. */
    void graphChanged(TopologyGraph now) {
        traffic.graph(now.traffic());
        labelsDirty = true;
        wake();
    }

    /** The view moved (pan, zoom, a dragged vertex): redraw on the next frame. */
    void viewChanged() {
        canvasDirty = true;
        labelsDirty = true;
        wake();
    }

    static String styleClass(Outcome outcome) {
        return "traffic-" + outcome.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private void added(TrafficBatch batch) {
        long now = System.nanoTime();
        for (TrafficEvent event : batch.added()) {
            TrafficPath path = traffic.record(event);
            recordedThrough = event.sequence();
            if (!paused.get()) {
                journeys.add(event, path, now, steps);
            }
        }
        startParticles(now);
        labelsDirty = true;
        wake();
    }

    /** Starts (or continues) the particles the journeys asked for, and the waiting hops that are due. */
    private void startParticles(long now) {
        journeys.due(now, steps);
        for (Journeys.Step step : steps) {
            switch (step) {
                case Journeys.Start s -> start(s.path(), now);
                case Journeys.Continue c -> {
                    Particle p = requestParticles.get(c.request());
                    java.util.Optional<TrafficPath> longer =
                            p == null ? java.util.Optional.empty() : p.path.continuedBy(c.hop());
                    if (longer.isPresent()) {
                        p.path = longer.get();
                    } else if (p == null) {
                        start(c.hop(), now); // its request got no particle, or it has arrived
                    }
                    // else: a hop that does not lead on from where the request's particle goes (already drawn there)
                }
            }
        }
        steps.clear();
    }

    /** A particle along {@code path} when the sampler and the caps let it (one particle for a whole journey). */
    private void start(TrafficPath path, long now) {
        String first = path.edges().get(0).id();
        boolean room = particles.size() < MAX_LIVE && liveOnEdge.getOrDefault(first, 0) < MAX_PER_EDGE;
        if (sampler.take(path.outcome(), room, now)) {
            Particle p = new Particle(path, now);
            particles.add(p);
            if (!path.edges().get(0).eastWest()) {
                requestParticles.put(path.sequence(), p);
            }
            liveOnEdge.merge(first, 1, Integer::sum);
            canvasDirty = true;
        }
    }

    private boolean showing() {
        return scene != null && scene.getWindow() != null && scene.getWindow().isShowing();
    }

    private boolean needsFrames() {
        return showing()
                && !paused.get()
                && (!particles.isEmpty() || labelsDirty || !shownStats.isEmpty() || journeys.waiting() > 0);
    }

    private void wake() {
        if (!running && needsFrames()) {
            running = true;
            frames.start();
        }
    }

    private void sceneChanged(Scene old, Scene now) {
        if (old != null) {
            old.removePreLayoutPulseListener(onPulse);
        }
        scene = now;
        if (now != null) {
            now.addPreLayoutPulseListener(onPulse);
            canvasDirty = true;
            labelsDirty = true;
            wake();
        }
    }

    private void pausedChanged(boolean now) {
        long t = System.nanoTime();
        if (now) {
            pausedAt = t;
            journeys.clear();
        } else {
            // frozen particles go on from where they stood
            for (Particle p : particles) {
                p.start += t - pausedAt;
            }
            canvasDirty = true;
            labelsDirty = true;
            wake();
        }
    }

    /** Once per pulse, before CSS and layout: moves the particles and refreshes the figures when due. */
    private void pulse() {
        if (paused.get() || !showing()) {
            return;
        }
        long now = System.nanoTime();
        if (journeys.waiting() > 0) {
            startParticles(now);
        }
        if (now - lastLabels >= LABEL_NANOS && (labelsDirty || !shownStats.isEmpty())) {
            refreshFigures(now);
        }
        if (!particles.isEmpty() || canvasDirty) {
            drawCanvas(now);
        }
    }

    private void refreshFigures(long now) {
        lastLabels = now;
        labelsDirty = false;
        canvasDirty = true; // the dashed edges the graph does not draw follow the figures
        Map<String, EdgeStats> stats = traffic.edges(window.get());
        shownStats.clear();
        shownStats.putAll(stats);
        // Close vertices would pile figures on each other: each takes the first free place of a few, busiest first,
        // and one with no free place is left out (its edge still shows its particles and dashes).
        LabelPlacement placement = new LabelPlacement();
        for (Point c : graph.visibleCentres()) {
            placement.block(new LabelPlacement.Box(
                    c.x() - NodeView.WIDTH / 2 + VERTEX_INSET,
                    c.y() - NodeView.HEIGHT / 2 + VERTEX_INSET,
                    NodeView.WIDTH - 2 * VERTEX_INSET,
                    NodeView.HEIGHT - 2 * VERTEX_INSET));
        }
        Set<String> seenNodes = new HashSet<>();
        for (Map.Entry<String, EdgeStats> e : busiestFirst(traffic.nodes(stats))) {
            String id = e.getKey();
            Point centre = graph.visibleCentre(id);
            if (centre == null) {
                continue;
            }
            seenNodes.add(id);
            Label badge = badges.computeIfAbsent(id, this::newBadge);
            badge.setText(badgeText(e.getValue()));
            failing(badge, e.getValue().errorRate() >= 0.05);
            double w = badge.prefWidth(-1);
            double h = badge.prefHeight(w);
            double x = centre.x() - NodeView.WIDTH / 2 + 6;
            // above its vertex, else below it
            List<LabelPlacement.Box> places = List.of(
                    new LabelPlacement.Box(x, centre.y() - NodeView.HEIGHT / 2 - h - 1, w, h),
                    new LabelPlacement.Box(x, centre.y() + NodeView.HEIGHT / 2 + 1, w, h));
            show(badge, placement.place(places), places);
        }
        badges.entrySet().removeIf(e -> {
            if (!seenNodes.contains(e.getKey())) {
                figures.getChildren().remove(e.getValue());
                return true;
            }
            return false;
        });
        Set<String> seen = new HashSet<>();
        for (Map.Entry<String, EdgeStats> e : busiestFirst(stats)) {
            String id = e.getKey();
            EdgeGeometry geometry = traffic.edge(id).map(graph::trafficGeometry).orElse(null);
            if (geometry == null) {
                continue;
            }
            seen.add(id);
            Label label = edgeLabels.computeIfAbsent(id, this::newEdgeLabel);
            label.setText(edgeText(e.getValue()));
            failing(label, e.getValue().errorRate() >= 0.05);
            boolean eastWest = traffic.edge(id).map(TrafficEdge::eastWest).orElse(false);
            List<LabelPlacement.Box> places = candidates(label, geometry, eastWest, id);
            show(label, placement.place(places), places);
        }
        edgeLabels.entrySet().removeIf(e -> {
            if (!seen.contains(e.getKey())) {
                figures.getChildren().remove(e.getValue());
                return true;
            }
            return false;
        });
        sampler.tick(now);
        long oneIn = sampler.oneIn();
        sampling.setText(oneIn > 1 ? messages.get("topology.traffic.sampled", oneIn) : "");
        shownThrough = recordedThrough;
    }

    /** How far inside a vertex's box the figures may reach (its rounded corners and padding). */
    private static final double VERTEX_INSET = 3;

    /** Where along an edge its figures may go, in order of preference: the middle first. */
    private static final double[] ALONG = {0.5, 0.35, 0.65, 0.2, 0.8};

    /** Edges or vertices with the mesh's denials first (they must not be crowded out), then the busiest. */
    static List<Map.Entry<String, EdgeStats>> busiestFirst(Map<String, EdgeStats> stats) {
        List<Map.Entry<String, EdgeStats>> out = new ArrayList<>(stats.entrySet());
        out.sort((a, b) -> {
            int denied = Boolean.compare(b.getValue().denied() > 0, a.getValue().denied() > 0);
            return denied != 0
                    ? denied
                    : Long.compare(b.getValue().requests(), a.getValue().requests());
        });
        return out;
    }

    /** Shows {@code label} at the place {@code placement} chose ({@code -1}: none free, hidden). */
    private static void show(Label label, int chosen, List<LabelPlacement.Box> boxes) {
        label.setVisible(chosen >= 0);
        if (chosen >= 0) {
            LabelPlacement.Box box = boxes.get(chosen);
            label.relocate(box.x(), box.y());
        }
    }

    /**
     * An edge's candidate places beside it, off the line: east-west figures on the left of the direction of travel,
     * north-south ones on the right, past the bend and the route's name, so the two edges between the gateway and a
     * mesh service keep their figures apart; the middle first, then further along, then the other side.
     */
    private List<LabelPlacement.Box> candidates(Label label, EdgeGeometry geometry, boolean eastWest, String id) {
        double dx = geometry.end().x() - geometry.start().x();
        double dy = geometry.end().y() - geometry.start().y();
        double length = Math.max(1, Math.hypot(dx, dy));
        double nx = -dy / length;
        double ny = dx / length;
        double w = label.prefWidth(-1);
        double h = label.prefHeight(w);
        double routeLabel = graph.edgeView(id).map(EdgeView::labelHeight).orElse(0.0);
        double extent = Math.abs(nx) * w / 2 + Math.abs(ny) * h / 2;
        List<LabelPlacement.Box> out = new ArrayList<>(2 * ALONG.length * 3);
        // beside the line first; then one and two labels' height further out, where a short edge between close
        // vertices leaves no room beside it
        double row = h + LabelPlacement.GAP;
        for (double further : new double[] {0, row, 2 * row}) {
            for (double side : eastWest ? new double[] {-1, 1} : new double[] {1, -1}) {
                // the route's name sits on the north-south side of the middle
                double gap = 6 + (side > 0 ? routeLabel : 0) + further;
                for (double t : ALONG) {
                    double cx = geometry.x(t) + side * nx * (gap + extent);
                    double cy = geometry.y(t) + side * ny * (gap + extent);
                    out.add(new LabelPlacement.Box(cx - w / 2, cy - h / 2, w, h));
                }
            }
        }
        return out;
    }

    private static final javafx.css.PseudoClass FAILING = javafx.css.PseudoClass.getPseudoClass("failing");

    /** Sets {@code :failing} only when it changes: each change makes JavaFX apply the label's CSS again. */
    private static void failing(Label label, boolean now) {
        if (label.getPseudoClassStates().contains(FAILING) != now) {
            label.pseudoClassStateChanged(FAILING, now);
        }
    }

    private Label newEdgeLabel(String id) {
        Label label = new Label();
        label.setId("topology-traffic-" + id);
        label.getStyleClass().add("topology-traffic-label");
        figures.getChildren().add(label);
        label.applyCss(); // its size, to place it, with the CSS font
        return label;
    }

    private Label newBadge(String id) {
        Label badge = new Label();
        badge.setId("topology-badge-" + id);
        badge.getStyleClass().add("topology-traffic-badge");
        figures.getChildren().add(badge);
        badge.applyCss(); // its size, to place it, with the CSS font
        return badge;
    }

    String edgeText(EdgeStats s) {
        return messages.get(
                "topology.traffic.edge", rate(s.rps()), percent(s.errorRate()), millis(s.p50()), millis(s.p99()));
    }

    String badgeText(EdgeStats s) {
        return s.errorRate() > 0
                ? messages.get("topology.traffic.badge.errors", rate(s.rps()), percent(s.errorRate()))
                : messages.get("topology.traffic.badge", rate(s.rps()));
    }

    static String rate(double rps) {
        return rps < 10 ? String.format(Locale.ROOT, "%.1f", rps) : String.format(Locale.ROOT, "%.0f", rps);
    }

    static String percent(double share) {
        double p = share * 100;
        return p > 0 && p < 10 ? String.format(Locale.ROOT, "%.1f %%", p) : String.format(Locale.ROOT, "%.0f %%", p);
    }

    static String millis(double ms) {
        if (ms < 10) {
            return String.format(Locale.ROOT, "%.1f ms", ms);
        }
        if (ms < 1000) {
            return String.format(Locale.ROOT, "%.0f ms", ms);
        }
        return String.format(Locale.ROOT, "%.1f s", ms / 1000);
    }

    private void drawCanvas(long now) {
        canvasDirty = false;
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setTransform(1, 0, 0, 1, 0, 0);
        g.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
        g.setTransform(
                transform.getMxx(),
                transform.getMyx(),
                transform.getMxy(),
                transform.getMyy(),
                transform.getTx(),
                transform.getTy());
        double scale = Math.max(1e-3, transform.getMxx());
        drawUndrawnEdges(g, scale);
        // Constant size on screen however far the graph is zoomed out, so a particle stays visible.
        double r = RADIUS / Math.min(1, scale);
        Map<String, EdgeGeometry> geometries = new HashMap<>();
        List<List<double[]>> byOutcome = new ArrayList<>();
        for (int i = 0; i < Outcome.values().length; i++) {
            byOutcome.add(new ArrayList<>());
        }
        for (int i = particles.size() - 1; i >= 0; i--) {
            Particle p = particles.get(i);
            long elapsed = now - p.start;
            int leg = (int) (elapsed / LEG_NANOS);
            List<TrafficEdge> edges = p.path.edges();
            if (leg >= edges.size()) {
                particles.set(i, particles.get(particles.size() - 1));
                particles.remove(particles.size() - 1);
                liveOnEdge.computeIfPresent(p.firstEdge, (k, v) -> v <= 1 ? null : v - 1);
                requestParticles.remove(p.path.sequence(), p);
                continue;
            }
            TrafficEdge edge = edges.get(leg);
            EdgeGeometry geometry = geometries.computeIfAbsent(edge.id(), id -> graph.trafficGeometry(edge));
            if (geometry == null) {
                continue;
            }
            double t = (double) (elapsed - leg * LEG_NANOS) / LEG_NANOS;
            byOutcome.get(p.path.outcomes().get(leg).ordinal()).add(new double[] {geometry.x(t), geometry.y(t)});
        }
        g.setLineWidth(1.2 / scale);
        for (Outcome outcome : Outcome.values()) {
            List<double[]> points = byOutcome.get(outcome.ordinal());
            if (points.isEmpty()) {
                continue;
            }
            g.setFill(colour(outcome));
            for (double[] p : points) {
                g.fillOval(p[0] - r, p[1] - r, 2 * r, 2 * r);
            }
            if (outcome == Outcome.MESH_DENIED) {
                // a ring in the failure colour sets the mesh's denials apart in both themes
                g.setStroke(colour(Outcome.SERVER_ERROR));
                for (double[] p : points) {
                    g.strokeOval(p[0] - r, p[1] - r, 2 * r, 2 * r);
                }
            }
        }
        if (particles.isEmpty()) {
            liveOnEdge.clear();
            requestParticles.clear();
        }
    }

    /** Edges with traffic that the graph does not draw: dashed, in the failure colour when the mesh denied hops. */
    private void drawUndrawnEdges(GraphicsContext g, double scale) {
        boolean dashed = false;
        for (Map.Entry<String, EdgeStats> e : shownStats.entrySet()) {
            if (graph.drawsEdge(e.getKey())) {
                continue;
            }
            TrafficEdge edge = traffic.edge(e.getKey()).orElse(null);
            EdgeGeometry geometry = edge == null ? null : graph.trafficGeometry(edge);
            if (geometry == null) {
                continue;
            }
            if (!dashed) {
                g.setLineDashes(6 / scale, 4 / scale);
                g.setLineWidth(2.5 / scale);
                dashed = true;
            }
            g.setStroke(e.getValue().denied() > 0 ? colour(Outcome.SERVER_ERROR) : undrawn.getFill());
            g.beginPath();
            g.moveTo(geometry.start().x(), geometry.start().y());
            if (geometry.curved()) {
                g.quadraticCurveTo(
                        geometry.control().x(),
                        geometry.control().y(),
                        geometry.end().x(),
                        geometry.end().y());
            } else {
                g.lineTo(geometry.end().x(), geometry.end().y());
            }
            g.stroke();
        }
        if (dashed) {
            g.setLineDashes();
        }
    }

    /** The particles' colour for {@code outcome}: its legend swatch's, from the theme's CSS. */
    private Paint colour(Outcome outcome) {
        return swatches.get(outcome).getFill();
    }
}
