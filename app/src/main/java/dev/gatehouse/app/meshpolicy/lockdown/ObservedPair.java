package dev.gatehouse.app.meshpolicy.lockdown;

/**
 * One source → destination pair of mesh services seen in the traffic of a window: how many hops it made and how
 * many of them the mesh denied.
 */
public record ObservedPair(String mesh, String source, String destination, long hops, long denied) {

    /** A pair seen once and let through, for callers that build the list by hand. */
    public static ObservedPair of(String mesh, String source, String destination) {
        return new ObservedPair(mesh, source, destination, 1, 0);
    }

    /** Whether at least one hop got through the mesh's permissions. */
    public boolean passedOnce() {
        return denied < hops;
    }

    String key() {
        return source + '\n' + destination;
    }
}
