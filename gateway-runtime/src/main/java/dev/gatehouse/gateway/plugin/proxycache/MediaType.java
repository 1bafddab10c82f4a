package dev.gatehouse.gateway.plugin.proxycache;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A media type as {@code kong/tools/mime_type.lua}'s {@code parse_mime_type} reads it (type and subtype lower-cased,
 * parameter names lower-cased, quoted values unquoted), and proxy-cache's exact content type match.
 */
record MediaType(String type, String subtype, Map<String, String> params) {

    static MediaType parse(String text) {
        String[] parts = text.split(";");
        String t = parts[0].strip();
        String type;
        String subtype;
        if (t.equals("*")) {
            type = "*";
            subtype = "*";
        } else {
            int slash = t.indexOf('/');
            if (slash <= 0 || slash == t.length() - 1 || t.indexOf(' ') >= 0) {
                return null;
            }
            type = t.substring(0, slash).toLowerCase(Locale.ROOT);
            subtype = t.substring(slash + 1).toLowerCase(Locale.ROOT);
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].strip();
            int eq = p.indexOf('=');
            if (eq <= 0) {
                return null;
            }
            String v = p.substring(eq + 1).strip();
            if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
                v = v.substring(1, v.length() - 1);
            }
            params.put(p.substring(0, eq).strip().toLowerCase(Locale.ROOT), v);
        }
        return new MediaType(type, subtype, params);
    }

    /**
     * handler.lua's {@code cacheable_response} test of one configured type: type and subtype equal (or {@code *}), and
     * the same parameters with the same values: {@code application/json} does not accept
     * {@code application/json; charset=utf-8}.
     */
    boolean accepts(MediaType sent) {
        return (type.equals("*") || type.equals(sent.type()))
                && (subtype.equals("*") || subtype.equals(sent.subtype()))
                && params.equals(sent.params());
    }
}
