package dev.gatehouse.app.traffic.edges;

import dev.gatehouse.app.traffic.Outcome;

/**
 * What an edge (or a node's incoming edges) carried over one sliding window.
 *
 * @param requests  requests or hops counted in the window
 * @param rps       requests per second over the window (or over the time watched, when shorter)
 * @param errorRate the share of requests that did not succeed, 0..1
 * @param p50       median latency in ms (0 when nothing was counted)
 * @param p99       99th percentile latency in ms
 * @param denied    hops the mesh denied in the window
 */
public record EdgeStats(long requests, double rps, double errorRate, double p50, double p99, long denied) {

    public static final EdgeStats NONE = new EdgeStats(0, 0, 0, 0, 0, 0);

    /** True when the window holds anything. */
    public boolean active() {
        return requests > 0;
    }

    /** The outcome that colours a quiet summary: denied when any hop was denied, else an error when most failed. */
    public Outcome worst() {
        if (denied > 0) {
            return Outcome.MESH_DENIED;
        }
        return errorRate > 0.5 ? Outcome.SERVER_ERROR : Outcome.SUCCESS;
    }
}
