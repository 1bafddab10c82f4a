package dev.gatehouse.app.pages.topology;

/**
 * How much of the east-west picture to draw: denied pairs or not, and the pairs that pass wholesale (allow-all, or
 * mTLS off) when there are more than {@code wholesaleCap} of them in a mesh, which would bury the real permissions.
 */
public record GraphOptions(boolean showDenied, boolean showWholesale, int wholesaleCap) {

    /** Up to 90 wholesale edges (a complete graph of ten services) are drawn unasked. */
    public static final GraphOptions DEFAULTS = new GraphOptions(false, false, 90);

    public GraphOptions withShowDenied(boolean value) {
        return new GraphOptions(value, showWholesale, wholesaleCap);
    }

    public GraphOptions withShowWholesale(boolean value) {
        return new GraphOptions(showDenied, value, wholesaleCap);
    }
}
