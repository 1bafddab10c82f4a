package dev.gatehouse.gateway.plugin.requestsizelimiting;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * request-size-limiting's {@code config} ({@code kong/plugins/request-size-limiting/schema.lua}), read once per
 * configuration version, with the limit already in bytes (the handler's {@code unit_multiplication_factor}).
 */
record RequestSizeLimitingConfig(long allowedBytes, boolean requireContentLength) {

    static RequestSizeLimitingConfig of(ObjectNode c) {
        long factor = switch (c.path("size_unit").asText("megabytes")) {
            case "bytes" -> 1;
            case "kilobytes" -> 1024;
            default -> 1048576;
        };
        return new RequestSizeLimitingConfig(
                c.path("allowed_payload_size").asLong(128) * factor,
                c.path("require_content_length").asBoolean(false));
    }
}
