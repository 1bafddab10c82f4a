package dev.gatehouse.app.connection;

import dev.gatehouse.app.http.ConnectionProblem;

/** The outcome of one check of a runtime's API: what answered, how fast, or why nothing useful did. */
public record EndpointHealth(
        Status status, String product, String version, long latencyMillis, ConnectionProblem problem, String detail) {

    /**
     * Overall state, in the order a user cares about. ABSENT: the connection has no such API at all (a Kong-only
     * connection has no mesh), which is neither a fault nor something still to be checked.
     */
    public enum Status {
        UNKNOWN,
        CHECKING,
        UP,
        DOWN,
        ABSENT
    }

    public static EndpointHealth unknown() {
        return new EndpointHealth(Status.UNKNOWN, "", "", 0, ConnectionProblem.NONE, "");
    }

    public static EndpointHealth checking() {
        return new EndpointHealth(Status.CHECKING, "", "", 0, ConnectionProblem.NONE, "");
    }

    /** The connection has no such API. */
    public static EndpointHealth absent() {
        return new EndpointHealth(Status.ABSENT, "", "", 0, ConnectionProblem.NONE, "");
    }

    public static EndpointHealth up(String product, String version, long latencyMillis) {
        return new EndpointHealth(Status.UP, product, version, latencyMillis, ConnectionProblem.NONE, "");
    }

    public static EndpointHealth down(ConnectionProblem problem, String detail, long latencyMillis) {
        return new EndpointHealth(Status.DOWN, "", "", latencyMillis, problem, detail);
    }

    public boolean isUp() {
        return status == Status.UP;
    }
}
