package dev.gatehouse.gateway.plugin.proxycache;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code Cache-Control} as Kong's {@code kong/tools/http.lua} reads it: {@code parse_directive_header} (directive
 * names lower-cased; a value that is a number is a number, else its text; no value is {@code true}) and
 * {@code calculate_resource_ttl}.
 */
final class CacheControl {

    private CacheControl() {}

    static Map<String, Object> parse(List<String> values) {
        Map<String, Object> out = new HashMap<>();
        if (values == null || values.isEmpty()) {
            return out;
        }
        for (String part : String.join(", ", values).split(",")) {
            String d = part.stripLeading();
            if (d.isEmpty()) {
                continue;
            }
            int eq = d.indexOf('=');
            String name = (eq < 0 ? d : d.substring(0, eq)).toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            if (eq < 0 || eq == d.length() - 1) {
                out.put(name, Boolean.TRUE);
            } else {
                String v = d.substring(eq + 1);
                Double n = number(v);
                out.put(name, n != null ? (Object) n : v);
            }
        }
        return out;
    }

    /** A directive's numeric value, or null. */
    static Double seconds(Map<String, Object> cc, String name) {
        return cc.get(name) instanceof Double d ? d : null;
    }

    /** {@code calculate_resource_ttl}: {@code s-maxage}, else {@code max-age}, else Expires minus now; at least 0. */
    static long resourceTtl(Map<String, Object> cc, List<String> expires, long nowSeconds) {
        Object maxAge = cc.containsKey("s-maxage") ? cc.get("s-maxage") : cc.get("max-age");
        double ttl;
        if (maxAge instanceof Double d) {
            ttl = d;
        } else if (maxAge == null && expires != null && !expires.isEmpty()) {
            try {
                ttl = ZonedDateTime.parse(expires.getLast(), DateTimeFormatter.RFC_1123_DATE_TIME)
                                .toEpochSecond()
                        - nowSeconds;
            } catch (DateTimeParseException e) {
                return 0;
            }
        } else {
            return 0;
        }
        return (long) Math.max(ttl, 0);
    }

    private static Double number(String v) {
        try {
            return Double.valueOf(v.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
