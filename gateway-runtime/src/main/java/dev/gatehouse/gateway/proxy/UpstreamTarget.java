package dev.gatehouse.gateway.proxy;

/**
 * Where a service sends traffic: its scheme ({@code http} or {@code https}), host name or IP literal, and port,
 * as stored on the service entity. Upstream connections are pooled per target.
 */
public record UpstreamTarget(String scheme, String host, int port) {

    public boolean tls() {
        return "https".equals(scheme);
    }

    @Override
    public String toString() {
        return scheme + "://" + host + ":" + port;
    }
}
