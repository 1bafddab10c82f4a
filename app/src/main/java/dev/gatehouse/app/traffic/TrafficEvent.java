package dev.gatehouse.app.traffic;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * One observed request (gateway) or hop (mesh data plane), normalised from the products' own log formats: Kong's
 * log serializer and MeshAccessLog's JSON lines. Text fields are "" when the log did not say.
 *
 * @param sequence     the feed's arrival number (0 until the feed accepts the event); gaps never occur inside the
 *                     feed, drops are counted instead
 * @param receivedNanos {@link System#nanoTime()} when the console received it (request-to-screen latency)
 * @param mesh         the mesh of a hop; "" for gateway requests
 * @param source       gateway: the consumer's username (or id), else the client address; mesh: the source service
 * @param destination  gateway: the service's name (or host); mesh: the destination service
 * @param route        gateway: the route's name (or id); "" for hops
 * @param consumer     gateway: the authenticated consumer's username (or id); "" when anonymous or a hop
 * @param status       the HTTP status; 0 for a TCP hop
 * @param latencyMillis gateway: Kong's {@code latencies.request}; mesh: {@code %DURATION%}
 * @param requestId    Kong's request id ({@code X-Kong-Request-Id}), also on HTTP hops that saw it; "" otherwise
 * @param upstreamHost gateway: the service's host the request was sent to (e.g. {@code demo-app.mesh}), "" when Kong
 *                     answered it itself (key-auth's 401, a rate limit); mesh: {@code %UPSTREAM_HOST%}
 * @param direction    mesh: {@code INBOUND} or {@code OUTBOUND}; "" for gateway requests
 * @param flags        mesh: Envoy's {@code %RESPONSE_FLAGS%} ({@code -} or "" = none); "" for gateway requests
 * @param connection   mesh: the hop's TCP connection as both of its records name it, {@code caller->callee} (ip:port
 *                     each): an OUTBOUND record's {@code %UPSTREAM_LOCAL_ADDRESS%->%UPSTREAM_HOST%}, an INBOUND
 *                     record's {@code %DOWNSTREAM_DIRECT_REMOTE_ADDRESS%->%DOWNSTREAM_LOCAL_ADDRESS%}; the caller's
 *                     side alone when the callee's is missing; "" when the record has neither, and for gateway
 *                     requests.
 *                     {@link HopTwins} pairs the two records by it
 * @param detailsJson  every field of the original entry, credentials masked, as {@link DeflatedJson#of deflated JSON};
 *                     {@link #details()} reads it back
 */
public record TrafficEvent(
        long sequence,
        long receivedNanos,
        Origin origin,
        Instant time,
        String mesh,
        String source,
        String destination,
        String route,
        String consumer,
        String method,
        String path,
        int status,
        Outcome outcome,
        double latencyMillis,
        String requestId,
        String upstreamHost,
        String direction,
        String flags,
        String connection,
        byte[] detailsJson) {

    public TrafficEvent {
        mesh = RepeatedText.of(mesh);
        source = RepeatedText.of(source);
        destination = RepeatedText.of(destination);
        route = RepeatedText.of(route);
        consumer = RepeatedText.of(consumer);
        method = RepeatedText.of(method);
        path = RepeatedText.of(path);
        upstreamHost = RepeatedText.of(upstreamHost);
        direction = RepeatedText.of(direction);
        flags = RepeatedText.of(flags);
        connection = connection == null ? "" : connection; // ephemeral ports: not worth sharing
    }

    /** Every field of the original entry, credentials masked: a new tree, read from the kept JSON on each call. */
    public ObjectNode details() {
        return DeflatedJson.tree(detailsJson);
    }

    /** The same event numbered by the feed. */
    public TrafficEvent withSequence(long number) {
        return new TrafficEvent(
                number,
                receivedNanos,
                origin,
                time,
                mesh,
                source,
                destination,
                route,
                consumer,
                method,
                path,
                status,
                outcome,
                latencyMillis,
                requestId,
                upstreamHost,
                direction,
                flags,
                connection,
                detailsJson);
    }

    /** The same event with {@code service} as its source (an inbound record named by its caller's twin). */
    public TrafficEvent withSource(String service) {
        return new TrafficEvent(
                sequence,
                receivedNanos,
                origin,
                time,
                mesh,
                service,
                destination,
                route,
                consumer,
                method,
                path,
                status,
                outcome,
                latencyMillis,
                requestId,
                upstreamHost,
                direction,
                flags,
                connection,
                detailsJson);
    }

    /** Between the ends of a {@link #connection()}. */
    private static final String CONNECTION_ARROW = "->";

    /** A {@link #connection()} from its ends: {@code caller->callee}, or the caller's side alone without a callee. */
    public static String connectionOf(String caller, String callee) {
        return caller.isEmpty() || callee.isEmpty() ? caller : caller + CONNECTION_ARROW + callee;
    }

    /** The caller's side of {@link #connection()}: the whole of it when it names no callee. */
    public String connectionCaller() {
        int arrow = connection.indexOf(CONNECTION_ARROW);
        return arrow < 0 ? connection : connection.substring(0, arrow);
    }

    /** Whether this is a mesh INBOUND record that does not name its source (Kuma logs {@code unknown}). */
    public boolean unnamedInbound() {
        return origin == Origin.MESH && "INBOUND".equalsIgnoreCase(direction) && !namesSource();
    }

    /**
     * The one rule for which of a hop's records stands for it, on the graph and in the request log, so that each hop
     * counts exactly once. Both sidecars log a hop: the caller's OUTBOUND record and the callee's INBOUND one.
     *
     * <ul>
     *   <li>Mesh with mTLS: the INBOUND record. Only that side makes the permission decision: a denial shows on no
     *       other record. Kuma logs {@code unknown} as its source, with or without mTLS; {@link HopTwins} names it
     *       from the caller's OUTBOUND record of the same connection. An inbound left unnamed is not counted: its
     *       handshake failed (and its caller's outbound failed too, {@code UF}), or its twin never came (the hop is
     *       then missing from the graph, not drawn from nowhere).
     *   <li>Mesh without mTLS: the OUTBOUND record. Nothing is enforced on the inbound side, and the outbound
     *       names both ends by itself.
     *   <li>Either way, an OUTBOUND record of a hop that never reached an inbound ({@code UH} no endpoint, {@code UF}
     *       connect or TLS failure, {@code NR} no route): there is no other record.
     * </ul>
     *
     * @param mtls whether the record's mesh runs mTLS (the graph reads it from the control plane)
     */
    public boolean countsAsHop(boolean mtls) {
        if (origin != Origin.MESH) {
            return false;
        }
        boolean outbound = "OUTBOUND".equalsIgnoreCase(direction);
        if (outbound && (flags.contains("UH") || flags.contains("UF") || flags.contains("NR"))) {
            return true;
        }
        if (mtls) {
            return !outbound && (namesSource() || meshDenied());
        }
        return outbound;
    }

    /**
     * {@link #countsAsHop(boolean)} for a caller that does not know the mesh's mode (the request log, which is handed
     * no mesh state). Neither record shows the mode (Kuma names no inbound source either way), so here the INBOUND
     * record is always the hop, named by {@link HopTwins} when its twin came, and an OUTBOUND record only when no
     * inbound was reached ({@code UH}, {@code UF}, {@code NR}): still exactly once per hop, in both modes. Callers
     * that know the mode (the graph) call {@link #countsAsHop(boolean)}.
     */
    public boolean countsAsHop() {
        if (origin != Origin.MESH) {
            return false;
        }
        if ("OUTBOUND".equalsIgnoreCase(direction)) {
            return countsAsHop(true);
        }
        return countsAsHop(true) || !namesSource();
    }

    /** Whether a mesh record names its source service (Kuma writes {@code unknown} when the inbound cannot). */
    private boolean namesSource() {
        return !source.isEmpty() && !"unknown".equals(source);
    }

    /** True for a hop the mesh denied. */
    public boolean meshDenied() {
        return outcome == Outcome.MESH_DENIED;
    }
}
