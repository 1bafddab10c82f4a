package dev.gatehouse.mesh.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.mesh.resource.ResourceCodec;
import java.nio.charset.StandardCharsets;

/** A complete HTTP response. */
public record ApiResponse(int status, String contentType, byte[] body, boolean noStore) {

    public static ApiResponse json(int status, JsonNode node) {
        try {
            return new ApiResponse(status, "application/json", ResourceCodec.JSON.writeValueAsBytes(node), false);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode JSON", e);
        }
    }

    public static ApiResponse json(JsonNode node) {
        return json(200, node);
    }

    public static ApiResponse text(int status, String text) {
        return new ApiResponse(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8), false);
    }

    /** Same response with another status. */
    public ApiResponse withStatus(int newStatus) {
        return new ApiResponse(newStatus, contentType, body, noStore);
    }

    /** Same response, marked {@code Cache-Control: no-store} (it carries a secret). */
    public ApiResponse secret() {
        return new ApiResponse(status, contentType, body, true);
    }
}
