package dev.gatehouse.gateway.router;

import java.util.Locale;

/**
 * One entry of a route's {@code hosts}: exact, {@code *.suffix} or {@code prefix.*}, optionally with a port that must
 * equal the request's destination port (Kong's {@code transform.lua}: {@code http.host == / =^ / ^=} and
 * {@code net.dst.port ==}).
 */
record HostPattern(Kind kind, String value, int port) {

    enum Kind {
        EXACT,
        SUFFIX,
        PREFIX
    }

    static HostPattern parse(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        int port = -1;
        int colon = h.lastIndexOf(':');
        if (colon > h.lastIndexOf(']') && colon >= 0) {
            try {
                port = Integer.parseInt(h.substring(colon + 1));
                h = h.substring(0, colon);
            } catch (NumberFormatException e) {
                port = -1;
            }
        }
        if (h.startsWith("*")) {
            return new HostPattern(Kind.SUFFIX, h.substring(1), port); // "*.example.com" -> ".example.com"
        }
        if (h.endsWith("*")) {
            return new HostPattern(Kind.PREFIX, h.substring(0, h.length() - 1), port); // "example.*" -> "example."
        }
        return new HostPattern(Kind.EXACT, h, port);
    }

    boolean matches(String host, int requestPort) {
        if (host == null) {
            return false;
        }
        if (port >= 0 && port != requestPort) {
            return false;
        }
        return switch (kind) {
            case EXACT -> host.equals(value);
            case SUFFIX -> host.endsWith(value);
            case PREFIX -> host.startsWith(value);
        };
    }
}
