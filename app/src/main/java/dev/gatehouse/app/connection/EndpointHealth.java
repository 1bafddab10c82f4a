package dev.gatehouse.app.connection;

/** The outcome of one probe of a runtime's API: what answered, how fast, or why nothing useful did. */
public record EndpointHealth(Status status, String product, String version, long latencyMillis, Problem problem,
                             String detail) {

    /** Overall state, in the order a user cares about. */
    public enum Status { UNKNOWN, CHECKING, UP, DOWN }

    /** Why a probe failed; each has a human sentence in the message bundle. */
    public enum Problem { NONE, REFUSED, TIMEOUT, UNKNOWN_HOST, TLS, UNAUTHORIZED, HTTP_ERROR, NOT_RECOGNIZED, OTHER }

    public static EndpointHealth unknown() {
        return new EndpointHealth(Status.UNKNOWN, "", "", 0, Problem.NONE, "");
    }

    public static EndpointHealth checking() {
        return new EndpointHealth(Status.CHECKING, "", "", 0, Problem.NONE, "");
    }

    public static EndpointHealth up(String product, String version, long latencyMillis) {
        return new EndpointHealth(Status.UP, product, version, latencyMillis, Problem.NONE, "");
    }

    public static EndpointHealth down(Problem problem, String detail, long latencyMillis) {
        return new EndpointHealth(Status.DOWN, "", "", latencyMillis, problem, detail);
    }
}
