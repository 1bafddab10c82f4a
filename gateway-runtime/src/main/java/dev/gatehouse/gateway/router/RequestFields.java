package dev.gatehouse.gateway.router;

import dev.gatehouse.gateway.expression.AtcValue;
import dev.gatehouse.gateway.expression.FieldValues;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A request's values of the router expression fields, as Kong's {@code kong/router/fields.lua} reads them, worked
 * out when first asked for: headers by name lower-cased with {@code _} for {@code -}, query arguments decoded (a
 * name without a value is {@code ""}), path segments without the leading slash and trailing empty segments, and
 * {@code net.dst.port} from the Host header when it has a port.
 */
final class RequestFields implements FieldValues {

    private final RouteRequest request;
    private final Map<String, List<AtcValue>> cache = new HashMap<>();
    private List<String> segments;

    RequestFields(RouteRequest request) {
        this.request = request;
    }

    @Override
    public List<AtcValue> valuesOf(String field) {
        if (cache.containsKey(field)) {
            return cache.get(field);
        }
        List<AtcValue> v = compute(field);
        cache.put(field, v);
        return v;
    }

    private List<AtcValue> compute(String field) {
        switch (field) {
            case "net.protocol" -> {
                return str(request.scheme());
            }
            case "tls.sni" -> {
                return str(request.sni());
            }
            case "http.method" -> {
                return str(request.method());
            }
            case "http.host" -> {
                return str(request.rawHost());
            }
            case "http.path" -> {
                return str(request.path());
            }
            case "http.path.segments.len" -> {
                return List.of(new AtcValue.Int(segments().size()));
            }
            case "net.dst.port" -> {
                return List.of(new AtcValue.Int(request.port()));
            }
            case "net.src.ip" -> {
                return ip(address(true));
            }
            case "net.src.port" -> {
                InetSocketAddress a = address(true);
                return a == null ? null : List.of(new AtcValue.Int(a.getPort()));
            }
            case "net.dst.ip" -> {
                return ip(address(false));
            }
            default -> {
                if (field.startsWith("http.headers.")) {
                    String name = field.substring("http.headers.".length()).toLowerCase(Locale.ROOT);
                    return strings(request.rawHeader(RouteRequest.normalize(name)));
                }
                if (field.startsWith("http.queries.")) {
                    return query(field.substring("http.queries.".length()));
                }
                if (field.startsWith("http.path.segments.")) {
                    return str(segment(field.substring("http.path.segments.".length())));
                }
                return null;
            }
        }
    }

    private List<AtcValue> query(String name) {
        RouteRequest.Connection c = request.connection();
        List<String> values = c == null ? null : c.queryArgs().get(name);
        if (values == null) {
            return null;
        }
        List<AtcValue> out = new ArrayList<>(values.size());
        values.forEach(v -> out.add(new AtcValue.Str(v == null ? "" : v)));
        return out;
    }

    private List<String> segments() {
        if (segments == null) {
            String p = request.path();
            List<String> s =
                    new ArrayList<>(List.of(p.substring(Math.min(1, p.length())).split("/", -1)));
            while (!s.isEmpty() && s.get(s.size() - 1).isEmpty()) {
                s.remove(s.size() - 1);
            }
            segments = s;
        }
        return segments;
    }

    /** {@code N} is the (N+1)th segment; {@code A_B} joins segments A to B with slashes, when both exist and A < B. */
    private String segment(String range) {
        List<String> s = segments();
        int underscore = range.indexOf('_');
        try {
            if (underscore < 0) {
                int n = Integer.parseInt(range);
                return n >= 0 && n < s.size() ? s.get(n) : null;
            }
            int from = Integer.parseInt(range.substring(0, underscore));
            int to = Integer.parseInt(range.substring(underscore + 1));
            int last = s.size() - 1;
            if (from < 0 || from >= to || from > last || to > last) {
                return null;
            }
            return String.join("/", s.subList(from, to + 1));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private InetSocketAddress address(boolean remote) {
        RouteRequest.Connection c = request.connection();
        if (c == null) {
            return null;
        }
        return remote ? c.remoteAddress() : c.localAddress();
    }

    private static List<AtcValue> ip(InetSocketAddress a) {
        InetAddress address = a == null ? null : a.getAddress();
        return address == null ? null : List.of(new AtcValue.Ip(address));
    }

    private static List<AtcValue> str(String s) {
        return s == null ? null : List.of(new AtcValue.Str(s));
    }

    private static List<AtcValue> strings(List<String> values) {
        if (values == null) {
            return null;
        }
        List<AtcValue> out = new ArrayList<>(values.size());
        values.forEach(v -> out.add(new AtcValue.Str(v)));
        return out;
    }
}
