package dev.gatehouse.mesh.cli;

import java.net.InetSocketAddress;

/** Parses {@code HOST:PORT} command-line values ({@code [::1]:5681} for IPv6). */
final class HostPort {
    private HostPort() {}

    static InetSocketAddress parse(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("expected HOST:PORT, got " + hostPort);
        }
        String host = hostPort.substring(0, colon).replace("[", "").replace("]", "");
        try {
            return new InetSocketAddress(host, Integer.parseInt(hostPort.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("expected HOST:PORT, got " + hostPort);
        }
    }
}
