package dev.gatehouse.mesh;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/** Addresses of this machine for tests that must call the API from somewhere other than loopback. */
public final class LocalAddresses {
    private LocalAddresses() {}

    /** A non-loopback address of this machine (IPv4 first): a connection from it to itself is not a loopback one. */
    public static InetAddress nonLoopback() throws IOException {
        List<InetAddress> found = new ArrayList<>();
        for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (ni.isUp() && !ni.isLoopback()) {
                for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                    if (!a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
                        found.add(a);
                    }
                }
            }
        }
        found.sort((a, b) -> Boolean.compare(!(a instanceof Inet4Address), !(b instanceof Inet4Address)));
        Assumptions.assumeFalse(found.isEmpty(), "this machine has no non-loopback address");
        return found.get(0);
    }

    /** {@code http://host:port}, with brackets for IPv6. */
    public static URI http(InetAddress host, int port) {
        String h = host.getHostAddress().replaceAll("%.*", "");
        return URI.create("http://" + (h.contains(":") ? "[" + h + "]" : h) + ":" + port);
    }
}
