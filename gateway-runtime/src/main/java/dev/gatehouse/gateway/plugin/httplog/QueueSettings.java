package dev.gatehouse.gateway.plugin.httplog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Kong's queue parameters ({@code kong/tools/queue_schema.lua}), with the legacy http-log parameters applied as
 * {@code Queue.get_plugin_params} does ({@code queue_size} -> {@code max_batch_size}, {@code flush_timeout} ->
 * {@code max_coalescing_delay}).
 */
record QueueSettings(
        int maxBatchSize,
        double maxCoalescingDelay,
        int maxEntries,
        Integer maxBytes,
        double maxRetryTime,
        double initialRetryDelay,
        double maxRetryDelay) {

    static QueueSettings of(ObjectNode config) {
        JsonNode q = config.path("queue");
        int batch = q.path("max_batch_size").asInt(1);
        double delay = q.path("max_coalescing_delay").asDouble(1);
        JsonNode queueSize = config.get("queue_size");
        if (queueSize != null && queueSize.isNumber() && queueSize.asInt() != 1) {
            batch = queueSize.asInt();
        }
        JsonNode flush = config.get("flush_timeout");
        if (flush != null && flush.isNumber() && flush.asDouble() != 2) {
            delay = flush.asDouble();
        }
        JsonNode maxBytes = q.get("max_bytes");
        return new QueueSettings(
                batch,
                delay,
                q.path("max_entries").asInt(10000),
                maxBytes == null || maxBytes.isNull() ? null : maxBytes.asInt(),
                q.path("max_retry_time").asDouble(60),
                q.path("initial_retry_delay").asDouble(0.01),
                q.path("max_retry_delay").asDouble(60));
    }
}
