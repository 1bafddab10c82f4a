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
 * @param sourceService the client's service as this data plane knows it: its own on an outbound, the client
 *                      certificate's on an inbound (mTLS), else "". It picks the inbound's {@code from} rules; what
 *                      the log says is {@link #loggedSourceService()}, Kuma's value
 * @param sourceAddress {@code %KUMA_SOURCE_ADDRESS%} as Kuma fills it in: this data plane's own address (advertised,
 *                      else {@code networking.address}) with port 0, on both directions ({@link #kumaSourceAddress})
 * @param downstreamRemoteAddress {@code %DOWNSTREAM_REMOTE_ADDRESS%}: ip:port of the peer of the accepted connection
 *                      (an inbound's: the caller's sidecar), "" when unknown
 * @param downstreamLocalAddress {@code %DOWNSTREAM_LOCAL_ADDRESS%}: this side's ip:port of the accepted connection (an
 *                      inbound's: its listener, the address its caller's outbound names as {@code %UPSTREAM_HOST%}),
 *                      "" when unknown
 * @param upstreamLocalAddress {@code %UPSTREAM_LOCAL_ADDRESS%}: this side's ip:port of the connection to the upstream
 *                      (an outbound's: the one the callee's inbound sees as its downstream), "" when none was made
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
        String downstreamRemoteAddress,
        String downstreamLocalAddress,
        String upstreamLocalAddress,
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

    /**
     * What Kuma writes for a service it does not know ({@code mesh_proto.ServiceUnknown},
     * api/mesh/v1alpha1/dataplane_helpers.go).
     */
    public static final String UNKNOWN_SERVICE = "unknown";

    public AccessLogEntry {
        requestHeaders = requestHeaders == null ? Map.of() : Map.copyOf(requestHeaders);
    }

    /**
     * {@code %KUMA_SOURCE_SERVICE%} as Kuma writes it: {@code unknown} on every inbound. Kuma substitutes the value
     * when it builds a listener's configuration, not per connection, and an inbound listener serves every client:
     * {@code applyToInbounds} in pkg/plugins/policies/meshaccesslog/plugin/v1alpha1/plugin.go (@v2.14.3) sets
     * {@code SourceService: mesh_proto.ServiceUnknown}, with or without mTLS. An outbound names this proxy's service.
     */
    public String loggedSourceService() {
        if ("INBOUND".equals(direction) || sourceService == null || sourceService.isEmpty()) {
            return UNKNOWN_SERVICE;
        }
        return sourceService;
    }

    /**
     * {@code %KUMA_SOURCE_ADDRESS%} for a data plane at {@code ip}: {@code net.JoinHostPort(SourceIP, "0")} in
     * pkg/xds/envoy/listeners/v3/access_log_configurer.go (@v2.14.3), {@code SourceIP} being the data plane's
     * address on inbounds and outbounds alike (kumahq/kuma#13635).
     */
    public static String kumaSourceAddress(String ip) {
        if (ip == null || ip.isEmpty()) {
            return "";
        }
        return ip.indexOf(':') >= 0 ? "[" + ip + "]:0" : ip + ":0";
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
        o.put("source_service", loggedSourceService());
        o.put("source_address", sourceAddress);
        o.put("destination_service", destinationService);
        o.put("upstream_host", upstreamHost);
        o.put("downstream_remote_address", emptyToNull(downstreamRemoteAddress));
        o.put("downstream_local_address", emptyToNull(downstreamLocalAddress));
        o.put("upstream_local_address", emptyToNull(upstreamLocalAddress));
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

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
