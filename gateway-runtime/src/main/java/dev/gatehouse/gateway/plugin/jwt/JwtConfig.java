package dev.gatehouse.gateway.plugin.jwt;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.gateway.json.Json;
import java.util.List;

/** jwt's {@code config} ({@code kong/plugins/jwt/schema.lua}), read once per configuration version. */
record JwtConfig(
        List<String> uriParamNames,
        List<String> cookieNames,
        String keyClaimName,
        boolean secretIsBase64,
        List<String> claimsToVerify,
        String anonymous,
        boolean runOnPreflight,
        double maximumExpiration,
        List<String> headerNames,
        String realm) {

    static JwtConfig of(ObjectNode c) {
        return new JwtConfig(
                c.has("uri_param_names") ? Json.strings(c.get("uri_param_names")) : List.of("jwt"),
                Json.strings(c.get("cookie_names")),
                c.path("key_claim_name").asText("iss"),
                c.path("secret_is_base64").asBoolean(false),
                Json.strings(c.get("claims_to_verify")),
                Json.text(c.get("anonymous")),
                c.path("run_on_preflight").asBoolean(true),
                c.path("maximum_expiration").asDouble(0),
                c.has("header_names") ? Json.strings(c.get("header_names")) : List.of("authorization"),
                Json.text(c.get("realm")));
    }
}
