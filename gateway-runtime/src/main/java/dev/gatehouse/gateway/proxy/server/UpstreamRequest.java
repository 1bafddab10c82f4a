package dev.gatehouse.gateway.proxy.server;

import dev.gatehouse.gateway.router.UpstreamPath;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.util.Locale;

/**
 * The client's request rewritten for the upstream as Kong does it ({@code kong/runloop/handler.lua} access.after and
 * {@code nginx-kong.conf}): hop-by-hop headers out, {@code Host}, {@code Via}, {@code X-Forwarded-*},
 * {@code X-Real-IP} and {@code X-Kong-Request-Id} in, and the upstream path and query.
 */
final class UpstreamRequest {

    /** The request headers the proxy removes, adds or replaces, found in one pass. */
    private static final HeaderScan REQUEST_SCAN = new HeaderScan(
            HttpHeaderNames.CONNECTION,
            HttpHeaderNames.TE,
            KongHeaders.KEEP_ALIVE,
            HttpHeaderNames.UPGRADE,
            KongHeaders.PROXY,
            KongHeaders.PROXY_CONNECTION,
            HttpHeaderNames.VIA,
            KongHeaders.X_FORWARDED_FOR,
            KongHeaders.X_FORWARDED_PROTO,
            KongHeaders.X_FORWARDED_HOST,
            KongHeaders.X_FORWARDED_PORT,
            KongHeaders.X_FORWARDED_PATH,
            KongHeaders.X_FORWARDED_PREFIX,
            KongHeaders.X_REAL_IP,
            KongHeaders.X_KONG_REQUEST_ID,
            HttpHeaderNames.HOST,
            HttpHeaderNames.EXPECT);

    private UpstreamRequest() {}

    /** Rewrites the exchange's request in place for its route and service; returns the upstream URI. */
    static String prepare(Exchange x) {
        HttpRequest request = x.request;
        HttpHeaders h = request.headers();
        long found = REQUEST_SCAN.scan(h);
        String remote = x.conn.clientIp;
        String host = x.clientHost;
        // hop-by-hop request headers (kong/runloop/handler.lua access.after)
        if (HeaderScan.has(found, 0)) {
            String connection = h.get(HttpHeaderNames.CONNECTION);
            for (String token : connection.split(",")) {
                String t = token.strip().toLowerCase(Locale.ROOT);
                if (!t.isEmpty() && !t.equals("keep-alive") && !t.equals("close") && !t.equals("upgrade")) {
                    h.remove(t);
                }
            }
            found = REQUEST_SCAN.scan(h); // the listed headers may have included some of ours
        }
        if (HeaderScan.has(found, 1)) {
            String te = h.get(HttpHeaderNames.TE);
            h.remove(HttpHeaderNames.TE);
            if (te != null && te.toLowerCase(Locale.ROOT).contains("trailers")) {
                h.set(HttpHeaderNames.TE, "trailers");
            }
        }
        if (HeaderScan.has(found, 2)) {
            h.remove(KongHeaders.KEEP_ALIVE);
        }
        if (HeaderScan.has(found, 3)) {
            h.remove(HttpHeaderNames.UPGRADE);
        }
        if (HeaderScan.has(found, 4)) {
            h.remove(KongHeaders.PROXY);
        }
        if (HeaderScan.has(found, 5)) {
            h.remove(KongHeaders.PROXY_CONNECTION);
        }
        if (HeaderScan.has(found, 16)) {
            h.remove(HttpHeaderNames.EXPECT); // answered here with 100 Continue when needed
        }
        if (HeaderScan.has(found, 0) && h.contains(HttpHeaderNames.CONNECTION)) {
            h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        } else {
            h.add(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
        String pluginHost = x.plugins == null ? null : x.plugins.upstreamHost();
        HeaderScan.put(
                h,
                found,
                15,
                HttpHeaderNames.HOST,
                pluginHost != null
                        ? pluginHost
                        : x.route.preserveHost() && host != null ? host : x.upstream.hostHeader());
        if (HeaderScan.has(found, 6)) {
            h.set(HttpHeaderNames.VIA, h.get(HttpHeaderNames.VIA) + ", " + viaToken(request));
        } else {
            h.add(HttpHeaderNames.VIA, viaToken(request));
        }
        if (HeaderScan.has(found, 7)) {
            h.set(KongHeaders.X_FORWARDED_FOR, h.get(KongHeaders.X_FORWARDED_FOR) + ", " + remote);
        } else {
            h.add(KongHeaders.X_FORWARDED_FOR, remote);
        }
        HeaderScan.put(h, found, 8, KongHeaders.X_FORWARDED_PROTO, x.scheme());
        HeaderScan.put(h, found, 9, KongHeaders.X_FORWARDED_HOST, x.forwardedHost(host));
        HeaderScan.put(h, found, 10, KongHeaders.X_FORWARDED_PORT, x.conn.listenerPortText);
        HeaderScan.put(h, found, 11, KongHeaders.X_FORWARDED_PATH, x.rawPath);
        String prefix = x.match.strippedPrefix();
        if (prefix != null && !prefix.equals("/")) {
            HeaderScan.put(h, found, 12, KongHeaders.X_FORWARDED_PREFIX, prefix);
        } else if (HeaderScan.has(found, 12)) {
            h.remove(KongHeaders.X_FORWARDED_PREFIX);
        }
        HeaderScan.put(h, found, 13, KongHeaders.X_REAL_IP, remote);
        HeaderScan.put(h, found, 14, KongHeaders.X_KONG_REQUEST_ID, x.requestId);
        byte[] replacementBody = x.replacementBody();
        if (replacementBody != null) {
            h.remove(HttpHeaderNames.TRANSFER_ENCODING);
            h.setInt(HttpHeaderNames.CONTENT_LENGTH, replacementBody.length);
        }
        String pluginPath = x.plugins == null ? null : x.plugins.upstreamPath();
        String uri = pluginPath != null
                ? pluginPath
                : UpstreamPath.of(x.route.stripPath(), x.match.strippedPrefix(), x.path, x.service.path());
        String query =
                x.plugins != null && x.plugins.queryChanged() ? QueryArgs.encode(x.plugins.queryArgs()) : x.rawQuery;
        if (query != null && (!query.isEmpty() || x.rawUri.endsWith("?"))) {
            uri = uri + "?" + query;
        }
        request.setUri(uri);
        return uri;
    }

    private static String viaToken(HttpRequest request) {
        HttpVersion v = request.protocolVersion();
        return v.majorVersion() == 1 && v.minorVersion() == 1
                ? KongHeaders.VIA_11.toString()
                : v.majorVersion() + "." + v.minorVersion() + " " + ProxyServer.SERVER_HEADER;
    }
}
