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
            "127.0.0.1:40112",
            "redis",
            "127.0.0.1:6379",
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
            "10.0.0.1:5000",
            "api",
            "127.0.0.1:8080",
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
                .isEqualTo("[2026-05-01T10:00:00.000Z] - default 127.0.0.1(web)->127.0.0.1:6379(redis) took 12ms,"
                        + " sent 7 bytes, received: 14 bytes");
        assertThat(f.render(REQUEST))
                .isEqualTo("[2026-05-01T10:00:00.500Z] default \"GET /users?id=1 HTTP/1.1\" 200 - 0 5 3 - \"-\""
                        + " \"curl/8.5.0\" \"-\" \"-\" \"api.mesh\" \"web\" \"api\" \"10.0.0.1\" \"127.0.0.1:8080\"");
    }

    @Test
    void denialDetailsAreConnectionTerminationDetailsForTcpAndResponseCodeDetailsForHttp() {
        AccessLogEntry deniedTcp = new AccessLogEntry(
                TCP.startTime(),
                "default",
                "redis-1",
                "INBOUND",
                "web",
                "127.0.0.1:1",
                "redis",
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
}
