package dev.gatehouse.gateway.router;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The request fields the router matches on, as Kong's ATC fields see them ({@code kong/router/fields.lua}):
 * method, the normalised path (no query), the Host header's name (lower-cased) and port (else the listener's port),
 * the scheme, the TLS SNI, and the headers with names lower-cased and {@code -} replaced by {@code _}.
 */
public final class RouteRequest {

    /** Supplies the raw request headers, name then value, in order. */
    @FunctionalInterface
    public interface Headers {
        void forEach(java.util.function.BiConsumer<String, String> sink);
    }

    /** What only expression routes read, asked for when one does: the query and the connection's addresses. */
    public interface Connection {
        /** The decoded query arguments in order; a name without {@code =} has a null value. */
        Map<String, List<String>> queryArgs();

        InetSocketAddress remoteAddress();

        InetSocketAddress localAddress();
    }

    private final String method;
    private final String path;
    private final String host;
    private final String rawHost;
    private final Connection connection;
    private final int port;
    private final String scheme;
    private final String sni;
    private final Headers headers;
    private Map<String, List<String>> normalized;
    private long methodBit = -1;

    /**
     * @param hostHeader the raw Host header (may carry a port) or null
     * @param listenerPort the port the request arrived on, used when the Host header has none
     */
    public RouteRequest(
            String method,
            String path,
            String hostHeader,
            int listenerPort,
            String scheme,
            String sni,
            Headers headers) {
        this(method, path, hostHeader, listenerPort, scheme, sni, headers, null);
    }

    /** As above, with the connection that expression routes read the query and the addresses from. */
    public RouteRequest(
            String method,
            String path,
            String hostHeader,
            int listenerPort,
            String scheme,
            String sni,
            Headers headers,
            Connection connection) {
        this.connection = connection;
        this.method = method;
        this.path = path;
        this.scheme = scheme;
        this.sni = sni;
        this.headers = headers;
        String h = null;
        int p = listenerPort;
        if (hostHeader != null && !hostHeader.isEmpty()) {
            h = hostHeader;
            int colon = hostHeader.lastIndexOf(':');
            int bracket = hostHeader.lastIndexOf(']');
            if (colon > bracket) {
                int parsed = parsePort(hostHeader, colon + 1);
                if (parsed >= 0) {
                    h = hostHeader.substring(0, colon);
                    p = parsed;
                }
            }
            this.rawHost = h;
            h = h.toLowerCase(Locale.ROOT);
        } else {
            this.rawHost = null;
        }
        this.host = h;
        this.port = p;
    }

    private static int parsePort(String s, int from) {
        if (from >= s.length() || s.length() - from > 5) {
            return -1;
        }
        int v = 0;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    public String method() {
        return method;
    }

    /** The method as a bit of {@link #methodBit(String)}'s set (0 for a method outside it). */
    long methodBit() {
        if (methodBit < 0) {
            methodBit = methodBit(method);
        }
        return methodBit;
    }

    /** A bit per common HTTP method, so routes compare methods without comparing strings. */
    static long methodBit(String m) {
        return switch (m) {
            case "GET" -> 1;
            case "HEAD" -> 2;
            case "POST" -> 4;
            case "PUT" -> 8;
            case "PATCH" -> 16;
            case "DELETE" -> 32;
            case "OPTIONS" -> 64;
            case "TRACE" -> 128;
            case "CONNECT" -> 256;
            default -> 0;
        };
    }

    /** The normalised request path, without the query string. */
    public String path() {
        return path;
    }

    /** The Host header's name, lower-cased, without its port; null when the request has no Host header. */
    public String host() {
        return host;
    }

    /** The Host header's name as sent, without its port (Kong's {@code http.host}); null without a Host header. */
    public String rawHost() {
        return rawHost;
    }

    /** The connection's query and addresses; null when the request was built without them. */
    public Connection connection() {
        return connection;
    }

    /** The Host header's port, else the listener's port (Kong's {@code net.dst.port}). */
    public int port() {
        return port;
    }

    public String scheme() {
        return scheme;
    }

    public String sni() {
        return sni;
    }

    /** The values of a header, its name given lower-case with underscores; null when absent. */
    public List<String> header(String normalizedName) {
        if (normalized == null) {
            Map<String, List<String>> m = new HashMap<>();
            headers.forEach((name, value) ->
                    m.computeIfAbsent(normalize(name), k -> new ArrayList<>(1)).add(value.toLowerCase(Locale.ROOT)));
            normalized = m;
        }
        return normalized.get(normalizedName);
    }

    /** The values of a header as sent (not lower-cased), its name given lower-case with underscores; null when absent. */
    public List<String> rawHeader(String normalizedName) {
        List<String> out = new ArrayList<>(1);
        headers.forEach((name, value) -> {
            if (normalize(name).equals(normalizedName)) {
                out.add(value);
            }
        });
        return out.isEmpty() ? null : out;
    }

    /** Kong's {@code replace_dashes_lower}. */
    public static String normalize(String headerName) {
        return headerName.toLowerCase(Locale.ROOT).replace('-', '_');
    }
}
