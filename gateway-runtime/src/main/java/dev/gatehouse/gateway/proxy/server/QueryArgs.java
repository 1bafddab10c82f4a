package dev.gatehouse.gateway.proxy.server;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Query strings as nginx's {@code ngx.decode_args}/{@code ngx.encode_args} treat them: {@code +} is a space, a name
 * without {@code =} is a flag (Kong's {@code true}, kept here as a null value), repeated names keep their values in
 * order.
 */
final class QueryArgs {

    private QueryArgs() {}

    static Map<String, List<String>> parse(String query) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return out;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            if (name.isEmpty()) {
                continue;
            }
            String value = eq < 0 ? null : decode(pair.substring(eq + 1));
            out.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
        }
        return out;
    }

    static String encode(Map<String, List<String>> args) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, List<String>> e : args.entrySet()) {
            for (String v : e.getValue()) {
                if (sb.length() > 0) {
                    sb.append('&');
                }
                sb.append(encodeComponent(e.getKey()));
                if (v != null) {
                    sb.append('=').append(encodeComponent(v));
                }
            }
        }
        return sb.toString();
    }

    /** Kong's shape for logs: a string, a list when repeated, {@code true} for a flag. */
    static Map<String, Object> kongShape(Map<String, List<String>> args) {
        Map<String, Object> out = new LinkedHashMap<>();
        args.forEach((k, v) -> {
            if (v.size() == 1) {
                out.put(k, v.get(0) == null ? Boolean.TRUE : v.get(0));
            } else {
                List<String> vs = new ArrayList<>();
                v.forEach(x -> vs.add(x == null ? "" : x));
                out.put(k, vs);
            }
        });
        return out;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s; // a malformed escape stays as sent, like ngx.unescape_uri
        }
    }

    private static String encodeComponent(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
