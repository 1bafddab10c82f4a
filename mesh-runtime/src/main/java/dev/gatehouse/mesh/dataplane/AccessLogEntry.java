package dev.gatehouse.mesh.dataplane;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.mesh.policy.PolicyRef;
import dev.gatehouse.mesh.resource.ResourceCodec;
import java.time.Instant;
import java.util.Map;

/**
 * One access-log record: a TCP connection, or one HTTP request answered by the data plane itself (a 403 denial).
 * Field names follow the Envoy command operators Kuma's MeshAccessLog formats are written with ({@code %START_TIME%},
 * {@code %KUMA_SOURCE_SERVICE%}, {@code %RESPONSE_FLAGS%}, {@code %BYTES_SENT%}...), in snake case as in Kuma's
 * JSON examples; {@code allowed}, {@code action} and {@code policy} tell which permission decided.
 *
 * @param direction     {@code INBOUND} or {@code OUTBOUND} ({@code %KUMA_TRAFFIC_DIRECTION%})
 * @param responseCode  HTTP status for request records, 0 for TCP connections
 * @param responseFlags Envoy response flags: {@code -} none, {@code UF} upstream connect/TLS failure,
 *                      {@code UH} no endpoint of the destination service
 * @param bytesSent     bytes sent to the downstream (the client of this hop)
 * @param bytesReceived bytes received from the downstream
 * @param action        the permission verdict ({@code Allow}, {@code Deny}, {@code AllowWithShadowDeny}); null
 *                      when no decision was made (outbound side, failed handshake)
 * @param details       Envoy-style termination details, e.g. {@code rbac_access_denied_matched_policy[none]}
 * @param method        HTTP method of a request record, null for a TCP connection
 * @param path          request target of a request record, null for a TCP connection
 * @param requestId     {@code x-kong-request-id} of the request (Kong 3.5+ forwards it upstream), else its
 *                      {@code x-request-id}; null when it had neither, and for TCP connections
 * @param httpVersion   {@code HTTP/1.1} or {@code HTTP/1.0} for request records ({@code %PROTOCOL%}), else null
 * @param requestHeaders the request headers the HTTP tap keeps, by lower-case name ({@code host},
 *                      {@code user-agent}, {@code x-request-id}, {@code x-kong-request-id},
 *                      {@code x-forwarded-for}, {@code x-envoy-original-path}); empty (or null) for TCP connections
 */
public record AccessLogEntry(
        Instant startTime,
        String mesh,
        String dataplane,
        String direction,
        String sourceService,
        String sourceAddress,
        String destinationService,
        String upstreamHost,
        String protocol,
        int responseCode,
        String responseFlags,
        long durationMillis,
        long bytesSent,
        long bytesReceived,
        boolean allowed,
        String action,
        PolicyRef policy,
        String details,
        String method,
        String path,
        String requestId,
        String httpVersion,
        Map<String, String> requestHeaders) {

    /** The headers the HTTP tap keeps (lower case), for {@code %REQ(...)%}. */
    public static final java.util.List<String> CAPTURED_HEADERS = java.util.List.of(
            "host", "user-agent", "x-request-id", "x-kong-request-id", "x-forwarded-for", "x-envoy-original-path");

    public AccessLogEntry {
        requestHeaders = requestHeaders == null ? Map.of() : Map.copyOf(requestHeaders);
    }

    /** Whether this is the record of one HTTP request (else of a TCP connection). */
    public boolean isRequest() {
        return method != null;
    }

    /** The JSON line sent to the TCP backend (without the newline). */
    public String toJson() {
        ObjectNode o = ResourceCodec.JSON.createObjectNode();
        o.put("start_time", startTime.toString());
        o.put("mesh", mesh);
        o.put("dataplane", dataplane);
        o.put("traffic_direction", direction);
        o.put("source_service", sourceService);
        o.put("source_address", sourceAddress);
        o.put("destination_service", destinationService);
        o.put("upstream_host", upstreamHost);
        o.put("protocol", protocol);
        if (responseCode != 0) {
            o.put("response_code", responseCode);
        }
        o.put("response_flags", responseFlags);
        o.put("duration", durationMillis);
        o.put("bytes_sent", bytesSent);
        o.put("bytes_received", bytesReceived);
        o.put("allowed", allowed);
        o.put("action", action);
        if (policy != null) {
            o.putObject("policy").put("type", policy.type()).put("name", policy.name());
        } else {
            o.putNull("policy");
        }
        o.put("details", details);
        if (method != null) {
            o.put("method", method);
            o.put("path", path);
        }
        if (requestId != null) {
            o.put("request_id", requestId);
        }
        return o.toString();
    }
}
