package dev.gatehouse.app.traffic.remote;

import java.net.InetSocketAddress;

/**
 * Where a collector listens, as the user writes it ({@code 127.0.0.1:0}, {@code 0.0.0.0:7301}, {@code [::1]:7301},
 * {@code console.lan:7301}; port 0 picks a free one), and the host a remote gateway or data plane is told to send to:
 * the host as written (the user's choice), or {@link MachineAddress this machine's address} when the collector
 * listens on every interface.
 */
public record CollectorAddress(String host, int port) {

    /** The default: loopback, any free port (a gateway on this machine can reach it, nobody else). */
    public static final CollectorAddress LOOPBACK = new CollectorAddress("127.0.0.1", 0);

    /** Reads {@code host:port}; throws with a sentence the user can read. */
    public static CollectorAddress parse(String text) {
        String t = text == null ? "" : text.trim();
        int colon = t.lastIndexOf(':');
        if (t.isEmpty() || colon <= 0 || colon == t.length() - 1) {
            throw new IllegalArgumentException("Write the collector address as host:port, for example 127.0.0.1:0.");
        }
        String host = t.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw new IllegalArgumentException("Put an IPv6 address in brackets, for example [::1]:7301.");
        }
        int port;
        try {
            port = Integer.parseInt(t.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(
                    "The collector port must be a number from 0 to 65535 (0 picks a free one).");
        }
        return new CollectorAddress(host, port);
    }

    /** The socket address to bind. */
    public InetSocketAddress bindAddress() {
        return new InetSocketAddress(host, port);
    }

    /** True when the collector listens on every interface ({@code 0.0.0.0} or {@code ::}): no host was chosen. */
    public boolean everyInterface() {
        return host.equals("0.0.0.0")
                || (host.contains(":") && host.replace(":", "").replace("0", "").isEmpty());
    }

    /** The host remote senders are given for a collector bound to {@code bound}. */
    public String advertisedHost(InetSocketAddress bound) {
        if (bound.getAddress().isAnyLocalAddress()) {
            return MachineAddress.find().host();
        }
        return host.contains(":") ? "[" + host + "]" : host;
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
