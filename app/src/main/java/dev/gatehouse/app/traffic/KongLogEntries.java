package dev.gatehouse.app.traffic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * Reads Kong's basic log serializer ({@code kong/pdk/log.lua}, {@code serialize}: what http-log posts and what the
 * embedded gateway's request events carry) into traffic events. Credentials are masked in the kept copy.
 */
public final class KongLogEntries {

    private KongLogEntries() {}

    /** One serialized request; {@code receivedNanos} is when it reached the console. */
    public static TrafficEvent parse(JsonNode entry, long receivedNanos) {
        ObjectNode details = entry.isObject() ? ((ObjectNode) entry).deepCopy() : new ObjectNode(null);
        JsonNode request = details.path("request");
        if (request instanceof ObjectNode r) {
            CredentialMask.maskValues(r.get("headers"));
            CredentialMask.maskValues(r.get("querystring"));
            if (r.hasNonNull("uri")) {
                r.put("uri", CredentialMask.maskQuery(r.get("uri").asText()));
            }
            if (r.hasNonNull("url")) {
                r.put("url", CredentialMask.maskQuery(r.get("url").asText()));
            }
        }
        if (details.path("response").path("headers") instanceof ObjectNode h) {
            CredentialMask.maskValues(h);
        }
        if (details.hasNonNull("upstream_uri")) {
            details.put(
                    "upstream_uri",
                    CredentialMask.maskQuery(details.get("upstream_uri").asText()));
        }
        String consumer = firstText(details.path("consumer"), "username", "custom_id", "id");
        String service = firstText(details.path("service"), "name", "host", "id");
        int status = details.path("response").path("status").asInt(0);
        long startedAt = details.path("started_at").asLong(0);
        return new TrafficEvent(
                0,
                receivedNanos,
                Origin.GATEWAY,
                startedAt > 0 ? Instant.ofEpochMilli(startedAt) : Instant.now(),
                "",
                consumer.isEmpty() ? details.path("client_ip").asText("") : consumer,
                service,
                firstText(details.path("route"), "name", "id"),
                consumer,
                request.path("method").asText(""),
                request.path("uri").asText(""),
                status,
                Outcome.ofStatus(status),
                details.path("latencies").path("request").asDouble(0),
                request.path("id").asText(""),
                answeredByKong(details)
                        ? ""
                        : details.path("service").path("host").asText(""),
                "",
                "",
                "",
                DeflatedJson.of(details));
    }

    /**
     * Kong answered the request itself, without the upstream: its {@code latencies.proxy} is -1 (no upstream
     * waiting time) and no balancer try was made; Gatehouse's gateway also says {@code source: kong}. A failed try
     * (a 502 after connecting failed) did go to the upstream.
     */
    static boolean answeredByKong(JsonNode details) {
        if (!details.path("tries").isEmpty()) {
            return false;
        }
        String source = details.path("source").asText("");
        if (source.equals("exit") || source.equals("kong")) {
            return true;
        }
        JsonNode proxy = details.path("latencies").path("proxy");
        return proxy.isNumber() && proxy.asDouble() < 0;
    }

    private static String firstText(JsonNode object, String... names) {
        for (String name : names) {
            JsonNode v = object.get(name);
            if (v != null && v.isValueNode() && !v.asText().isEmpty()) {
                return v.asText();
            }
        }
        return "";
    }
}
