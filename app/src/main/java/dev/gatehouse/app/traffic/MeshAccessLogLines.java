package dev.gatehouse.app.traffic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the JSON lines of a MeshAccessLog {@code Tcp} backend written in {@link #FORMAT} (and Gatehouse's own data
 * planes' records, whose keys are the same) into traffic events. Envoy writes {@code -} or null for values it does
 * not have; numbers may come as numbers or as text.
 */
public final class MeshAccessLogLines {

    /**
     * The JSON format the console asks for when it creates a MeshAccessLog: key → Envoy command operator. The keys
     * are those of {@code dev.gatehouse.mesh.dataplane.AccessLogEntry#toJson()}, so both read the same.
     */
    public static final Map<String, String> FORMAT = format();

    /** What Kuma writes for a service it does not know ({@code ServiceUnknown}, api/mesh/v1alpha1/dataplane_helpers.go). */
    static final String UNKNOWN_SERVICE = "unknown";

    private MeshAccessLogLines() {}

    private static Map<String, String> format() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("start_time", "%START_TIME%");
        f.put("mesh", "%KUMA_MESH%");
        f.put("traffic_direction", "%KUMA_TRAFFIC_DIRECTION%");
        f.put("source_service", "%KUMA_SOURCE_SERVICE%");
        f.put("source_address", "%KUMA_SOURCE_ADDRESS%");
        f.put("destination_service", "%KUMA_DESTINATION_SERVICE%");
        f.put("upstream_host", "%UPSTREAM_HOST%");
        f.put("protocol", "%PROTOCOL%");
        f.put("response_code", "%RESPONSE_CODE%");
        f.put("response_flags", "%RESPONSE_FLAGS%");
        f.put("duration", "%DURATION%");
        f.put("bytes_sent", "%BYTES_SENT%");
        f.put("bytes_received", "%BYTES_RECEIVED%");
        f.put("details", "%CONNECTION_TERMINATION_DETAILS%");
        f.put("response_details", "%RESPONSE_CODE_DETAILS%");
        f.put("method", "%REQ(:METHOD)%");
        f.put("path", "%REQ(X-ENVOY-ORIGINAL-PATH?:PATH)%");
        f.put("request_id", "%REQ(X-KONG-REQUEST-ID)%");
        // the hop's connection from both ends, which pairs an inbound record (Kuma names no source there) with its
        // caller's outbound one (HopTwins)
        f.put("upstream_local_address", "%UPSTREAM_LOCAL_ADDRESS%");
        // DIRECT: on an HTTP listener Envoy's %DOWNSTREAM_REMOTE_ADDRESS% is the client address inferred from
        // x-forwarded-for when there is one (Kuma leaves use_remote_address off), port 0, not the peer; Kong always
        // sends x-forwarded-for
        f.put("downstream_remote_address", "%DOWNSTREAM_DIRECT_REMOTE_ADDRESS%");
        // the callee's end of the connection, which the caller's outbound names as %UPSTREAM_HOST%: a caller's port
        // alone is ambiguous, as Linux reuses a local port at once for connections to other destinations
        f.put("downstream_local_address", "%DOWNSTREAM_LOCAL_ADDRESS%");
        return java.util.Collections.unmodifiableMap(f);
    }

    /** One line, already parsed as JSON; {@code receivedNanos} is when it reached the console. */
    public static TrafficEvent parse(JsonNode line, long receivedNanos) {
        ObjectNode details = line.isObject() ? ((ObjectNode) line).deepCopy() : new ObjectNode(null);
        if (details.hasNonNull("path")) {
            details.put("path", CredentialMask.maskQuery(details.get("path").asText()));
        }
        int status = (int) number(details.get("response_code"));
        String flags = text(details, "response_flags");
        String verdict = text(details, "details") + " " + text(details, "response_details");
        boolean denied = verdict.contains("rbac_access_denied") || "Deny".equals(text(details, "action"));
        Outcome outcome;
        if (denied) {
            outcome = Outcome.MESH_DENIED;
        } else if (status > 0) {
            outcome = Outcome.ofStatus(status);
        } else if (!flags.isEmpty() && !flags.equals("-")) {
            outcome = Outcome.SERVER_ERROR;
        } else {
            outcome = Outcome.SUCCESS;
        }
        return new TrafficEvent(
                0,
                receivedNanos,
                Origin.MESH,
                time(text(details, "start_time")),
                text(details, "mesh"),
                service(details, "source_service"),
                service(details, "destination_service"),
                "",
                "",
                text(details, "method"),
                text(details, "path"),
                status,
                outcome,
                number(details.get("duration")),
                text(details, "request_id"),
                text(details, "upstream_host"),
                text(details, "traffic_direction").toUpperCase(java.util.Locale.ROOT),
                flags,
                connection(details),
                DeflatedJson.of(details));
    }

    /**
     * The hop's connection as both of its records name it, {@code caller ip:port->callee ip:port}: the outbound names
     * its local address and the host it connected to, the inbound its peer and its own local address. The caller's
     * side alone when the callee's is missing; "" when the caller's is.
     */
    private static String connection(JsonNode o) {
        boolean outbound = "OUTBOUND".equalsIgnoreCase(text(o, "traffic_direction"));
        String caller = text(o, outbound ? "upstream_local_address" : "downstream_remote_address");
        String callee = text(o, outbound ? "upstream_host" : "downstream_local_address");
        return TrafficEvent.connectionOf(caller, callee);
    }

    /** A field's text; "" for absent, null and Envoy's {@code -}. */
    private static String text(JsonNode o, String name) {
        JsonNode v = o.get(name);
        if (v == null || v.isNull() || !v.isValueNode()) {
            return "";
        }
        String s = v.asText();
        return s.equals("-") ? "" : s;
    }

    /**
     * A service field; "" also for Kuma's placeholder {@value #UNKNOWN_SERVICE}. Kuma fills
     * {@code %KUMA_SOURCE_SERVICE%} in when it builds a listener's configuration, not per connection, and an inbound
     * listener cannot know its clients then: it writes {@code mesh_proto.ServiceUnknown} ({@code "unknown"}) for every
     * inbound ({@code applyToInbounds} in {@code pkg/plugins/policies/meshaccesslog/plugin/v1alpha1/plugin.go}), and for
     * both services on zone ingress and egress listeners. That is "no source known", not a service.
     */
    private static String service(JsonNode o, String name) {
        String s = text(o, name);
        return s.equals(UNKNOWN_SERVICE) ? "" : s;
    }

    private static double number(JsonNode v) {
        if (v == null || v.isNull()) {
            return 0;
        }
        if (v.isNumber()) {
            return v.asDouble();
        }
        try {
            return Double.parseDouble(v.asText());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Instant time(String s) {
        if (!s.isEmpty()) {
            Instant fast = StartTimes.parse(s);
            if (fast != null) {
                return fast;
            }
            try {
                return Instant.parse(s);
            } catch (DateTimeParseException e) {
                // Envoy's %START_TIME% may carry a custom format; the arrival time is close enough
            }
        }
        return Instant.now();
    }
}
