package dev.gatehouse.gateway.plugin.requesttransformer;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Arguments as nginx's {@code ngx.decode_args} and {@code ngx.encode_args} see them (form bodies and query strings):
 * a name maps to its values in order, a null value being a flag without {@code =} (Lua's {@code true}).
 */
final class FormArgs {

    private FormArgs() {}

    static Map<String, List<String>> decode(String text) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        for (String pair : text.split("&")) {
            int eq = pair.indexOf('=');
            String name = unescape(eq < 0 ? pair : pair.substring(0, eq));
            if (!name.isEmpty()) {
                out.computeIfAbsent(name, k -> new ArrayList<>(1))
                        .add(eq < 0 ? null : unescape(pair.substring(eq + 1)));
            }
        }
        return out;
    }

    static String encode(Map<String, List<String>> args) {
        StringBuilder sb = new StringBuilder();
        args.forEach((name, values) -> {
            for (String v : values) {
                if (!sb.isEmpty()) {
                    sb.append('&');
                }
                sb.append(escape(name));
                if (v != null) {
                    sb.append('=').append(escape(v));
                }
            }
        });
        return sb.toString();
    }

    /** access.lua's {@code append_value}: a string becomes a list with the new value, a flag or nothing just it. */
    static List<String> append(List<String> current, String value) {
        List<String> out = new ArrayList<>();
        if (current != null && !(current.size() == 1 && current.get(0) == null)) {
            out.addAll(current);
        }
        out.add(value);
        return out;
    }

    private static String unescape(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    private static String escape(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
