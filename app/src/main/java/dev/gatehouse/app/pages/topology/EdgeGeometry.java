package dev.gatehouse.app.pages.topology;

/**
 * Where an edge runs in graph coordinates: from border to border, straight (east-west, a little to the right of the
 * centre line so A → B and B → A both show) or bent through {@code control} (north-south), so particles and figures
 * can follow the drawn path.
 */
record EdgeGeometry(Point start, Point control, Point end) {

    static final double SIDE_STEP = 5;
    static final double BEND = 36;

    /** The path between vertices centred at {@code from} and {@code to}; null when they coincide. */
    static EdgeGeometry between(Point from, Point to, boolean eastWest) {
        double dx = to.x() - from.x();
        double dy = to.y() - from.y();
        double length = Math.hypot(dx, dy);
        if (length < 1) {
            return null;
        }
        double ux = dx / length;
        double uy = dy / length;
        // The right-hand normal of the direction of travel.
        double nx = -uy;
        double ny = ux;
        double side = eastWest ? SIDE_STEP : 0;
        Point start = border(from, ux, uy, nx * side, ny * side);
        Point end = border(to, -ux, -uy, nx * side, ny * side);
        if (eastWest) {
            return new EdgeGeometry(start, null, end);
        }
        return new EdgeGeometry(
                start, new Point((start.x() + end.x()) / 2 + nx * BEND, (start.y() + end.y()) / 2 + ny * BEND), end);
    }

    /**
     * A proposed permission's path: bent to the left of the direction of travel, away from the pair's own straight
     * east-west edge (just right of the centre line) and from a route's curve (bent right), so all three show.
     */
    static EdgeGeometry proposed(Point from, Point to) {
        EdgeGeometry straight = between(from, to, false);
        if (straight == null) {
            return null;
        }
        Point start = straight.start();
        Point end = straight.end();
        Point bentRight = straight.control();
        double mx = (start.x() + end.x()) / 2;
        double my = (start.y() + end.y()) / 2;
        // The mirror of the route's bend, through the midpoint.
        return new EdgeGeometry(start, new Point(2 * mx - bentRight.x(), 2 * my - bentRight.y()), end);
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

    boolean curved() {
        return control != null;
    }

    /** The point at {@code t} (0 = start, 1 = end) along the path. */
    double x(double t) {
        if (control == null) {
            return start.x() + (end.x() - start.x()) * t;
        }
        double u = 1 - t;
        return u * u * start.x() + 2 * u * t * control.x() + t * t * end.x();
    }

    double y(double t) {
        if (control == null) {
            return start.y() + (end.y() - start.y()) * t;
        }
        double u = 1 - t;
        return u * u * start.y() + 2 * u * t * control.y() + t * t * end.y();
    }
}
