package dev.gatehouse.gateway.declarative;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.gatehouse.gateway.uri.UriNormalizer;
import java.util.regex.Pattern;

/**
 * Upgrades {@code _format_version} 1.1 and 2.1 files to 3.0 the way Kong does on load
 * ({@code kong/db/declarative/migrations/route_path.lua} with {@code migrate_path_280_300.lua}): a route path
 * that looks like a plain path is normalised, anything else is a regex and gets the {@code ~} prefix.
 */
final class FormatMigration {

    private static final Pattern PLAIN = Pattern.compile("^[a-zA-Z0-9.\\-_~/%]*$");
    private static final String RESERVED = "!#$%&'()*+,/:;=?@[]";

    private FormatMigration() {}

    static void migrate(ObjectNode config) {
        JsonNode version = config.get("_format_version");
        if (version == null
                || !version.isTextual()
                || !(version.textValue().equals("1.1") || version.textValue().equals("2.1"))) {
            return;
        }
        migrateRoutes(config.get("routes"));
        JsonNode services = config.get("services");
        if (services != null && services.isArray()) {
            for (JsonNode s : services) {
                if (s.isObject()) {
                    migrateRoutes(s.get("routes"));
                }
            }
        }
        config.put("_format_version", "3.0");
    }

    private static void migrateRoutes(JsonNode routes) {
        if (routes == null || !routes.isArray()) {
            return;
        }
        for (JsonNode r : routes) {
            JsonNode paths = r.isObject() ? r.get("paths") : null;
            if (paths == null || !paths.isArray()) {
                continue;
            }
            ArrayNode arr = (ArrayNode) paths;
            for (int i = 0; i < arr.size(); i++) {
                if (arr.get(i).isTextual()) {
                    arr.set(i, TextNode.valueOf(migratePath(arr.get(i).textValue())));
                }
            }
        }
    }

    static String migratePath(String path) {
        if (PLAIN.matcher(path).matches()) {
            return UriNormalizer.normalize(path, true);
        }
        return "~" + normalizeRegex(path);
    }

    /** Decodes percent-encoded characters of an old regex path, escaping regex metacharacters. */
    private static String normalizeRegex(String regex) {
        if (regex.indexOf('%') < 0) {
            return regex;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '%' && i + 2 < regex.length() && isHex(regex.charAt(i + 1)) && isHex(regex.charAt(i + 2))) {
                int num = Integer.parseInt(regex.substring(i + 1, i + 3), 16);
                char d = (char) num;
                if (RESERVED.indexOf(d) >= 0) {
                    sb.append(regex, i, i + 3).setLength(sb.length());
                    sb.replace(
                            sb.length() - 3,
                            sb.length(),
                            regex.substring(i, i + 3).toUpperCase(java.util.Locale.ROOT));
                } else if (".^-{}\\|".indexOf(d) >= 0) {
                    sb.append('\\').append(d);
                } else {
                    sb.append(d);
                }
                i += 2;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }
}
