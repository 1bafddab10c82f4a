package dev.gatehouse.gateway;

import dev.gatehouse.gateway.listen.HostPort;
import java.net.InetSocketAddress;

/**
 * Parses listen options: {@code HOST:PORT} (also {@code [::1]:PORT} and {@code :PORT} for all interfaces), as the
 * command line and embedders (the console's sandbox) spell them. The listeners themselves live in
 * {@link dev.gatehouse.gateway.listen}.
 */
public final class ListenAddress {

    private ListenAddress() {}

    public static InetSocketAddress parse(String value) {
        return HostPort.parse(value);
    }

    /** {@code http://host:port} for logs. */
    public static String url(InetSocketAddress a) {
        return HostPort.url(a);
    }
}
