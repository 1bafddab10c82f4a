package dev.gatehouse.gateway.router;

/**
 * The path sent upstream (Kong's {@code get_upstream_uri_v0} and {@code sanitize_uri_postfix} in
 * {@code kong/router/utils.lua}, then {@code kong.tools.uri.escape}): the service path joined with what is left of
 * the normalised request path once a stripped prefix is removed.
 */
public final class UpstreamPath {

    private UpstreamPath() {}

    /**
     * @param prefix the stripped prefix (null when the route does not strip or has no path)
     * @param reqPath the normalised request path
     * @param servicePath the service's {@code path}, null for none
     */
    public static String of(boolean stripPath, String prefix, String reqPath, String servicePath) {
        String base = servicePath == null ? "/" : servicePath;
        String requestPrefix = prefix == null ? "/" : prefix;
        String postfix =
                sanitize(reqPath.length() >= requestPrefix.length() ? reqPath.substring(requestPrefix.length()) : "");
        return escape(v0(stripPath, postfix, reqPath, base));
    }

    static String sanitize(String postfix) {
        if (postfix.isEmpty()) {
            return postfix;
        }
        if (postfix.equals(".") || postfix.equals("..")) {
            return "";
        }
        if (postfix.startsWith("./")) {
            return postfix.substring(2);
        }
        if (postfix.startsWith("../")) {
            return postfix.substring(3);
        }
        return postfix;
    }

    static String v0(boolean strip, String postfix, String reqUri, String base) {
        if (base.endsWith("/")) {
            if (strip) {
                if (postfix.isEmpty()) {
                    if (base.equals("/")) {
                        return "/";
                    }
                    if (reqUri.endsWith("/")) {
                        return base;
                    }
                    return base.substring(0, base.length() - 1);
                }
                if (postfix.startsWith("/")) {
                    return base.substring(0, base.length() - 1) + postfix;
                }
                return base + postfix;
            }
            return base + reqUri.substring(1);
        }
        if (strip) {
            if (postfix.isEmpty()) {
                if (reqUri.length() > 1 && reqUri.endsWith("/")) {
                    return base + "/";
                }
                return base;
            }
            if (postfix.startsWith("/")) {
                return base + postfix;
            }
            return base + "/" + postfix;
        }
        if (reqUri.equals("/")) {
            return base;
        }
        return base + reqUri;
    }

    /** Kong's {@code escape}: percent-encodes (as UTF-8) every character outside the URI-safe set, keeping {@code %}. */
    public static String escape(String uri) {
        int i = 0;
        while (i < uri.length() && safe(uri.charAt(i))) {
            i++;
        }
        if (i == uri.length()) {
            return uri;
        }
        StringBuilder sb = new StringBuilder(uri.length() + 16).append(uri, 0, i);
        for (; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (safe(c)) {
                sb.append(c);
                continue;
            }
            int end = Character.isHighSurrogate(c) && i + 1 < uri.length() ? i + 2 : i + 1;
            for (byte b : uri.substring(i, end).getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
                sb.append('%')
                        .append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
            }
            i = end - 1;
        }
        return sb.toString();
    }

    private static boolean safe(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || "!#$&'()*+,/:;=?@[]-_.~%".indexOf(c) >= 0;
    }
}
