package dev.gatehouse.gateway.dao;

import java.util.regex.Pattern;

/**
 * How an Admin API path names an entity: a UUID means the primary key, anything else the schema's endpoint key
 * (Kong's {@code query_entity} in {@code kong/api/endpoints.lua}).
 */
public record EntityKey(String id, String endpointValue) {

    private static final Pattern UUID =
            Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    public static EntityKey parse(String raw) {
        return isUuid(raw) ? new EntityKey(raw, null) : new EntityKey(null, raw);
    }

    public static EntityKey ofId(String id) {
        return new EntityKey(id, null);
    }

    public static boolean isUuid(String s) {
        return s != null && s.length() == 36 && UUID.matcher(s).matches();
    }

    public boolean byId() {
        return id != null;
    }
}
