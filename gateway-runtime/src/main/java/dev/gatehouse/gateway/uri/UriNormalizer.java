package dev.gatehouse.gateway.uri;

import java.util.ArrayList;
import java.util.List;

/**
 * Kong's {@code kong.tools.uri.normalize}: decodes percent-encoded unreserved (and "other") characters,
 * uppercases the remaining triplets, removes dot segments and optionally merges slashes. Used to validate route
 * paths now and by the router later.
 */
public final class UriNormalizer {

    private static final String RESERVED = "!*'();:@&=+$,/?%#[]";

    private UriNormalizer() {}

    public static String normalize(String uri, boolean mergeSlashes) {
        if (uri.isEmpty() || uri.equals("/")) {
            return uri;
        }
        if (uri.indexOf('%') >= 0) {
            uri = decodeUnreserved(uri);
        }
        if (uri.indexOf('.') < 0) {
            if (!mergeSlashes || !uri.contains("//")) {
                return uri;
            }
        }
        List<String> out = new ArrayList<>();
        while (!uri.isEmpty()) {
            if (uri.equals("/.")) {
                uri = "/";
            } else if (uri.equals("/..")) {
                uri = "/";
                if (!out.isEmpty()) {
                    out.remove(out.size() - 1);
                }
            } else if (uri.equals(".") || uri.equals("..")) {
                uri = "";
            } else if (uri.startsWith("../")) {
                uri = uri.substring(3);
            } else if (uri.startsWith("./")) {
                uri = uri.substring(2);
            } else if (uri.startsWith("/./")) {
                uri = uri.substring(2);
            } else if (uri.startsWith("/../")) {
                uri = uri.substring(3);
                if (!out.isEmpty()) {
                    out.remove(out.size() - 1);
                }
            } else if (mergeSlashes && uri.startsWith("//")) {
                uri = uri.substring(1);
            } else {
                int i = uri.indexOf('/', 1);
                if (i >= 0) {
                    out.add(uri.substring(0, i));
                    uri = uri.substring(i);
                } else {
                    out.add(uri);
                    uri = "";
                }
            }
        }
        return String.join("", out);
    }

    private static String decodeUnreserved(String uri) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(uri.length());
        for (int i = 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c == '%' && i + 2 < uri.length() && isHex(uri.charAt(i + 1)) && isHex(uri.charAt(i + 2))) {
                int num = Integer.parseInt(uri.substring(i + 1, i + 3), 16);
                if (num < 0x80 && RESERVED.indexOf((char) num) >= 0) {
                    out.write('%');
                    out.write(Character.toUpperCase(uri.charAt(i + 1)));
                    out.write(Character.toUpperCase(uri.charAt(i + 2)));
                } else {
                    out.write(num);
                }
                i += 2;
            } else {
                int end = Character.isHighSurrogate(c) && i + 1 < uri.length() ? i + 2 : i + 1;
                out.writeBytes(uri.substring(i, end).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                i = end - 1;
            }
        }
        return dev.gatehouse.gateway.json.Utf8Text.decode(out.toByteArray());
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
