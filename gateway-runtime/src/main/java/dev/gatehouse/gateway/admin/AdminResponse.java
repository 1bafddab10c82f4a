package dev.gatehouse.gateway.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.gateway.error.KongError;
import dev.gatehouse.gateway.json.Json;
import dev.gatehouse.gateway.json.Utf8Text;
import java.util.LinkedHashMap;
import java.util.Map;

/** A response of the Admin API: status, optional JSON body (Kong always answers JSON), extra headers. */
public record AdminResponse(int status, JsonNode body, Map<String, String> headers) {

    public static AdminResponse of(int status, JsonNode body) {
        return new AdminResponse(status, body, new LinkedHashMap<>());
    }

    public static AdminResponse empty(int status) {
        return of(status, null);
    }

    /** {@code {"message": "..."}}. */
    public static AdminResponse message(int status, String message) {
        ObjectNode o = Json.object();
        o.put("message", message);
        return of(status, o);
    }

    /**
     * A body that is not JSON (Prometheus' exposition text), sent as the UTF-8 bytes of {@code text} with the given
     * {@code Content-Type}.
     */
    public static AdminResponse text(int status, String contentType, String text) {
        return of(status, com.fasterxml.jackson.databind.node.TextNode.valueOf(text))
                .header("Content-Type", contentType);
    }

    public static AdminResponse notFound() {
        return message(404, "Not found");
    }

    public static AdminResponse methodNotAllowed() {
        return message(405, "Method not allowed");
    }

    /**
     * Kong's error body. Field names and messages can carry invalid UTF-8 from the request, kept as lone
     * surrogates that Jackson writes as escapes JSON parsers refuse in names: they become U+FFFD, so the answer
     * is always valid JSON.
     */
    public static AdminResponse error(KongError e) {
        return of(e.httpStatus(), Utf8Text.sanitizeTree(e.toJson()));
    }

    public AdminResponse header(String name, String value) {
        headers.put(name, value);
        return this;
    }
}
