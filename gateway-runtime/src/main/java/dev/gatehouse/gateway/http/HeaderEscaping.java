package dev.gatehouse.gateway.http;

import java.nio.charset.StandardCharsets;

/**
 * How OpenResty writes a header that Lua code sets ({@code ngx.req.set_header}, {@code ngx.header}, and so Kong's
 * {@code kong.service.request.set_header} and {@code kong.response.set_header}): bytes a header may not hold are
 * percent-escaped, never refused ({@code ngx_http_lua_copy_escaped_header} and the {@code header_name} /
 * {@code header_value} maps of {@code ngx_http_lua_escape_uri} in lua-nginx-module's {@code src/ngx_http_lua_util.c},
 * since v0.10.16). A consumer named {@code "a\r\nX-Consumer-Groups: admin"} thus reaches the upstream as one header,
 * {@code X-Consumer-Username: a%0D%0AX-Consumer-Groups: admin}.
 */
public final class HeaderEscaping {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private HeaderEscaping() {}

    /** The value with control characters other than HTAB, and DEL, escaped as {@code %XX}. */
    public static String value(String value) {
        int len = value.length();
        int i = 0;
        while (i < len && !escapesInValue(value.charAt(i))) {
            i++;
        }
        return i == len ? value : escape(value, i, false);
    }

    /**
     * The name with space, the separators {@code "(),/:;?<=>@[\]{}}, control characters and bytes from 0x7F
     * escaped as {@code %XX} (non-ASCII characters as their UTF-8 bytes).
     */
    public static String name(String name) {
        int len = name.length();
        int i = 0;
        while (i < len && !escapesInName(name.charAt(i))) {
            i++;
        }
        return i == len ? name : escape(name, i, true);
    }

    private static boolean escapesInValue(char c) {
        return (c < 0x20 && c != '\t') || c == 0x7f;
    }

    private static boolean escapesInName(char c) {
        return c <= 0x20 || c >= 0x7f || "\"(),/:;?<=>@[\\]{}".indexOf(c) >= 0;
    }

    private static String escape(String s, int from, boolean name) {
        StringBuilder sb = new StringBuilder(s.length() + 8).append(s, 0, from);
        if (name) {
            for (byte b : s.substring(from).getBytes(StandardCharsets.UTF_8)) {
                char c = (char) (b & 0xff);
                appendEscaped(sb, c, escapesInName(c));
            }
        } else {
            for (int i = from, len = s.length(); i < len; i++) {
                char c = s.charAt(i);
                appendEscaped(sb, c, escapesInValue(c)); // only ASCII characters escape in a value
            }
        }
        return sb.toString();
    }

    private static void appendEscaped(StringBuilder sb, char c, boolean escape) {
        if (escape) {
            sb.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
        } else {
            sb.append(c);
        }
    }
}
