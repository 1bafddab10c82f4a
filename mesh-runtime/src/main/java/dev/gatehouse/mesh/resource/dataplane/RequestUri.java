package dev.gatehouse.mesh.resource.dataplane;

/**
 * Whether Go's {@code url.ParseRequestURI} accepts a string, the check Kuma applies to probe paths: an absolute path
 * ({@code /healthz}), {@code *}, or an absolute URI ({@code http://host:port/path}, {@code scheme:opaque}); never
 * empty, never a control character, never a bad {@code %} escape (net/url/url.go {@code parse} with viaRequest).
 */
final class RequestUri {
    private RequestUri() {}

    static boolean parses(String raw) {
        if (raw == null || raw.isEmpty() || raw.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return false;
        }
        if (raw.equals("*")) {
            return true;
        }
        String scheme = "";
        String rest = raw;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
                continue;
            }
            if (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.') {
                if (i == 0) {
                    break;
                }
                continue;
            }
            if (c == ':') {
                if (i == 0) {
                    return false; // missing protocol scheme
                }
                scheme = raw.substring(0, i);
                rest = raw.substring(i + 1);
            }
            break;
        }
        if (rest.endsWith("?") && rest.indexOf('?') == rest.length() - 1) {
            rest = rest.substring(0, rest.length() - 1);
        } else if (rest.indexOf('?') >= 0) {
            rest = rest.substring(0, rest.indexOf('?'));
        }
        if (!rest.startsWith("/")) {
            return !scheme.isEmpty(); // scheme:opaque, or a relative path a request cannot carry
        }
        if (!scheme.isEmpty() && rest.startsWith("//")) {
            String authority = rest.substring(2);
            int slash = authority.indexOf('/');
            rest = slash >= 0 ? authority.substring(slash) : "";
            authority = slash >= 0 ? authority.substring(0, slash) : authority;
            if (!authority(authority)) {
                return false;
            }
        }
        return escapesValid(rest, false);
    }

    private static boolean authority(String authority) {
        int at = authority.lastIndexOf('@');
        if (!host(at < 0 ? authority : authority.substring(at + 1))) {
            return false;
        }
        if (at < 0) {
            return true;
        }
        String userinfo = authority.substring(0, at);
        for (char c : userinfo.toCharArray()) {
            boolean ok = c >= 'a' && c <= 'z'
                    || c >= 'A' && c <= 'Z'
                    || c >= '0' && c <= '9'
                    || "-._:~!$&'()*+,;=%@".indexOf(c) >= 0;
            if (!ok) {
                return false; // net/url: invalid userinfo
            }
        }
        return escapesValid(userinfo, false);
    }

    private static boolean host(String host) {
        if (host.startsWith("[")) {
            int close = host.lastIndexOf(']');
            if (close < 0 || !optionalPort(host.substring(close + 1))) {
                return false;
            }
            int zone = host.substring(0, close).indexOf("%25");
            if (zone >= 0) {
                return escapesValid(host.substring(0, zone), true) && escapesValid(host.substring(close), true);
            }
        } else {
            int colon = host.lastIndexOf(':');
            if (colon >= 0 && !optionalPort(host.substring(colon))) {
                return false;
            }
        }
        return escapesValid(host, true);
    }

    private static boolean optionalPort(String port) {
        return port.isEmpty()
                || port.charAt(0) == ':' && port.substring(1).chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** Go's {@code unescape}: every {@code %} starts two hex digits; a host allows only its own characters. */
    private static boolean escapesValid(String s, boolean host) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length() || hex(s.charAt(i + 1)) < 0 || hex(s.charAt(i + 2)) < 0) {
                    return false;
                }
                if (host && hex(s.charAt(i + 1)) < 8 && !s.startsWith("%25", i)) {
                    return false; // a host escapes only non-ASCII bytes
                }
                i += 2;
            } else if (host && c < 0x80 && !hostCharacter(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean hostCharacter(char c) {
        return c >= 'a' && c <= 'z'
                || c >= 'A' && c <= 'Z'
                || c >= '0' && c <= '9'
                || "!$&'()*+,;=:[]<>\"-_.~".indexOf(c) >= 0;
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}
