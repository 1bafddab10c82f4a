package dev.gatehouse.app.pages.topology;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jgrapht.Graph;
import org.jgrapht.alg.drawing.IndexedFRLayoutAlgorithm2D;
import org.jgrapht.alg.drawing.model.Box2D;
import org.jgrapht.alg.drawing.model.MapLayoutModel2D;
import org.jgrapht.alg.drawing.model.Point2D;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.SimpleGraph;

/**
 * Places the vertices, off the FX thread: callers in a column on the left, the gateway next to them, mesh services
 * force-directed (JGraphT's indexed Fruchterman-Reingold, Barnes-Hut, O(n log n) per pass) in a square to its
 * right, external hosts in a column beyond. Vertices with a known position (pinned by the user, or placed by an
 * earlier layout) keep it, so a redraw after a policy change moves nothing; only new vertices are placed.
 */
public final class TopologyLayout {

    static final double COLUMN = 220;
    static final double ROW = 64;
    private static final double SERVICE_SPACING = 170;
    /** FR's optimal distance is this times sqrt(area / vertices): about one vertex width apart. */
    private static final double NORMALIZATION = 0.5;

    private static final long SEED = 14;

    private TopologyLayout() {}

    public static Map<String, Point> compute(TopologyGraph graph, Map<String, Point> known) {
        return compute(graph, known, known.keySet());
    }

    /**
     * As {@link #compute(TopologyGraph, Map)}; the caller and external columns keep only the {@code pinned} known
     * positions and are otherwise laid out afresh (they are cheap and deterministic, and a column placed in two
     * halves, before and after the gateway answered, would overlap).
     */
    public static Map<String, Point> compute(
            TopologyGraph graph, Map<String, Point> known, java.util.Set<String> pinned) {
        List<TopologyNode> callers = new ArrayList<>();
        List<TopologyNode> externals = new ArrayList<>();
        List<TopologyNode> meshNodes = new ArrayList<>();
        TopologyNode kong = null;
        for (TopologyNode node : graph.nodes()) {
            switch (node.kind()) {
                case CLIENT, ANONYMOUS -> callers.add(node);
                case EXTERNAL -> externals.add(node);
                case GATEWAY -> {
                    if (node.inMesh()) {
                        meshNodes.add(node);
                    } else {
                        kong = node;
                    }
                }
                case SERVICE -> meshNodes.add(node);
            }
        }
        double side = Math.max(360, Math.sqrt(meshNodes.size()) * SERVICE_SPACING);
        double meshLeft = kong == null ? COLUMN : 2 * COLUMN;
        Map<String, Point> placed = new HashMap<>();
        Map<String, Point> pins = new HashMap<>(known);
        pins.keySet().retainAll(pinned);
        column(callers, 0, side, pins, placed);
        if (kong != null) {
            placed.put(kong.id(), known.getOrDefault(kong.id(), new Point(COLUMN, side / 2)));
        }
        placeMesh(graph, meshNodes, new Box2D(meshLeft, 0, side, side), known, placed);
        column(externals, meshLeft + side + COLUMN, side, pins, placed);
        return placed;
    }

    private static void column(
            List<TopologyNode> nodes, double x, double height, Map<String, Point> known, Map<String, Point> placed) {
        double top = height / 2 - (nodes.size() - 1) * ROW / 2;
        for (int i = 0; i < nodes.size(); i++) {
            String id = nodes.get(i).id();
            placed.put(id, known.getOrDefault(id, new Point(x, top + i * ROW)));
        }
    }

    private static void placeMesh(
            TopologyGraph graph,
            List<TopologyNode> nodes,
            Box2D box,
            Map<String, Point> known,
            Map<String, Point> placed) {
        if (nodes.isEmpty()) {
            return;
        }
        if (nodes.stream().allMatch(n -> known.containsKey(n.id()))) {
            nodes.forEach(n -> placed.put(n.id(), known.get(n.id())));
            return;
        }
        Graph<String, DefaultEdge> layoutGraph = new SimpleGraph<>(DefaultEdge.class);
        nodes.forEach(n -> layoutGraph.addVertex(n.id()));
        for (TopologyEdge edge : graph.edges()) {
            if (!edge.source().equals(edge.target())
                    && layoutGraph.containsVertex(edge.source())
                    && layoutGraph.containsVertex(edge.target())) {
                layoutGraph.addEdge(edge.source(), edge.target());
            }
        }
        Map<String, Point> fixed = new HashMap<>();
        for (TopologyNode node : nodes) {
            Point p = known.get(node.id());
            if (p == null && node.kind() == NodeKind.GATEWAY) {
                // The mesh's gateway sits at the left edge, next to the callers it serves.
                p = new Point(box.getMinX(), box.getMinY() + box.getHeight() / 2);
            }
            if (p != null) {
                fixed.put(node.id(), p);
            }
        }
        // The quadtree covers the drawable area only: it must hold the vertices the user dragged outside it.
        double minX = box.getMinX();
        double minY = box.getMinY();
        double maxX = box.getMaxX();
        double maxY = box.getMaxY();
        for (Point p : fixed.values()) {
            minX = Math.min(minX, p.x());
            minY = Math.min(minY, p.y());
            maxX = Math.max(maxX, p.x());
            maxY = Math.max(maxY, p.y());
        }
        Box2D area = new Box2D(minX - 1, minY - 1, maxX - minX + 2, maxY - minY + 2);
        // Services nothing connects go in rows under the square: the force model would only push them to its walls.
        List<String> alone = nodes.stream()
                .map(TopologyNode::id)
                .filter(id -> !fixed.containsKey(id) && layoutGraph.degreeOf(id) == 0)
                .toList();
        int perRow = Math.max(1, (int) (box.getWidth() / (NodeView.WIDTH + 24)));
        for (int i = 0; i < alone.size(); i++) {
            placed.put(
                    alone.get(i),
                    new Point(
                            box.getMinX() + NodeView.WIDTH / 2 + (i % perRow) * (NodeView.WIDTH + 24),
                            box.getMaxY() + 2 * ROW + (i / perRow) * ROW));
            layoutGraph.removeVertex(alone.get(i));
        }
        if (layoutGraph.vertexSet().isEmpty()) {
            return;
        }
        MapLayoutModel2D<String> model = new InsideModel(area);
        Random random = new Random(SEED);
        fixed.forEach((id, p) -> {
            model.put(id, Point2D.of(p.x(), p.y()));
            model.setFixed(id, true);
        });
        IndexedFRLayoutAlgorithm2D<String, DefaultEdge> fr = new IndexedFRLayoutAlgorithm2D<>(
                iterations(nodes.size()), IndexedFRLayoutAlgorithm2D.DEFAULT_THETA_FACTOR, NORMALIZATION, random);
        fr.setInitializer(v -> Point2D.of(
                box.getMinX() + box.getWidth() * (0.1 + 0.9 * random.nextDouble()),
                box.getMinY() + box.getHeight() * random.nextDouble()));
        fr.layout(layoutGraph, model);
        Map<String, Point> laidOut = new HashMap<>();
        model.collect().forEach((id, p) -> laidOut.put(id, new Point(p.getX(), p.getY())));
        separate(laidOut, fixed.keySet());
        placed.putAll(laidOut);
    }

    /** Room kept between two vertices' boxes. */
    private static final double GAP = 16;

    private static final int SEPARATION_ROUNDS = 400;

    /** Pair checks separation may spend (a few tens of ms): layout of 500 services must stay within half a second. */
    private static final long SEPARATION_BUDGET = 1_000_000;

    /**
     * FR keeps vertices about one optimal distance apart centre to centre, but a vertex is a box far wider than tall,
     * and with few services (the seed's three) FR's distance is shorter than a box: the gateway and demo-app were
     * drawn on top of each other, hiding the edge between them. This pushes apart the vertices whose boxes overlap,
     * each time along the axis where they overlap least; {@code fixed} ones (pinned, placed earlier) stay. A dense
     * mesh of hundreds may keep some overlap when the budget runs out.
     */
    static void separate(Map<String, Point> at, java.util.Set<String> fixed) {
        List<String> ids = new ArrayList<>(at.keySet());
        java.util.Collections.sort(ids);
        double width = NodeView.WIDTH + GAP;
        double height = NodeView.HEIGHT + GAP;
        long pairs = Math.max(1, (long) ids.size() * (ids.size() - 1) / 2);
        long rounds = Math.min(SEPARATION_ROUNDS, Math.max(1, SEPARATION_BUDGET / pairs));
        for (int round = 0; round < rounds; round++) {
            boolean moved = false;
            for (int i = 0; i < ids.size(); i++) {
                for (int j = i + 1; j < ids.size(); j++) {
                    String a = ids.get(i);
                    String b = ids.get(j);
                    boolean moveA = !fixed.contains(a);
                    boolean moveB = !fixed.contains(b);
                    if (!moveA && !moveB) {
                        continue;
                    }
                    Point pa = at.get(a);
                    Point pb = at.get(b);
                    double dx = pb.x() - pa.x();
                    double dy = pb.y() - pa.y();
                    double overlapX = width - Math.abs(dx);
                    double overlapY = height - Math.abs(dy);
                    if (overlapX <= 0 || overlapY <= 0) {
                        continue;
                    }
                    moved = true;
                    double shareA = moveA && moveB ? 0.5 : moveA ? 1 : 0;
                    double shareB = 1 - shareA;
                    if (overlapY <= overlapX) {
                        double push = (dy < 0 ? -1 : 1) * overlapY;
                        at.put(a, new Point(pa.x(), pa.y() - push * shareA));
                        at.put(b, new Point(pb.x(), pb.y() + push * shareB));
                    } else {
                        double push = (dx < 0 ? -1 : 1) * overlapX;
                        at.put(a, new Point(pa.x() - push * shareA, pa.y()));
                        at.put(b, new Point(pb.x() + push * shareB, pb.y()));
                    }
                }
            }
            if (!moved) {
                return;
            }
        }
    }

    /** Fewer passes for big meshes: the picture settles early and the budget is half a second for 500 services. */
    static int iterations(int vertices) {
        return vertices <= 150 ? 100 : 60;
    }

    /**
     * A layout model that keeps moved vertices strictly inside its area, each at its own spot. The FR step clamps a
     * vertex pushed out onto the area's edge; several clamped into one corner coincide, and JGraphT's quadtree
     * splits coinciding points until its boxes are too small to hold them and fails (IllegalArgumentException in
     * FRQuadTree.insert). A vertex pushed out lands at a random depth inside the edge instead.
     */
    private static final class InsideModel extends MapLayoutModel2D<String> {

        private final Random random = new Random(SEED);

        InsideModel(Box2D area) {
            super(area);
        }

        @Override
        public Point2D put(String vertex, Point2D point) {
            Box2D a = getDrawableArea();
            return super.put(
                    vertex,
                    Point2D.of(
                            inside(point.getX(), a.getMinX(), a.getMaxX()),
                            inside(point.getY(), a.getMinY(), a.getMaxY())));
        }

        private double inside(double v, double min, double max) {
            double band = (max - min) * 0.02;
            if (v <= min) {
                return min + band * (0.1 + 0.9 * random.nextDouble());
            }
            if (v >= max) {
                return max - band * (0.1 + 0.9 * random.nextDouble());
            }
            return v;
        }
    }
}
