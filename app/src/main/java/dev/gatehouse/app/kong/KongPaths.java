package dev.gatehouse.app.kong;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Admin API paths, with ids and names percent-encoded the way Kong decodes them. */
public final class KongPaths {

    private KongPaths() {
    }

    public static String collection(KongEntity entity) {
        return "/" + entity.path();
    }

    /** {@code /routes/{id-or-name}}. */
    public static String entity(KongEntity entity, String idOrKey) {
        return collection(entity) + "/" + segment(idOrKey);
    }

    /** {@code /services/{s}/routes}, {@code /consumers/{c}/key-auth}, {@code /routes/{r}/plugins}. */
    public static String nested(KongEntity parent, String parentIdOrKey, String child) {
        return entity(parent, parentIdOrKey) + "/" + child;
    }

    /** One path segment, percent-encoded (spaces as %20, not '+'). */
    public static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
