package dev.gatehouse.gateway.listen;

import java.net.InetSocketAddress;

/** Listen addresses as Kong's {@code *_listen} settings spell them: {@code HOST:PORT} and its variants. */
public final class HostPort {

    private HostPort() {}

    /** Parses {@code HOST:PORT} (also {@code [::1]:PORT}, and {@code :PORT} for all interfaces). */
    public static InetSocketAddress parse(String value) {
        String v = value.trim();
        int colon = v.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("expected HOST:PORT, got '" + value + "'");
        }
        String host = v.substring(0, colon);
        String portText = v.substring(colon + 1);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isEmpty()) {
            host = "0.0.0.0";
        }
        int port;
        try {
            port = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid port in '" + value + "'");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range in '" + value + "'");
        }
        return new InetSocketAddress(host, port);
    }

    /** {@code http://host:port} for logs. */
    public static String url(InetSocketAddress a) {
        String host = a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return "http://" + host + ":" + a.getPort();
    }
}
