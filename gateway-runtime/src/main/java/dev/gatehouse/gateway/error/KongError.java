package dev.gatehouse.gateway.error;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.gateway.json.Json;

/**
 * A database error as Kong's {@code kong/db/errors.lua} builds it: code, name, message and {@code fields} (or
 * {@code options} for code 11), plus the HTTP status the Admin API maps it to ({@code kong/api/endpoints.lua}).
 */
public record KongError(ErrorCode code, String name, String message, JsonNode fields, JsonNode extra) {

    public KongError(ErrorCode code, String message, JsonNode fields) {
        this(code, code.errorName(), message, fields, null);
    }

    public int httpStatus() {
        return code.httpStatus();
    }

    /** The response body. */
    public ObjectNode toJson() {
        ObjectNode o = Json.object();
        o.put("code", code.code());
        o.put("name", name);
        if (message == null) {
            o.putNull("message");
        } else {
            o.put("message", message);
        }
        if (fields != null) {
            o.set(code == ErrorCode.INVALID_OPTIONS ? "options" : "fields", fields);
        }
        if (extra != null && extra.isObject()) {
            ((ObjectNode) extra).fields().forEachRemaining(e -> o.set(e.getKey(), e.getValue()));
        }
        return o;
    }

    /** A copy with extra top-level members (e.g. {@code flattened_errors}). */
    public KongError withExtra(ObjectNode more) {
        return new KongError(code, name, message, fields, more);
    }

    @Override
    public String toString() {
        return message != null ? message : name;
    }
}
