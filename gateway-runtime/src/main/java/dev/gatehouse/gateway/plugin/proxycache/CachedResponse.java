package dev.gatehouse.gateway.plugin.proxycache;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.gateway.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One cached response, the {@code res} object of Kong's {@code kong/plugins/proxy-cache/handler.lua} body_filter:
 * status, headers as sent (names as written), body, when it was stored and its resource TTL (seconds).
 */
record CachedResponse(int status, Map<String, List<String>> headers, byte[] body, long timestamp, long ttl) {

    /** Kong's {@code CACHE_VERSION}. */
    static final int VERSION = 1;

    /** What the entry costs in memory, roughly: the body, the headers and a fixed overhead. */
    long weight(String key) {
        long w = 256L + body.length + 2L * key.length();
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            w += 32L + 2L * e.getKey().length();
            for (String v : e.getValue()) {
                w += 2L * v.length();
            }
        }
        return w;
    }

    /** The stored object as Kong's Admin API shows it ({@code GET /proxy-cache/:cache_key}). */
    ObjectNode toJson() {
        ObjectNode o = Json.object();
        o.put("status", status);
        ObjectNode h = o.putObject("headers");
        headers.forEach((k, v) -> {
            if (v.size() == 1) {
                h.put(k, v.get(0));
            } else {
                v.forEach(h.withArray(k)::add);
            }
        });
        o.put("body", new String(body, StandardCharsets.UTF_8));
        o.put("body_len", body.length);
        o.put("timestamp", timestamp);
        o.put("ttl", ttl);
        o.put("version", VERSION);
        return o;
    }
}
