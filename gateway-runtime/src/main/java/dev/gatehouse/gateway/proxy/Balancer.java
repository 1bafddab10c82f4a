package dev.gatehouse.gateway.proxy;

/**
 * Kong's ring-balancer as the proxy sees it: the target of each try of a request to a service whose host names an
 * upstream, and what the proxy learned from it (passive health checks, least-connections and latency).
 * Implementations are thread-safe: every event loop calls them.
 */
public interface Balancer {

    /** {@link #report} of a try that failed to connect or lost its connection. */
    int TCP_FAILURE = 0;

    /** {@link #report} of a try that timed out. */
    int TIMEOUT = -1;

    /** {@link #report} of a try that ended without telling anything of the target's health (client gone). */
    int RELEASED = Integer.MIN_VALUE;

    /**
     * The target of a try, or null when no target is healthy (Kong's 503 {@code failure to get a peer from the
     * ring-balancer}). {@code previous} is the target of the failed try before, null on the first try: a retry
     * moves on to another target when there is one.
     */
    UpstreamTarget pick(HashInput request, UpstreamTarget previous);

    /** A try ended: {@code status} is the upstream's status, or {@link #TCP_FAILURE}, {@link #TIMEOUT}, {@link #RELEASED}. */
    void report(UpstreamTarget target, int status, long latencyMillis);

    /** Kong's {@code upstream.host_header}, or null to send the service's host. */
    String hostHeader();

    /** What consistent hashing reads of a request (Kong's {@code get_value_to_hash}). */
    interface HashInput {
        String consumerId();

        String clientIp();

        String header(String name);

        String cookie(String name);

        /**
         * Kong's {@code hash_cookie}: the request had no hashing cookie, so the balancer made one up and the response
         * sets it ({@code name=value; Path=path; Same-Site=Lax; HttpOnly}), keeping the client on its target.
         */
        void hashCookie(String name, String value, String path);

        String path();

        String queryArg(String name);

        String uriCapture(String name);
    }
}
