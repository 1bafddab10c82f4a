package dev.gatehouse.gateway.entity;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** LuaSocket's {@code socket.url.parse}, which Kong uses to expand a service's {@code url} shorthand. */
record SocketUrl(String scheme, String host, String port, String path) {

    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z0-9][A-Za-z0-9+\\-.]*):");
    private static final Pattern AUTHORITY = Pattern.compile("^//([^/]*)");

    /** Null for an empty string (LuaSocket returns nil, "invalid url"). */
    static SocketUrl parse(String url) {
        if (url == null || url.isEmpty()) {
            return null;
        }
        int hash = url.indexOf('#');
        if (hash >= 0) {
            url = url.substring(0, hash);
        }
        String scheme = null;
        Matcher m = SCHEME.matcher(url);
        if (m.find()) {
            scheme = m.group(1);
            url = url.substring(m.end());
        }
        String authority = null;
        m = AUTHORITY.matcher(url);
        if (m.find()) {
            authority = m.group(1);
            url = url.substring(m.end());
        }
        int q = url.indexOf('?');
        if (q >= 0) {
            url = url.substring(0, q);
        }
        int semi = url.indexOf(';');
        if (semi >= 0) {
            url = url.substring(0, semi);
        }
        String path = url.isEmpty() ? null : url;
        if (authority == null) {
            return new SocketUrl(scheme, null, null, path);
        }
        int at = authority.indexOf('@');
        if (at >= 0) {
            authority = authority.substring(at + 1);
        }
        String port = null;
        Matcher pm = Pattern.compile(":([^:\\]]*)$").matcher(authority);
        if (pm.find()) {
            port = pm.group(1);
            authority = authority.substring(0, pm.start());
        }
        String host = null;
        if (!authority.isEmpty()) {
            Matcher bracket = Pattern.compile("^\\[(.+)]$").matcher(authority);
            host = bracket.matches() ? bracket.group(1) : authority;
        }
        return new SocketUrl(scheme, host, port, path);
    }
}
