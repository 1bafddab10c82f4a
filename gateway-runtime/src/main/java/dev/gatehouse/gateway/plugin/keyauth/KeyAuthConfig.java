package dev.gatehouse.gateway.plugin.keyauth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.gateway.json.Json;
import java.util.List;

/**
 * key-auth's {@code config} ({@code kong/plugins/key-auth/schema.lua}), read once per configuration version. A
 * missing field takes the schema's default; {@code anonymous} and {@code realm} are null when unset (an empty
 * {@code anonymous} is unset too, as in Kong's handler).
 */
record KeyAuthConfig(
        List<String> keyNames,
        boolean hideCredentials,
        String anonymous,
        boolean keyInHeader,
        boolean keyInQuery,
        boolean keyInBody,
        boolean runOnPreflight,
        String realm) {

    static final List<String> DEFAULT_KEY_NAMES = List.of("apikey");

    static KeyAuthConfig of(ObjectNode c) {
        String anonymous = Json.text(c.get("anonymous"));
        return new KeyAuthConfig(
                Json.isNull(c.get("key_names")) ? DEFAULT_KEY_NAMES : Json.strings(c.get("key_names")),
                c.path("hide_credentials").asBoolean(false),
                anonymous == null || anonymous.isEmpty() ? null : anonymous,
                c.path("key_in_header").asBoolean(true),
                c.path("key_in_query").asBoolean(true),
                c.path("key_in_body").asBoolean(false),
                c.path("run_on_preflight").asBoolean(true),
                Json.text(c.get("realm")));
    }
}
