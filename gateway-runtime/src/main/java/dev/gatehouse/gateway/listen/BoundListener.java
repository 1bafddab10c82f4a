package dev.gatehouse.gateway.listen;

import java.net.InetSocketAddress;

/** A listener that is up: what was asked for and the address actually bound (the real port when 0 was asked). */
public record BoundListener(ListenSpec spec, InetSocketAddress address) {

    public boolean ssl() {
        return spec.ssl();
    }

    /** {@code http://host:port} or {@code https://host:port}; a wildcard bind address becomes loopback. */
    public String url() {
        String host = address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
        if (address.getAddress() != null && address.getAddress().isAnyLocalAddress()) {
            host = address.getAddress() instanceof java.net.Inet6Address ? "::1" : "127.0.0.1";
        }
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return (ssl() ? "https://" : "http://") + host + ":" + address.getPort();
    }
}
