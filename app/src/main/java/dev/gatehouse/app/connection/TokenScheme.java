package dev.gatehouse.app.connection;

import java.util.Map;

/** How a connection's token is sent. */
public enum TokenScheme {
    /** No token. */
    NONE,
    /** {@code Kong-Admin-Token: <token>}, as Kong Enterprise's RBAC names it. */
    KONG_ADMIN_TOKEN,
    /** {@code Authorization: Bearer <token>}, as Kuma's user tokens are sent. */
    BEARER;

    /** The header carrying {@code token}. */
    public Map<String, String> header(String token) {
        return switch (this) {
            case NONE -> Map.of();
            case KONG_ADMIN_TOKEN -> Map.of("Kong-Admin-Token", token);
            case BEARER -> Map.of("Authorization", "Bearer " + token);
        };
    }
}
