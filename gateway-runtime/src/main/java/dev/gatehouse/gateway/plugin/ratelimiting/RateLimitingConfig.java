package dev.gatehouse.gateway.plugin.ratelimiting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.gateway.json.Json;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * rate-limiting's {@code config} ({@code kong/plugins/rate-limiting/schema.lua}) as the {@code local} policy uses
 * it, read once per configuration version: the limit of each configured period (shortest first), what requests are
 * counted by, and the answer once a limit is reached. A missing field takes the schema's default; an explicit null
 * {@code error_message} stays null (Kong then answers the status's default message).
 */
record RateLimitingConfig(
        Map<String, Double> limits,
        String limitBy,
        String headerName,
        String path,
        boolean hideClientHeaders,
        int errorCode,
        String errorMessage) {

    static final String DEFAULT_ERROR_MESSAGE = "API rate limit exceeded";

    static RateLimitingConfig of(ObjectNode c) {
        Map<String, Double> limits = new LinkedHashMap<>();
        for (String p : RateLimitingPlugin.PERIODS) {
            JsonNode v = c.get(p);
            if (v != null && v.isNumber()) {
                limits.put(p, v.asDouble());
            }
        }
        JsonNode message = c.get("error_message");
        return new RateLimitingConfig(
                Collections.unmodifiableMap(limits),
                c.path("limit_by").asText("consumer"),
                Json.text(c.get("header_name")),
                Json.text(c.get("path")),
                c.path("hide_client_headers").asBoolean(false),
                c.path("error_code").asInt(429),
                message == null ? DEFAULT_ERROR_MESSAGE : Json.text(message));
    }
}
