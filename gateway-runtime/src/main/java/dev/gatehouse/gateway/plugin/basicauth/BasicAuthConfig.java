package dev.gatehouse.gateway.plugin.basicauth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.gateway.json.Json;

/**
 * basic-auth's {@code config} ({@code kong/plugins/basic-auth/schema.lua}), read once per configuration version;
 * {@code anonymous} is null when unset.
 */
record BasicAuthConfig(String anonymous, boolean hideCredentials, String realm) {

    static BasicAuthConfig of(ObjectNode c) {
        return new BasicAuthConfig(
                Json.text(c.get("anonymous")),
                c.path("hide_credentials").asBoolean(false),
                c.path("realm").asText("service"));
    }
}
