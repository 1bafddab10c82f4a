package dev.gatehouse.gateway.plugin.jwt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.gateway.json.Json;
import java.util.List;

/**
 * The registered-claim checks of Kong's {@code jwt_parser.lua}: {@code exp} and {@code nbf} must be numbers
 * ({@code must be a number}), {@code token expired} once {@code exp <= now}, {@code token not valid yet} while
 * {@code nbf > now}; {@code maximum_expiration} rejects a missing or too distant {@code exp}.
 */
final class JwtClaims {

    private JwtClaims() {}

    /** Null when every claim passes, else the errors by claim name. */
    static ObjectNode verify(ObjectNode claims, List<String> toVerify, long now) {
        ObjectNode errors = null;
        for (String name : toVerify) {
            JsonNode v = claims.get(name);
            String error;
            if (v == null || !v.isNumber()) {
                error = "must be a number";
            } else if (name.equals("exp")) {
                error = v.asDouble() <= now ? "token expired" : null;
            } else {
                error = v.asDouble() > now ? "token not valid yet" : null;
            }
            if (error != null) {
                errors = errors == null ? Json.object() : errors;
                errors.put(name, error);
            }
        }
        return errors;
    }

    static ObjectNode checkMaximumExpiration(ObjectNode claims, double maximum, long now) {
        JsonNode exp = claims.get("exp");
        if (exp == null || !exp.isNumber() || exp.asDouble() - now > maximum) {
            return Json.object().put("exp", "exceeds maximum allowed expiration");
        }
        return null;
    }
}
