package dev.gatehouse.gateway.plugin.basicauth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A username and password read from an {@code Authorization} or {@code Proxy-Authorization} value as basic-auth's
 * {@code retrieve_credentials} does ({@code kong/plugins/basic-auth/access.lua}): the first
 * {@code \s*[Bb]asic\s*(.+)}, Base64-decoded, split by {@code ([^:]+):(.*)} (so a password may contain colons).
 */
record BasicCredentials(String username, String password) {

    private static final Pattern SCHEME = Pattern.compile("\\s*[Bb]asic\\s*(.+)");
    private static final Pattern PARTS = Pattern.compile("([^:]+):(.*)");

    /** The credentials, or null when the value is absent or not in that format. */
    static BasicCredentials parse(String header) {
        if (header == null) {
            return null;
        }
        Matcher m = SCHEME.matcher(header);
        if (!m.find()) {
            return null;
        }
        String decoded = decode(m.group(1));
        if (decoded == null) {
            return null;
        }
        Matcher parts = PARTS.matcher(decoded);
        return parts.find() ? new BasicCredentials(parts.group(1), parts.group(2)) : null;
    }

    /** nginx's {@code ngx.decode_base64}: null for invalid input; padding may be left out. */
    private static String decode(String encoded) {
        String s = encoded;
        if (s.length() % 4 == 1) {
            return null;
        }
        if (s.length() % 4 != 0 && !s.endsWith("=")) {
            s = s + "=".repeat(4 - s.length() % 4);
        }
        try {
            return new String(Base64.getDecoder().decode(s), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
