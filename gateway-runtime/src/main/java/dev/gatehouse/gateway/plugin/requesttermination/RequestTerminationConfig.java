package dev.gatehouse.gateway.plugin.requesttermination;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.gateway.json.Json;

/**
 * request-termination's {@code config} ({@code kong/plugins/request-termination/schema.lua}), read once per
 * configuration version; unset strings are null.
 */
record RequestTerminationConfig(
        int statusCode, String message, String contentType, String body, boolean echo, String trigger) {

    static RequestTerminationConfig of(ObjectNode c) {
        return new RequestTerminationConfig(
                c.path("status_code").asInt(503),
                Json.text(c.get("message")),
                Json.text(c.get("content_type")),
                Json.text(c.get("body")),
                c.path("echo").asBoolean(false),
                Json.text(c.get("trigger")));
    }
}
