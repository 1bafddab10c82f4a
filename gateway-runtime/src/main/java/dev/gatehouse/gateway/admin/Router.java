package dev.gatehouse.gateway.admin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Path-template routing for the Admin API ({@code /services/:services/routes}). Literal segments win over
 * parameters, so {@code /plugins/enabled} beats {@code /plugins/:plugins} as in Kong.
 */
final class Router {

    /** Handles one method of one endpoint. */
    @FunctionalInterface
    interface Handler {
        AdminResponse handle(Call call);
    }

    /** A registered path template with its method handlers. */
    static final class Endpoint {
        final String template;
        final String[] segments;
        final Map<String, Handler> methods = new LinkedHashMap<>();

        Endpoint(String template) {
            this.template = template;
            this.segments = split(template);
        }

        /** Kong's {@code Allow}: the defined methods plus HEAD (with GET) and OPTIONS, sorted. */
        String allow() {
            TreeSet<String> all = new TreeSet<>(methods.keySet());
            if (all.contains("GET")) {
                all.add("HEAD");
            }
            all.add("OPTIONS");
            return String.join(", ", all);
        }

        int literals() {
            int n = 0;
            for (String s : segments) {
                if (!s.startsWith(":")) {
                    n++;
                }
            }
            return n;
        }
    }

    /** A matched endpoint with its path parameters (percent-decoded). */
    record Match(Endpoint endpoint, Map<String, String> params) {}

    private final Map<String, Endpoint> endpoints = new LinkedHashMap<>();

    Endpoint endpoint(String template) {
        return endpoints.computeIfAbsent(template, Endpoint::new);
    }

    void add(String template, String method, Handler h) {
        endpoint(template).methods.put(method, h);
    }

    /** Sets a handler only where none exists (generated endpoints do not replace custom ones). */
    void addDefault(String template, String method, Handler h) {
        endpoint(template).methods.putIfAbsent(method, h);
    }

    Handler get(String template, String method) {
        Endpoint e = endpoints.get(template);
        return e == null ? null : e.methods.get(method);
    }

    List<String> templates() {
        return new ArrayList<>(endpoints.keySet());
    }

    /** Matches a raw path; a trailing slash is tolerated (Kong's default_route). */
    Match match(String rawPath) {
        Match m = matchExact(rawPath);
        if (m == null && rawPath.length() > 1 && rawPath.endsWith("/")) {
            m = matchExact(rawPath.substring(0, rawPath.length() - 1));
        }
        return m;
    }

    private Match matchExact(String rawPath) {
        String[] parts = split(rawPath);
        Match best = null;
        int bestLiterals = -1;
        for (Endpoint e : endpoints.values()) {
            if (e.segments.length != parts.length) {
                continue;
            }
            Map<String, String> params = new LinkedHashMap<>();
            boolean ok = true;
            for (int i = 0; i < parts.length && ok; i++) {
                String seg = e.segments[i];
                if (seg.startsWith(":")) {
                    if (parts[i].isEmpty()) {
                        ok = false;
                    } else {
                        params.put(seg.substring(1), PercentDecoding.decode(parts[i]));
                    }
                } else if (!seg.equals(parts[i])) {
                    ok = false;
                }
            }
            if (ok && e.literals() > bestLiterals) {
                best = new Match(e, params);
                bestLiterals = e.literals();
            }
        }
        return best;
    }

    private static String[] split(String path) {
        if (path.equals("/")) {
            return new String[0];
        }
        String p = path.startsWith("/") ? path.substring(1) : path;
        return p.split("/", -1);
    }
}
