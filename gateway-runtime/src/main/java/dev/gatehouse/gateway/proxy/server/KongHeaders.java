package dev.gatehouse.gateway.proxy.server;

import io.netty.util.AsciiString;

/** Header names the proxy sets on every request, as Netty constants (their hashes are computed once). */
final class KongHeaders {

    static final AsciiString X_FORWARDED_FOR = AsciiString.cached("X-Forwarded-For");
    static final AsciiString X_FORWARDED_PROTO = AsciiString.cached("X-Forwarded-Proto");
    static final AsciiString X_FORWARDED_HOST = AsciiString.cached("X-Forwarded-Host");
    static final AsciiString X_FORWARDED_PORT = AsciiString.cached("X-Forwarded-Port");
    static final AsciiString X_FORWARDED_PATH = AsciiString.cached("X-Forwarded-Path");
    static final AsciiString X_FORWARDED_PREFIX = AsciiString.cached("X-Forwarded-Prefix");
    static final AsciiString X_REAL_IP = AsciiString.cached("X-Real-IP");
    static final AsciiString X_KONG_REQUEST_ID = AsciiString.cached("X-Kong-Request-Id");
    static final AsciiString X_KONG_UPSTREAM_LATENCY = AsciiString.cached("X-Kong-Upstream-Latency");
    static final AsciiString X_KONG_PROXY_LATENCY = AsciiString.cached("X-Kong-Proxy-Latency");
    static final AsciiString X_KONG_RESPONSE_LATENCY = AsciiString.cached("X-Kong-Response-Latency");
    static final AsciiString PROXY = AsciiString.cached("Proxy");
    static final AsciiString KEEP_ALIVE = AsciiString.cached("Keep-Alive");
    static final AsciiString PROXY_CONNECTION = AsciiString.cached("Proxy-Connection");
    static final AsciiString SERVER_TOKEN = AsciiString.cached(ProxyServer.SERVER_HEADER);
    static final AsciiString VIA_11 = AsciiString.cached("1.1 " + ProxyServer.SERVER_HEADER);

    private KongHeaders() {}
}
