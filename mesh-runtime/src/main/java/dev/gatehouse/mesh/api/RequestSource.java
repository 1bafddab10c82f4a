package dev.gatehouse.mesh.api;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where a request came from: the peer address, the listener and the headers Kuma's localhost rule looks at.
 *
 * @param tls          it came over the HTTPS listener, whose TLS handshake verified the client's certificate
 * @param host         the Host header, null when absent
 * @param origin       the Origin header, null when absent
 * @param secFetchSite the Sec-Fetch-Site header, null when absent
 * @param proxied      a Forwarded, X-Forwarded-For or X-Real-IP header is present
 */
public record RequestSource(
        InetSocketAddress remote, boolean tls, String host, String origin, String secFetchSite, boolean proxied) {
    private static final Pattern IPV4 =
            Pattern.compile("^(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}$");
    private static final Pattern IPV6 = Pattern.compile("^[0-9a-f:.]*:[0-9a-f:.]*$");

    /** The peer is a loopback address. */
    public boolean loopbackPeer() {
        return remote != null
                && remote.getAddress() != null
                && remote.getAddress().isLoopbackAddress();
    }

    /**
     * Kuma's {@code isDirectLoopbackRequest} (pkg/api-server/authn/localhost.go @v2.14.3), which makes a caller
     * admin: a loopback peer, no proxy headers, a loopback Host, no cross-site fetch, and an Origin (if any) that is
     * the same loopback origin as the Host. A browser on this machine talking to another site cannot pass it, even
     * through DNS rebinding.
     */
    public boolean directLoopback() {
        if (!loopbackPeer() || proxied) {
            return false;
        }
        Authority requested = Authority.parse("http", host);
        if (requested == null || !loopbackHost(requested.host())) {
            return false;
        }
        if (secFetchSite != null
                && !secFetchSite.isEmpty()
                && !secFetchSite.equals("same-origin")
                && !secFetchSite.equals("none")) {
            return false;
        }
        if (origin == null || origin.isEmpty()) {
            return true;
        }
        URI o;
        try {
            o = new URI(origin);
        } catch (URISyntaxException e) {
            return false;
        }
        String scheme = o.getScheme() == null ? "" : o.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")
                || o.getRawAuthority() == null
                || o.getRawUserInfo() != null
                || !(o.getRawPath() == null || o.getRawPath().isEmpty())
                || o.getRawQuery() != null
                || o.getRawFragment() != null) {
            return false;
        }
        Authority from = Authority.parse(scheme, o.getRawAuthority());
        Authority to = Authority.parse(scheme, host);
        return from != null && to != null && loopbackHost(from.host()) && from.equals(to);
    }

    private static boolean loopbackHost(String host) {
        if (host.equals("localhost")) {
            return true;
        }
        InetAddress ip = ipLiteral(host);
        return ip != null && ip.isLoopbackAddress();
    }

    /** The address an IP literal names, or null for anything else (names are never resolved here). */
    private static InetAddress ipLiteral(String host) {
        if (!IPV4.matcher(host).matches() && !IPV6.matcher(host).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(host); // a literal: no lookup
        } catch (java.net.UnknownHostException e) {
            return null;
        }
    }

    /** A host (lower case, without brackets or trailing dot) and a port (the scheme's default when absent). */
    private record Authority(String host, int port) {
        static Authority parse(String scheme, String authority) {
            if (authority == null || authority.isEmpty() || authority.endsWith(":")) {
                return null;
            }
            URI u;
            try {
                u = new URI(scheme + "://" + authority);
            } catch (URISyntaxException e) {
                return null;
            }
            if (u.getHost() == null
                    || u.getRawUserInfo() != null
                    || !(u.getRawPath() == null || u.getRawPath().isEmpty())
                    || u.getRawQuery() != null
                    || u.getRawFragment() != null) {
                return null;
            }
            int port = u.getPort() >= 0 ? u.getPort() : scheme.equals("https") ? 443 : 80;
            if (port < 1 || port > 65535) {
                return null;
            }
            String host = u.getHost().toLowerCase(Locale.ROOT);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            if (host.endsWith(".")) {
                host = host.substring(0, host.length() - 1);
            }
            InetAddress ip = ipLiteral(host);
            if (ip != null) {
                host = ip.getHostAddress(); // canonical text, as Go's ip.String()
            } else if (host.contains(":")) {
                return null;
            }
            return host.isEmpty() ? null : new Authority(host, port);
        }
    }
}
