package dev.gatehouse.gateway.router;

import dev.gatehouse.gateway.expression.Expression;
import dev.gatehouse.gateway.expression.MatchResult;
import dev.gatehouse.gateway.proxy.ProxyRoute;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One ATC route of Kong's {@code traditional_compatible} flavor (a route, or one path group of a route split by
 * {@code split_routes_and_services_by_path}): every configured field must match, any value within a field.
 */
final class MatchRule {

    final String id;
    final ProxyRoute route;
    final long priority;
    final String[] methods;
    final long methodMask;
    final HostPattern[] hosts;
    final boolean hostPorts;
    final String[] prefixes;
    final Pattern[] regexes;
    final HeaderRule[] headers;
    final HostPattern[] snis;
    /** The {@code expressions} flavor's sources and destinations of an HTTP route, as an expression; or null. */
    Expression netFilter;

    int rank;

    MatchRule(
            String id,
            ProxyRoute route,
            long priority,
            String[] methods,
            HostPattern[] hosts,
            String[] prefixes,
            Pattern[] regexes,
            HeaderRule[] headers,
            HostPattern[] snis) {
        this.id = id;
        this.route = route;
        this.priority = priority;
        this.methods = methods;
        long mask = 0;
        if (methods != null) {
            for (String m : methods) {
                mask |= RouteRequest.methodBit(m);
            }
        }
        this.methodMask = mask;
        this.hosts = hosts;
        boolean ports = false;
        if (hosts != null) {
            for (HostPattern h : hosts) {
                ports |= h.port() >= 0;
            }
        }
        this.hostPorts = ports;
        this.prefixes = prefixes;
        this.regexes = regexes;
        this.headers = headers;
        this.snis = snis;
    }

    boolean hasPaths() {
        return prefixes.length > 0 || regexes.length > 0;
    }

    /** The match, or null when a field does not match (a full check, as for a rule found by scanning). */
    RouteMatch match(RouteRequest r) {
        if (hosts != null && !anyHost(hosts, r.host(), r.port())) {
            return null;
        }
        return match(r, -1, true);
    }

    /**
     * The match of a rule found through the index: its host bucket already matched the request's host name (only
     * ports remain to check), and a non-negative {@code prefixLength} says which plain prefix matched.
     */
    RouteMatch match(RouteRequest r, int prefixLength) {
        return match(r, prefixLength, false);
    }

    private RouteMatch match(RouteRequest r, int prefixLength, boolean hostChecked) {
        if (methods != null) {
            long bit = r.methodBit();
            if (bit != 0 ? (methodMask & bit) == 0 : !contains(methods, r.method())) {
                return null;
            }
        }
        if (!hostChecked && hostPorts && !anyHost(hosts, r.host(), r.port())) {
            return null;
        }
        if (snis != null && "https".equals(r.scheme()) && !anyHost(snis, r.sni(), -1)) {
            return null;
        }
        if (headers != null) {
            for (HeaderRule h : headers) {
                if (!h.matches(r)) {
                    return null;
                }
            }
        }
        if (netFilter != null && !netFilter.test(new RequestFields(r), new MatchResult())) {
            return null;
        }
        if (!hasPaths()) {
            return new RouteMatch(route, null, null);
        }
        String path = r.path();
        if (prefixLength >= 0 && prefixes.length == 1) {
            return new RouteMatch(route, prefixes[0], null); // the index walked exactly this prefix
        }
        for (String p : prefixes) {
            if (path.startsWith(p)) {
                return new RouteMatch(route, p, null);
            }
        }
        for (Pattern p : regexes) {
            Matcher m = p.matcher(path);
            if (m.lookingAt()) {
                return new RouteMatch(route, m.group(), captures(m));
            }
        }
        return null;
    }

    private static Map<String, String> captures(Matcher m) {
        if (m.groupCount() == 0) {
            return null;
        }
        Map<String, String> c = new LinkedHashMap<>();
        for (int i = 0; i <= m.groupCount(); i++) {
            if (m.group(i) != null) {
                c.put(Integer.toString(i), m.group(i));
            }
        }
        for (String name : m.namedGroups().keySet()) {
            if (m.group(name) != null) {
                c.put(name, m.group(name));
            }
        }
        return c;
    }

    private static boolean contains(String[] values, String v) {
        for (String s : values) {
            if (s.equals(v)) {
                return true;
            }
        }
        return false;
    }

    private static boolean anyHost(HostPattern[] patterns, String host, int port) {
        for (HostPattern p : patterns) {
            if (p.matches(host, port)) {
                return true;
            }
        }
        return false;
    }

    /** Descending priority (unsigned), then descending id. */
    static int compare(MatchRule a, MatchRule b) {
        int c = Long.compareUnsigned(b.priority, a.priority);
        return c != 0 ? c : b.id.compareTo(a.id);
    }
}
