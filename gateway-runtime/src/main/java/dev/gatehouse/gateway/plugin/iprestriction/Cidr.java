package dev.gatehouse.gateway.plugin.iprestriction;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** One IP or CIDR range of an allow or deny list, matched on raw address bytes (as resty.ipmatcher does). */
record Cidr(byte[] network, int prefix) {

    /**
     * Parses an entry the schema accepted ({@code typedefs.ip_or_cidr}); a bare address is a /32 or /128. Only IP
     * literals reach here, so {@link InetAddress#getByName} never resolves a name.
     */
    static Cidr parse(String entry) {
        int slash = entry.indexOf('/');
        String ip = slash < 0 ? entry : entry.substring(0, slash);
        byte[] bytes = address(ip);
        if (bytes == null) {
            throw new IllegalArgumentException("invalid ip or cidr range: '" + entry + "'");
        }
        int prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(entry.substring(slash + 1));
        return new Cidr(bytes, prefix);
    }

    /** The address bytes of an IP literal (IPv4-mapped IPv6 addresses become IPv4), or null when it is not one. */
    static byte[] address(String ip) {
        if (ip == null || ip.isEmpty() || !(ip.contains(":") || ip.matches("[0-9.]+"))) {
            return null; // never let a host name reach the resolver
        }
        try {
            return InetAddress.getByName(ip).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        int whole = prefix / 8;
        for (int i = 0; i < whole; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (address[whole] & mask) == (network[whole] & mask);
    }
}
