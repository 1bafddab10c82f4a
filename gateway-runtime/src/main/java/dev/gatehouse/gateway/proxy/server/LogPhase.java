package dev.gatehouse.gateway.proxy.server;

import dev.gatehouse.gateway.log.RequestLog;
import dev.gatehouse.gateway.proxy.ProxyConsumer;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLSession;

/**
 * Kong's log phase of a finished exchange: what Kong's basic serializer reports about it ({@link RequestLog}),
 * handed to the plugins' log handlers and to the live request events. Nothing is captured when neither wants it.
 */
final class LogPhase {

    private LogPhase() {}

    static void run(Exchange x) {
        boolean loggers = x.plugins != null && x.plugins.hasLoggers();
        boolean events = x.server.events.active();
        if (!loggers && !events) {
            return;
        }
        RequestLog log = requestLog(x);
        if (loggers) {
            x.plugins.log(log);
        }
        if (events) {
            x.server.events.offer(log);
        }
    }

    private static RequestLog requestLog(Exchange x) {
        ClientResponse r = x.response;
        UpstreamCall up = x.upstream;
        boolean proxied = r.proxied;
        String url = x.scheme() + "://" + x.forwardedHost(x.clientHost) + ":" + x.conn.listenerPort + x.rawUri;
        Map<String, Object> reqHeaders =
                x.logRequestHeaders != null ? x.logRequestHeaders : kongShape(x.request.headers());
        long now = System.nanoTime();
        // the wall clock read next to the monotonic one, not after the work below: a thread preempted in between would
        // log a start that late, and the console links mesh hops to requests by it
        Instant wallNow = Instant.now();
        long receive = proxied && up.firstByteNanos > 0 ? Exchange.millis(now - up.firstByteNanos) : 0;
        RequestLog.Tls tls = null;
        SSLSession session = x.conn.tls ? x.conn.tlsSession() : null;
        if (session != null) {
            // Java names the cipher suite (IANA name); nginx reports OpenSSL's name, identical for TLS 1.3 suites
            tls = new RequestLog.Tls(session.getProtocol(), session.getCipherSuite(), "NONE");
        }
        ProxyConsumer consumer = x.consumer();
        long total = Exchange.millis(now - x.startNanos);
        return new RequestLog(
                x.requestId,
                x.rawUri,
                url,
                QueryArgs.kongShape(x.queryArgs()),
                x.request.method().name(),
                reqHeaders,
                requestSize(x),
                tls,
                up != null && (proxied || up.failedBefore()) ? up.uri : "",
                up == null ? "" : up.status,
                r.status,
                r.sentHeaders == null ? Map.of() : kongShape(r.sentHeaders),
                r.bytes + headBytes(r),
                proxied ? Math.max(0, up.proxyLatency) : Math.max(0, r.kongLatency),
                proxied ? up.waitingTime : -1,
                total,
                receive,
                up == null ? null : up.tries(),
                x.credential(),
                x.route == null ? null : x.route.logJson(),
                x.service == null ? null : x.service.logJson(),
                consumer == null ? null : consumer.logJson(),
                x.conn.clientIp,
                startedAt(wallNow, now - x.startNanos),
                proxied ? "upstream" : "kong",
                x.cfg.workspaceId(),
                "default",
                x.plugins == null ? List.of() : x.plugins.credentialNames());
    }

    /**
     * Kong's {@code started_at}: the request's start in epoch milliseconds, rounded down as nginx's millisecond clock
     * has it, so never after the true start. Subtracting whole elapsed milliseconds from a whole-millisecond now put it
     * up to 1 ms after, past the first mesh hop of a quick request, which the console then linked to the request
     * before (HopLinks).
     */
    static long startedAt(Instant wallNow, long elapsedNanos) {
        return Math.floorDiv(epochNanos(wallNow, elapsedNanos), 1_000_000L);
    }

    /** Epoch nanoseconds of the moment {@code elapsedNanos} before {@code wallNow}. */
    static long epochNanos(Instant wallNow, long elapsedNanos) {
        return Math.addExact(Math.multiplyExact(wallNow.getEpochSecond(), 1_000_000_000L), wallNow.getNano())
                - elapsedNanos;
    }

    private static long requestSize(Exchange x) {
        long size = x.request.method().name().length()
                + 1
                + x.rawUri.length()
                + 1
                + x.request.protocolVersion().text().length()
                + 2;
        for (Map.Entry<String, String> e : x.request.headers()) {
            size += e.getKey().length() + 2 + e.getValue().length() + 2;
        }
        return size + 2 + x.requestBodyBytes;
    }

    private static long headBytes(ClientResponse r) {
        return r.sentStatus == null ? 0 : headerSize(r.sentStatus, r.sentHeaders);
    }

    private static long headerSize(HttpResponseStatus s, HttpHeaders h) {
        long size = 9 + 3 + 1 + s.reasonPhrase().length() + 2;
        for (Map.Entry<String, String> e : h) {
            size += e.getKey().length() + 2 + e.getValue().length() + 2;
        }
        return size + 2;
    }

    /** Kong's {@code get_headers()} shape: lower-case names, a list for repeated headers. */
    static Map<String, Object> kongShape(HttpHeaders h) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : h) {
            String k = e.getKey().toLowerCase(Locale.ROOT);
            Object old = out.get(k);
            if (old == null) {
                out.put(k, e.getValue());
            } else if (old instanceof List<?> l) {
                @SuppressWarnings("unchecked")
                List<String> ls = (List<String>) l;
                ls.add(e.getValue());
            } else {
                List<String> ls = new ArrayList<>(2);
                ls.add((String) old);
                ls.add(e.getValue());
                out.put(k, ls);
            }
        }
        return out;
    }
}
