package dev.gatehouse.app.traffic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Masks credentials in a log entry before anything shows or keeps it: Authorization and Proxy-Authorization,
 * cookies, and any header or query parameter whose name says it is a key, a token, a secret or a password (key-auth's
 * default {@code apikey} included). Kong itself only redacts the two authorization headers in its serializer.
 */
public final class CredentialMask {

    /** What a masked value reads as. */
    public static final String MASK = "\u2022\u2022\u2022\u2022\u2022\u2022";

    private static final Set<String> EXACT = Set.of("authorization", "proxy-authorization", "cookie", "set-cookie");
    private static final String[] PARTS = {"key", "token", "secret", "password", "passwd", "signature", "credential"};

    private CredentialMask() {}

    /** True when a header or parameter of this name carries a credential. */
    public static boolean sensitive(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (EXACT.contains(n)) {
            return true;
        }
        for (String part : PARTS) {
            if (n.contains(part)) {
                return true;
            }
        }
        return false;
    }

    /** Masks, in place, the values of sensitive names in {@code headersOrQuery} (an object of name → value(s)). */
    public static void maskValues(JsonNode headersOrQuery) {
        if (!(headersOrQuery instanceof ObjectNode o)) {
            return;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = o.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            if (sensitive(f.getKey())) {
                f.setValue(masked(f.getValue()));
            }
        }
    }

    /** A path or URI with the values of sensitive query parameters masked. */
    public static String maskQuery(String uri) {
        if (uri == null) {
            return "";
        }
        int q = uri.indexOf('?');
        if (q < 0) {
            return uri;
        }
        StringBuilder out = new StringBuilder(uri.length()).append(uri, 0, q + 1);
        String[] pairs = uri.substring(q + 1).split("&", -1);
        for (int i = 0; i < pairs.length; i++) {
            if (i > 0) {
                out.append('&');
            }
            String pair = pairs[i];
            int eq = pair.indexOf('=');
            if (eq > 0 && sensitive(pair.substring(0, eq))) {
                out.append(pair, 0, eq + 1).append(MASK);
            } else {
                out.append(pair);
            }
        }
        return out.toString();
    }

    private static JsonNode masked(JsonNode value) {
        if (value instanceof ArrayNode a) {
            ArrayNode out = a.arrayNode();
            a.forEach(v -> out.add(MASK));
            return out;
        }
        if (value.isBoolean()) {
            return value; // a query flag without a value ("?apikey") carries nothing
        }
        return TextNode.valueOf(MASK);
    }
}
