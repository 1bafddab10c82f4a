package dev.gatehouse.gateway.plugin.correlationid;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.gateway.json.Json;

/**
 * correlation-id's {@code config} ({@code kong/plugins/correlation-id/schema.lua}), read once per configuration
 * version. {@code header_name} may be set to null (it has a default but is not required), then the plugin does
 * nothing, where Kong's handler would fail on every request.
 */
record CorrelationIdConfig(String headerName, String generator, boolean echoDownstream) {

    static CorrelationIdConfig of(ObjectNode c) {
        return new CorrelationIdConfig(
                c.has("header_name") ? Json.text(c.get("header_name")) : "Kong-Request-ID",
                c.path("generator").asText("uuid#counter"),
                c.path("echo_downstream").asBoolean(false));
    }
}
