package dev.gatehouse.mesh.dataplane;

import dev.gatehouse.mesh.policy.Decision;
import dev.gatehouse.mesh.policy.PolicyRef;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Instant;

/**
 * The access-log record of one proxied connection while it is open. Both of its channels run on the same event loop,
 * so no synchronisation is needed; the record is emitted once, when the last open side closes. Whether anyone wants
 * records is decided once, when the connection starts: if nobody does, no record is ever built for it.
 */
final class ConnectionLog {
    private final AccessLogRouting sink;
    private final boolean active;
    private final int inbound;
    private final String mesh;
    private final String dataplane;
    private final String direction;
    private String protocol;
    private final Instant start = Instant.now();
    private final long startNanos = System.nanoTime();
    private String sourceService = "";
    private final SocketAddress downstream;
    private final SocketAddress downstreamLocal;
    private final String kumaSourceAddress;
    private final String destinationService;
    private String upstreamHost = "";
    private SocketAddress upstreamLocal;
    private String flags = "-";
    private String details = "";
    private boolean allowed;
    private String action;
    private PolicyRef policy;
    long bytesSent;
    long bytesReceived;
    private int openSides = 1;
    private boolean emitted;
    private int requestRecords;

    /** @param inbound the inbound's index, -1 for an outbound connection */
    ConnectionLog(
            AccessLogRouting sink,
            int inbound,
            String mesh,
            String dataplane,
            String direction,
            String protocol,
            SocketAddress downstream,
            SocketAddress downstreamLocal,
            String kumaSourceAddress,
            String destinationService) {
        this.sink = sink;
        this.active = sink.active();
        this.inbound = inbound;
        this.mesh = mesh;
        this.dataplane = dataplane;
        this.direction = direction;
        this.protocol = protocol;
        this.downstream = downstream; // formatted only when a record is built
        this.downstreamLocal = downstreamLocal;
        this.kumaSourceAddress = kumaSourceAddress;
        this.destinationService = destinationService;
    }

    /** Whether records of this connection go anywhere (an HTTP tap is worth starting). */
    boolean active() {
        return active;
    }

    void source(String service) {
        this.sourceService = service;
    }

    /** The connection's protocol as logged: an outbound learns it from its destination ({@code http}). */
    void protocol(String protocol) {
        this.protocol = protocol;
    }

    /** The upstream connection is made: {@code host} it went to, {@code local} its address on this side. */
    void upstream(SocketAddress host, SocketAddress local) {
        if (!active) {
            return;
        }
        // Envoy's %UPSTREAM_HOST% is the address connected to; the callee's inbound logs the same as its local address
        upstreamHost = !(host instanceof InetSocketAddress a)
                ? String.valueOf(host)
                : a.isUnresolved() ? a.getHostString() + ":" + a.getPort() : ipPort(a);
        upstreamLocal = local; // formatted only when a record is built
    }

    void decided(Decision d) {
        allowed = d.allowed();
        action = d.verdict().kumaName();
        policy = d.policy();
        if (!d.allowed()) {
            details = "rbac_access_denied_matched_policy["
                    + (d.policy() == null ? "none" : d.policy().name()) + "]";
        }
    }

    /** The connection goes through without a permission decision on this side (outbound, or mTLS off). */
    void passed() {
        allowed = true;
    }

    void fail(String responseFlags, String why) {
        if ("-".equals(flags)) {
            flags = responseFlags;
        }
        if (details.isEmpty()) {
            details = why;
        }
    }

    /** A second side (the upstream channel) is open too. */
    void upstreamOpened() {
        openSides++;
    }

    /** One side closed; the record goes out when none is left. */
    void sideClosed() {
        if (--openSides <= 0) {
            emit();
        }
    }

    void emit() {
        if (emitted) {
            return;
        }
        emitted = true;
        if (!active || requestRecords > 0) { // a connection whose requests were logged one by one
            return;
        }
        sink.emit(
                entry(start, 0, (System.nanoTime() - startNanos) / 1_000_000, bytesSent, bytesReceived, null), inbound);
    }

    /** Envoy's form of an IP address with its port: {@code ip:port}, {@code [ipv6]:port}; "" when unknown. */
    static String ipPort(SocketAddress address) {
        if (!(address instanceof InetSocketAddress a) || a.getAddress() == null) {
            return "";
        }
        String ip = a.getAddress().getHostAddress();
        int scope = ip.indexOf('%');
        if (scope >= 0) {
            ip = ip.substring(0, scope);
        }
        return (ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip) + ":" + a.getPort();
    }

    /** A separate record for one HTTP request: answered by the data plane itself (a 403) or by the application. */
    void emitRequest(Instant requestStart, int status, HttpRequestInfo request, long sent, long received, long millis) {
        requestRecords++;
        if (!active) {
            return;
        }
        sink.emit(entry(requestStart, status, millis, sent, received, request), inbound);
    }

    /** This hop's record: of the connection when {@code request} is null (status 0), else of that request. */
    private AccessLogEntry entry(
            Instant at, int status, long millis, long sent, long received, HttpRequestInfo request) {
        return new AccessLogEntry(
                at,
                mesh,
                dataplane,
                direction,
                sourceService,
                kumaSourceAddress,
                destinationService,
                upstreamHost,
                ipPort(downstream),
                ipPort(downstreamLocal),
                ipPort(upstreamLocal),
                protocol,
                status,
                flags,
                millis,
                sent,
                received,
                allowed,
                action,
                policy,
                details,
                request == null ? null : request.method(),
                request == null ? null : request.path(),
                request == null ? null : request.requestId(),
                request == null ? null : request.httpVersion(),
                request == null ? null : request.headers());
    }
}
