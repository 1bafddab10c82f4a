package dev.gatehouse.gateway.plugin.httplog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.gateway.json.Json;
import dev.gatehouse.gateway.json.LuaNumber;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * http-log's {@code config} ({@code kong/plugins/http-log/schema.lua}), read once per configuration version:
 * the endpoint and how to call it, the configured headers, and the queue (with the legacy {@code queue_size} and
 * {@code flush_timeout} applied). {@code timeout}, {@code keepalive} and {@code retryCount} are null when unset,
 * since Kong names queues by them as they are.
 */
record HttpLogConfig(
        String httpEndpoint,
        String method,
        String contentType,
        Double timeout,
        Double keepalive,
        Integer retryCount,
        Map<String, String> headers,
        QueueSettings queue) {

    static final long DEFAULT_TIMEOUT_MILLIS = 10000;

    static HttpLogConfig of(ObjectNode c) {
        Map<String, String> headers = new LinkedHashMap<>();
        JsonNode h = c.get("headers");
        if (h != null && h.isObject()) {
            h.properties().forEach(e -> headers.put(e.getKey(), e.getValue().asText()));
        }
        JsonNode retryCount = c.get("retry_count");
        return new HttpLogConfig(
                c.path("http_endpoint").asText(),
                c.path("method").asText("POST"),
                c.path("content_type").asText("application/json"),
                number(c.get("timeout")),
                number(c.get("keepalive")),
                Json.isNull(retryCount) ? null : retryCount.asInt(),
                Collections.unmodifiableMap(headers),
                QueueSettings.of(c));
    }

    /** The send timeout in milliseconds. */
    long timeoutMillis() {
        return timeout == null ? DEFAULT_TIMEOUT_MILLIS : timeout.longValue();
    }

    /**
     * Kong's {@code make_queue_name} parameters (the legacy ones, Lua-printed: {@code nil} when unset), so that
     * instances with equal parameters share a queue.
     */
    String queueParameters() {
        return String.join(
                ":",
                method,
                contentType,
                lua(timeout),
                lua(keepalive),
                retryCount == null ? "nil" : retryCount.toString());
    }

    private static Double number(JsonNode n) {
        return Json.isNull(n) ? null : n.asDouble();
    }

    private static String lua(Double n) {
        if (n == null) {
            return "nil";
        }
        return LuaNumber.format(n);
    }
}
