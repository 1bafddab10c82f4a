package dev.gatehouse.app.traffic.remote;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The address a collector listening on every interface gives remote senders: this machine's address on an interface
 * that is up, chosen over {@code InetAddress.getLocalHost()}, which is often the loopback ({@code 127.0.1.1} on Debian
 * and Ubuntu, {@code 127.0.0.1} in containers) or a name other hosts cannot resolve.
 *
 * @param address   the address senders are told
 * @param siteLocal true for a private (RFC 1918) address, the kind a gateway on the same network reaches; false for
 *                  the fall-backs: another non-loopback address, or the loopback when the machine has nothing else
 */
public record MachineAddress(InetAddress address, boolean siteLocal) {

    /** One address of one interface that is up. */
    public record Candidate(String interfaceName, InetAddress address) {}

    /** Interface names of container and VM bridges: site-local, but only this machine's guests reach them. */
    private static final List<String> BRIDGES = List.of("docker", "br-", "veth", "virbr", "vmnet", "vboxnet", "cni");

    /** This machine's choice, from its interfaces as they are now. */
    public static MachineAddress find() {
        return choose(candidates());
    }

    /**
     * The best of {@code candidates}: an IPv4 site-local address (one not on a container or VM bridge first), else
     * another IPv4 address that is neither loopback nor link-local, else such an IPv6 address, else the loopback.
     * Ties go to the earlier candidate (interface order).
     */
    public static MachineAddress choose(List<Candidate> candidates) {
        return candidates.stream()
                .filter(c -> rank(c) < 5)
                .min(Comparator.comparingInt(MachineAddress::rank))
                .map(c -> new MachineAddress(c.address(), c.address().isSiteLocalAddress()))
                .orElseGet(() -> new MachineAddress(InetAddress.getLoopbackAddress(), false));
    }

    private static int rank(Candidate c) {
        InetAddress a = c.address();
        if (a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress() || a.isMulticastAddress()) {
            return 5;
        }
        boolean v4 = a instanceof Inet4Address;
        if (v4 && a.isSiteLocalAddress()) {
            return bridge(c.interfaceName()) ? 1 : 0;
        }
        return v4 ? 2 : 3;
    }

    private static boolean bridge(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return BRIDGES.stream().anyMatch(n::startsWith);
    }

    /** The addresses of the interfaces that are up, in the system's order; none when they cannot be listed. */
    public static List<Candidate> candidates() {
        List<Candidate> found = new ArrayList<>();
        try {
            for (NetworkInterface n : NetworkInterface.networkInterfaces().toList()) {
                if (n.isUp() && !n.isLoopback()) {
                    n.inetAddresses().forEach(a -> found.add(new Candidate(n.getName(), a)));
                }
            }
        } catch (SocketException e) {
            // no interface list: the loopback below is all that can be said
        }
        return found;
    }

    /** The address as a URL or {@code host:port} host: IPv6 in brackets, without a scope. */
    public String host() {
        String h = address.getHostAddress();
        int scope = h.indexOf('%');
        h = scope < 0 ? h : h.substring(0, scope);
        return h.contains(":") ? "[" + h + "]" : h;
    }
}
