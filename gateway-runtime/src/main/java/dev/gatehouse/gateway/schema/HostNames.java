package dev.gatehouse.gateway.schema;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Kong's {@code kong.tools.ip.normalize_ip} and the host validators built on it. */
final class HostNames {

    private static final Pattern IPV4 =
            Pattern.compile("^(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})(?::(\\d+))?$");
    private static final Pattern HOSTNAME_CHARS = Pattern.compile("^[0-9A-Za-z\\-._]+$");
    private static final Pattern PORT_SUFFIX = Pattern.compile(":(\\d+)$");
    private static final Pattern IPV6_GROUPS = Pattern.compile("^([0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}$");

    /** The outcome of normalize_ip: kind is ipv4/ipv6/name; error set when invalid. */
    record Normalized(String kind, Integer port, String error) {}

    private HostNames() {}

    static String kind(String name) {
        long colons = name.chars().filter(c -> c == ':').count();
        if (colons > 1) {
            return "ipv6";
        }
        if (name.replace(":", "").matches("^[\\d.]+$")) {
            return "ipv4";
        }
        return "name";
    }

    static Normalized normalize(String address) {
        String kind = kind(address);
        switch (kind) {
            case "ipv4": {
                Matcher m = IPV4.matcher(address);
                if (!m.matches() || (address.contains(":") && m.group(5) == null)) {
                    return new Normalized(kind, null, "invalid ipv4 address: " + address);
                }
                for (int i = 1; i <= 4; i++) {
                    if (Integer.parseInt(m.group(i)) > 255) {
                        return new Normalized(kind, null, "invalid ipv4 address: " + address);
                    }
                }
                Integer port = null;
                if (m.group(5) != null) {
                    port = parsePort(m.group(5));
                    if (port == null) {
                        return new Normalized(kind, null, "invalid port number");
                    }
                }
                return new Normalized(kind, port, null);
            }
            case "ipv6":
                return normalizeIpv6(address);
            default: {
                String name = address;
                Integer port = null;
                Matcher pm = PORT_SUFFIX.matcher(address);
                if (pm.find()) {
                    name = address.substring(0, address.length() - pm.group(1).length() - 1);
                    port = parsePort(pm.group(1));
                    if (port == null) {
                        return new Normalized(kind, null, "invalid port number");
                    }
                }
                if (!HOSTNAME_CHARS.matcher(name).matches()) {
                    return new Normalized(kind, null, "invalid hostname: " + address);
                }
                String[] segments = name.split("\\.", -1);
                for (int i = 0; i < segments.length; i++) {
                    String seg = segments[i];
                    if (seg.endsWith("-") || (seg.isEmpty() && i != segments.length - 1)) {
                        return new Normalized(kind, null, "invalid hostname: " + address);
                    }
                }
                return new Normalized(kind, port, null);
            }
        }
    }

    private static Integer parsePort(String digits) {
        if (digits.length() > 6) {
            return null;
        }
        int p = Integer.parseInt(digits);
        return p > 65535 ? null : p;
    }

    private static Normalized normalizeIpv6(String address) {
        String check = address;
        Integer port = null;
        if (address.startsWith("[")) {
            int close = address.indexOf(']');
            if (close < 0) {
                return new Normalized("ipv6", null, "invalid ipv6 address: " + address);
            }
            check = address.substring(1, close);
            String rest = address.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.matches("^:\\d*$")) {
                    return new Normalized("ipv6", null, "invalid ipv6 address");
                }
                port = rest.length() > 1 ? parsePort(rest.substring(1)) : null;
                if (rest.length() > 1 && port == null) {
                    return new Normalized("ipv6", null, "invalid port number");
                }
            }
        }
        if (check.startsWith(":")) {
            check = "0" + check;
        }
        if (check.endsWith(":")) {
            check = check + "0";
        }
        if (check.contains("::")) {
            long count = check.chars().filter(c -> c == ':').count();
            String ins = ":" + "0:".repeat((int) Math.max(0, 8 - count));
            check = check.replaceFirst("::", ins);
        }
        if (!IPV6_GROUPS.matcher(check).matches()) {
            return new Normalized("ipv6", null, "invalid ipv6 address: " + address);
        }
        return new Normalized("ipv6", port, null);
    }

    /** typedefs.host: a name or IP without a port. */
    static String validateHost(String host) {
        Normalized n = normalize(host);
        if (n.error() != null && !n.error().equals("invalid port number")) {
            return "invalid value: " + host;
        }
        if ("invalid port number".equals(n.error()) || n.port() != null) {
            return "must not have a port";
        }
        return null;
    }

    /** typedefs.host_with_optional_port. */
    static String validateHostWithOptionalPort(String host) {
        Normalized n = normalize(host);
        return n.error();
    }

    /** typedefs.sni: a name without a port. */
    static String validateSni(String host) {
        Normalized n = normalize(host);
        if (n.error() != null && !n.error().equals("invalid port number")) {
            return "invalid value: " + host;
        }
        if (n.error() == null && !n.kind().equals("name")) {
            return "must not be an IP";
        }
        if ("invalid port number".equals(n.error()) || n.port() != null) {
            return "must not have a port";
        }
        return null;
    }

    /** typedefs.wildcard_host (route SNIs). */
    static String validateWildcardHost(String host) {
        int idx = host.indexOf('*');
        if (idx >= 0) {
            if (idx != 0 && idx != host.length() - 1) {
                return "wildcard must be leftmost or rightmost character";
            }
            if (host.indexOf('*', idx + 1) >= 0) {
                return "only one wildcard must be specified";
            }
            host = host.replace("*", "wildcard");
        }
        Normalized n = normalize(host);
        if (n.error() != null && !n.error().equals("invalid port number")) {
            return "invalid value: " + host;
        }
        if (n.error() == null && !n.kind().equals("name")) {
            return "must not be an IP";
        }
        if ("invalid port number".equals(n.error()) || n.port() != null) {
            return "must not have a port";
        }
        return null;
    }

    static boolean isValidIpOrCidr(String s) {
        String ip = s;
        Integer prefix = null;
        int slash = s.indexOf('/');
        if (slash >= 0) {
            ip = s.substring(0, slash);
            String p = s.substring(slash + 1);
            if (!p.matches("\\d{1,3}")) {
                return false;
            }
            prefix = Integer.parseInt(p);
        }
        if (ip.contains(":")) {
            Normalized n = normalizeIpv6(ip);
            return n.error() == null && !ip.startsWith("[") && (prefix == null || prefix <= 128);
        }
        Matcher m = IPV4.matcher(ip);
        if (!m.matches() || m.group(5) != null) {
            return false;
        }
        for (int i = 1; i <= 4; i++) {
            if (Integer.parseInt(m.group(i)) > 255) {
                return false;
            }
        }
        return prefix == null || prefix <= 32;
    }
}
