package dev.gatehouse.gateway.listen;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One listener as Kong's {@code proxy_listen}/{@code admin_listen} entries spell it: {@code HOST:PORT [ssl]}.
 * Kong's other flags that only tune nginx ({@code http2}, {@code reuseport}, {@code backlog=N}, {@code deferred},
 * {@code bind}) are accepted and ignored; anything else is an error.
 */
public record ListenSpec(InetSocketAddress address, boolean ssl) {

    private static final Set<String> IGNORED_FLAGS = Set.of("http2", "reuseport", "deferred", "bind");

    public static ListenSpec plain(InetSocketAddress address) {
        return new ListenSpec(address, false);
    }

    /** Parses a comma-separated list such as {@code 127.0.0.1:8001, 127.0.0.1:8444 ssl}. */
    public static List<ListenSpec> parseList(String value) {
        List<ListenSpec> out = new ArrayList<>();
        for (String entry : value.split(",")) {
            if (!entry.isBlank()) {
                out.add(parse(entry));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no listen address in '" + value + "'");
        }
        return List.copyOf(out);
    }

    /** Parses one {@code HOST:PORT [flags]} entry. */
    public static ListenSpec parse(String entry) {
        String[] parts = entry.trim().split("\\s+");
        InetSocketAddress address = HostPort.parse(parts[0]);
        boolean ssl = false;
        for (int i = 1; i < parts.length; i++) {
            String flag = parts[i];
            if (flag.equals("ssl")) {
                ssl = true;
            } else if (!IGNORED_FLAGS.contains(flag) && !flag.startsWith("backlog=")) {
                throw new IllegalArgumentException(
                        "unknown listen flag '" + flag + "' in '" + entry.trim() + "' (expected HOST:PORT [ssl])");
            }
        }
        return new ListenSpec(address, ssl);
    }

    /** Kong's spelling, e.g. {@code 127.0.0.1:8444 ssl}. */
    @Override
    public String toString() {
        String host = address.getHostString();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return host + ":" + address.getPort() + (ssl ? " ssl" : "");
    }
}
