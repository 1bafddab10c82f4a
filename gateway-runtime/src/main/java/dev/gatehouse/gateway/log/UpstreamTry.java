package dev.gatehouse.gateway.log;

/**
 * One balancer try of a proxied request (Kong's {@code ctx.balancer_data.tries[i]}): when it started (epoch ms and
 * ns), how long the balancer took, the peer, and for a failed try its state and status code.
 */
public record UpstreamTry(
        long balancerStart,
        long balancerStartNs,
        long balancerLatency,
        long balancerLatencyNs,
        String ip,
        int port,
        String state,
        Integer code) {

    public UpstreamTry failed(int status) {
        return new UpstreamTry(
                balancerStart, balancerStartNs, balancerLatency, balancerLatencyNs, ip, port, "failed", status);
    }
}
