package dev.gatehouse.mesh.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.mesh.Http;
import dev.gatehouse.mesh.resource.meshaccesslog.MeshAccessLogSpec;
import dev.gatehouse.mesh.resource.meshaccesslog.MeshAccessLogSpec.Format;
import dev.gatehouse.mesh.resource.meshaccesslog.MeshAccessLogSpec.JsonValue;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Envoy's substitution-format semantics (envoyproxy.io, "Access logging: command operators"; Kuma's formats in
 * pkg/plugins/policies/meshaccesslog/plugin/xds/configurer.go @v2.14.3) applied to records.
 */
class AccessLogFormatTest {
    private static final AccessLogEntry TCP = new AccessLogEntry(
            Instant.parse("2026-05-01T10:00:00Z"),
            "default",
            "redis-1",
            "INBOUND",
            "web",
            "127.0.0.1:0",
            "redis",
            "127.0.0.1:6379",
            "127.0.0.1:40112",
            "127.0.0.1:7000",
            "127.0.0.1:51000",
            "tcp",
            0,
            "-",
            12,
            7,
            14,
            true,
            "Allow",
            null,
            "",
            null,
            null,
            null,
            null,
            null);
    private static final AccessLogEntry REQUEST = new AccessLogEntry(
            Instant.parse("2026-05-01T10:00:00.5Z"),
            "default",
            "api-1",
            "INBOUND",
            "web",
            "10.0.0.1:0",
            "api",
            "127.0.0.1:8080",
            "10.0.0.7:5000",
            "127.0.0.1:7000",
            "127.0.0.1:41000",
            "http",
            200,
            "-",
            3,
            5,
            0,
            true,
            "Allow",
            null,
            "",
            "GET",
            "/users?id=1",
            "kong-1",
            "HTTP/1.1",
            Map.of("host", "api.mesh", "user-agent", "curl/8.5.0", "x-kong-request-id", "kong-1"));

    private static JsonNode json(AccessLogEntry e, boolean omitEmpty, String... keyValues) throws Exception {
        List<JsonValue> kv = new java.util.ArrayList<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            kv.add(new JsonValue(keyValues[i], keyValues[i + 1]));
        }
        return Http.JSON.readTree(AccessLogFormat.of(new Format(MeshAccessLogSpec.JSON, null, kv, omitEmpty))
                .render(e));
    }

    @Test
    void jsonValuesAreTypedNullWhenMissingAndOmittedWithOmitEmptyValues() throws Exception {
        JsonNode o = json(
                TCP,
                false,
                "code",
                "%RESPONSE_CODE%",
                "bytes",
                "%BYTES_SENT%",
                "proto",
                "%PROTOCOL%",
                "text",
                "code %RESPONSE_CODE% via %PROTOCOL%",
                "unknown",
                "%NO_SUCH_OPERATOR%");
        assertThat(o.path("code").isNumber()).isTrue();
        assertThat(o.path("bytes").asLong()).isEqualTo(7);
        assertThat(o.get("proto").isNull()).isTrue();
        assertThat(o.path("text").asText()).isEqualTo("code 0 via -");
        assertThat(o.get("unknown").isNull()).isTrue();
        JsonNode omitted = json(TCP, true, "proto", "%PROTOCOL%", "dir", "%KUMA_TRAFFIC_DIRECTION%");
        assertThat(omitted.has("proto")).isFalse();
        assertThat(omitted.path("dir").asText()).isEqualTo("INBOUND");
    }

    @Test
    void requestHeadersWithFallbackAndTruncation() throws Exception {
        AccessLogFormat f = AccessLogFormat.plain(
                "%REQ(X-ENVOY-ORIGINAL-PATH?:PATH)% %REQ(:AUTHORITY)% %REQ(USER-AGENT):4% %REQ(X-REQUEST-ID)%"
                        + " %REQ(X-KONG-REQUEST-ID)% %START_TIME% %UPSTREAM_CLUSTER%");
        assertThat(f.render(REQUEST))
                .isEqualTo("/users?id=1 api.mesh curl - kong-1 2026-05-01T10:00:00.500Z localhost:8080");
        assertThat(f.render(TCP)).as("no request headers on a TCP record").startsWith("- - - - - ");
    }

    @Test
    void kumasDefaultFormatsDependOnTheRecord() {
        AccessLogFormat f = AccessLogFormat.of(null);
        assertThat(f.render(TCP))
                .isEqualTo("[2026-05-01T10:00:00.000Z] - default 127.0.0.1(unknown)->127.0.0.1:6379(redis) took 12ms,"
                        + " sent 7 bytes, received: 14 bytes");
        assertThat(f.render(REQUEST))
                .isEqualTo(
                        "[2026-05-01T10:00:00.500Z] default \"GET /users?id=1 HTTP/1.1\" 200 - 0 5 3 - \"-\""
                                + " \"curl/8.5.0\" \"-\" \"-\" \"api.mesh\" \"unknown\" \"api\" \"10.0.0.1\" \"127.0.0.1:8080\"");
    }

    @Test
    void denialDetailsAreConnectionTerminationDetailsForTcpAndResponseCodeDetailsForHttp() {
        AccessLogEntry deniedTcp = new AccessLogEntry(
                TCP.startTime(),
                "default",
                "redis-1",
                "INBOUND",
                "web",
                "127.0.0.1:0",
                "redis",
                "",
                "127.0.0.1:1",
                "127.0.0.1:7000",
                "",
                "tcp",
                0,
                "-",
                0,
                0,
                0,
                false,
                "Deny",
                null,
                "rbac_access_denied_matched_policy[none]",
                null,
                null,
                null,
                null,
                null);
        AccessLogFormat f = AccessLogFormat.plain("%CONNECTION_TERMINATION_DETAILS%|%RESPONSE_CODE_DETAILS%");
        assertThat(f.render(deniedTcp)).isEqualTo("rbac_access_denied_matched_policy[none]|-");
        assertThat(f.render(REQUEST)).isEqualTo("-|via_upstream");
    }

    /**
     * Kuma fills {@code %KUMA_SOURCE_SERVICE%} and {@code %KUMA_SOURCE_ADDRESS%} in per listener, not per connection:
     * {@code applyToInbounds} in pkg/plugins/policies/meshaccesslog/plugin/v1alpha1/plugin.go (@v2.14.3) sets
     * {@code SourceService: mesh_proto.ServiceUnknown} ({@code "unknown"}, api/mesh/v1alpha1/dataplane_helpers.go) and
     * {@code SourceIP: dataplane.GetIP()} (kumahq/kuma#13635), and pkg/xds/envoy/listeners/v3/access_log_configurer.go
     * writes the address as {@code net.JoinHostPort(SourceIP, "0")}. So an inbound names no source even when its
     * data plane knows it from the client certificate, and the address is the data plane's own.
     */
    @Test
    void kumaWritesUnknownForEveryInboundsSourceAndTheDataPlanesOwnAddress() throws Exception {
        AccessLogFormat f =
                AccessLogFormat.plain("%KUMA_SOURCE_SERVICE% %KUMA_SOURCE_ADDRESS% %KUMA_SOURCE_ADDRESS_WITHOUT_PORT%");
        assertThat(TCP.sourceService()).as("known from the certificate").isEqualTo("web");
        assertThat(f.render(TCP)).isEqualTo("unknown 127.0.0.1:0 127.0.0.1");
        assertThat(Http.JSON.readTree(TCP.toJson()).path("source_service").asText())
                .isEqualTo("unknown");
        AccessLogEntry outbound = withDirection(TCP, "OUTBOUND", "web");
        assertThat(f.render(outbound)).isEqualTo("web 127.0.0.1:0 127.0.0.1");
        assertThat(Http.JSON.readTree(outbound.toJson()).path("source_service").asText())
                .isEqualTo("web");
        assertThat(f.render(withDirection(TCP, "OUTBOUND", ""))).startsWith("unknown ");

        assertThat(AccessLogEntry.kumaSourceAddress("10.0.0.5")).isEqualTo("10.0.0.5:0");
        assertThat(AccessLogEntry.kumaSourceAddress("fd00::5")).isEqualTo("[fd00::5]:0");
        AccessLogEntry v6 = new AccessLogEntry(
                TCP.startTime(),
                "default",
                "redis-1",
                "INBOUND",
                "",
                "[fd00::5]:0",
                "redis",
                "",
                "[fd00::7]:4000",
                "127.0.0.1:7000",
                "",
                "tcp",
                0,
                "-",
                0,
                0,
                0,
                true,
                null,
                null,
                "",
                null,
                null,
                null,
                null,
                null);
        assertThat(AccessLogFormat.plain("%KUMA_SOURCE_ADDRESS_WITHOUT_PORT% %DOWNSTREAM_REMOTE_ADDRESS_WITHOUT_PORT%")
                        .render(v6))
                .isEqualTo("fd00::5 fd00::7");
    }

    /**
     * {@code %DOWNSTREAM_REMOTE_ADDRESS%} (also {@code %DOWNSTREAM_DIRECT_REMOTE_ADDRESS%}),
     * {@code %DOWNSTREAM_LOCAL_ADDRESS%} and {@code %UPSTREAM_LOCAL_ADDRESS%}: ip:port, as Envoy writes an IP address;
     * missing ({@code -}, JSON null) when there was no such connection (a denied connection never reached its
     * application).
     */
    @Test
    void connectionAddressesAreIpAndPortAndMissingWithoutAConnection() throws Exception {
        AccessLogFormat f = AccessLogFormat.plain("%DOWNSTREAM_REMOTE_ADDRESS% %DOWNSTREAM_DIRECT_REMOTE_ADDRESS%"
                + " %DOWNSTREAM_REMOTE_ADDRESS_WITHOUT_PORT% %UPSTREAM_LOCAL_ADDRESS%"
                + " %UPSTREAM_LOCAL_ADDRESS_WITHOUT_PORT%"
                + " %DOWNSTREAM_LOCAL_ADDRESS% %DOWNSTREAM_LOCAL_ADDRESS_WITHOUT_PORT%");
        assertThat(f.render(TCP))
                .isEqualTo(
                        "127.0.0.1:40112 127.0.0.1:40112 127.0.0.1 127.0.0.1:51000 127.0.0.1 127.0.0.1:7000 127.0.0.1");
        AccessLogEntry denied = new AccessLogEntry(
                TCP.startTime(),
                "default",
                "redis-1",
                "INBOUND",
                "web",
                "127.0.0.1:0",
                "redis",
                "",
                "127.0.0.1:1",
                "127.0.0.1:7000",
                "",
                "tcp",
                0,
                "-",
                0,
                0,
                0,
                false,
                "Deny",
                null,
                "",
                null,
                null,
                null,
                null,
                null);
        assertThat(f.render(denied)).isEqualTo("127.0.0.1:1 127.0.0.1:1 127.0.0.1 - - 127.0.0.1:7000 127.0.0.1");
        JsonNode o = json(denied, false, "down", "%DOWNSTREAM_REMOTE_ADDRESS%", "up", "%UPSTREAM_LOCAL_ADDRESS%");
        assertThat(o.path("down").asText()).isEqualTo("127.0.0.1:1");
        assertThat(o.get("up").isNull()).isTrue();
        JsonNode own = Http.JSON.readTree(denied.toJson());
        assertThat(own.path("downstream_remote_address").asText()).isEqualTo("127.0.0.1:1");
        assertThat(own.get("upstream_local_address").isNull()).isTrue();
        assertThat(own.path("downstream_local_address").asText()).isEqualTo("127.0.0.1:7000");

        assertThat(ConnectionLog.ipPort(new java.net.InetSocketAddress("::1", 8080)))
                .isEqualTo("[0:0:0:0:0:0:0:1]:8080");
        assertThat(ConnectionLog.ipPort(new java.net.InetSocketAddress("127.0.0.1", 8080)))
                .isEqualTo("127.0.0.1:8080");
        assertThat(ConnectionLog.ipPort(null)).isEmpty();
    }

    private static AccessLogEntry withDirection(AccessLogEntry e, String direction, String sourceService) {
        return new AccessLogEntry(
                e.startTime(),
                e.mesh(),
                e.dataplane(),
                direction,
                sourceService,
                e.sourceAddress(),
                e.destinationService(),
                e.upstreamHost(),
                e.downstreamRemoteAddress(),
                e.downstreamLocalAddress(),
                e.upstreamLocalAddress(),
                e.protocol(),
                e.responseCode(),
                e.responseFlags(),
                e.durationMillis(),
                e.bytesSent(),
                e.bytesReceived(),
                e.allowed(),
                e.action(),
                e.policy(),
                e.details(),
                e.method(),
                e.path(),
                e.requestId(),
                e.httpVersion(),
                e.requestHeaders());
    }
}
