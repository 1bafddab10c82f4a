package dev.gatehouse.app.kubernetes.portforward;

/**
 * Where one port-forward stands, as a sentence a page can show: the pod it goes to once one was picked (empty before),
 * the loopback port once bound (0 before), and what went wrong when it failed.
 */
public record ForwardState(ForwardTarget target, Phase phase, String pod, int localPort, String problem) {

    /** The lifecycle: opening, then open on a loopback port or failed, and closed with its connection. */
    public enum Phase {
        OPENING,
        OPEN,
        FAILED,
        CLOSED
    }

    static ForwardState opening(ForwardTarget target) {
        return new ForwardState(target, Phase.OPENING, "", 0, "");
    }

    ForwardState bound(String pod, int localPort) {
        return new ForwardState(target, Phase.OPENING, pod, localPort, "");
    }

    ForwardState open() {
        return new ForwardState(target, Phase.OPEN, pod, localPort, "");
    }

    ForwardState failed(String problem) {
        return new ForwardState(target, Phase.FAILED, pod, localPort, problem);
    }

    ForwardState closed() {
        return new ForwardState(target, Phase.CLOSED, pod, localPort, problem);
    }

    /** "Kong's Admin API: port-forward open on 127.0.0.1:54321 to kong/kong-gateway-admin:8444 (pod kong-gateway-0)". */
    public String sentence() {
        String to = target.describe() + (pod.isEmpty() ? "" : " (pod " + pod + ")");
        return target.purpose() + ": "
                + switch (phase) {
                    case OPENING -> "opening a port-forward to " + to + "…";
                    case OPEN -> "port-forward open on 127.0.0.1:" + localPort + " to " + to;
                    case FAILED -> "the port-forward to " + to + " failed: " + problem;
                    case CLOSED -> "port-forward to " + to + " closed";
                };
    }
}
