package dev.gatehouse.gateway.plugin.cors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.gateway.json.Json;
import java.util.List;

/**
 * cors's {@code config} ({@code kong/plugins/cors/schema.lua}), read once per configuration version. Unset lists are
 * empty, except {@code methods}, which then holds every method (the schema's default); {@code maxAge} is null when
 * unset.
 */
record CorsConfig(
        List<String> origins,
        List<String> headers,
        List<String> exposedHeaders,
        List<String> methods,
        Double maxAge,
        boolean credentials,
        boolean privateNetwork,
        boolean preflightContinue,
        boolean allowOriginAbsent) {

    static final List<String> ALL_METHODS = List.of(CorsPlugin.METHODS);

    static CorsConfig of(ObjectNode c) {
        JsonNode methods = c.get("methods");
        JsonNode maxAge = c.get("max_age");
        return new CorsConfig(
                Json.strings(c.get("origins")),
                Json.strings(c.get("headers")),
                Json.strings(c.get("exposed_headers")),
                Json.isNull(methods) ? ALL_METHODS : Json.strings(methods),
                Json.isNull(maxAge) ? null : maxAge.asDouble(),
                c.path("credentials").asBoolean(false),
                c.path("private_network").asBoolean(false),
                c.path("preflight_continue").asBoolean(false),
                c.path("allow_origin_absent").asBoolean(true));
    }
}
