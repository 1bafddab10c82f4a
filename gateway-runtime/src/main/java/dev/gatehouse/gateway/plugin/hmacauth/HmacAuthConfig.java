package dev.gatehouse.gateway.plugin.hmacauth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.gateway.json.Json;
import java.util.List;

/** hmac-auth's {@code config} ({@code kong/plugins/hmac-auth/schema.lua}), read once per configuration version. */
record HmacAuthConfig(
        boolean hideCredentials,
        double clockSkew,
        String anonymous,
        boolean validateRequestBody,
        List<String> enforceHeaders,
        List<String> algorithms,
        String realm) {

    static final List<String> ALGORITHMS = List.of("hmac-sha1", "hmac-sha256", "hmac-sha384", "hmac-sha512");

    static HmacAuthConfig of(ObjectNode c) {
        return new HmacAuthConfig(
                c.path("hide_credentials").asBoolean(false),
                c.path("clock_skew").asDouble(300),
                Json.text(c.get("anonymous")),
                c.path("validate_request_body").asBoolean(false),
                Json.strings(c.get("enforce_headers")),
                c.has("algorithms") ? Json.strings(c.get("algorithms")) : ALGORITHMS,
                Json.text(c.get("realm")));
    }
}
