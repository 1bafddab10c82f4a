package dev.gatehouse.app.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class TrafficLogFormatsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Field names from Kong's basic serializer, kong/pdk/log.lua (serialize), as http-log posts it. */
    @Test
    void kongSerializerEntryBecomesAGatewayEventWithCredentialsMasked() throws Exception {
        JsonNode entry = JSON.readTree("""
                {"request":{"id":"a1b2","method":"GET","uri":"/demo/?apikey=secret1&x=1",
                  "url":"http://localhost:8000/demo/?apikey=secret1&x=1",
                  "querystring":{"apikey":"secret1","x":"1"},
                  "headers":{"apikey":"secret2","authorization":"REDACTED","host":"localhost"}},
                 "response":{"status":200,"headers":{}},
                 "latencies":{"request":12,"kong":1,"proxy":10},
                 "route":{"id":"r1","name":"demo-route"},
                 "service":{"id":"s1","name":"demo","host":"demo-app.mesh"},
                 "consumer":{"id":"c1","username":"alice"},
                 "client_ip":"127.0.0.1","started_at":1764792000000}
                """);
        TrafficEvent e = KongLogEntries.parse(entry, 42);
        assertThat(e.origin()).isEqualTo(Origin.GATEWAY);
        assertThat(e.consumer()).isEqualTo("alice");
        assertThat(e.source()).isEqualTo("alice");
        assertThat(e.route()).isEqualTo("demo-route");
        assertThat(e.destination()).isEqualTo("demo");
        assertThat(e.upstreamHost()).isEqualTo("demo-app.mesh");
        assertThat(e.status()).isEqualTo(200);
        assertThat(e.latencyMillis()).isEqualTo(12);
        assertThat(e.requestId()).isEqualTo("a1b2");
        assertThat(e.path()).isEqualTo("/demo/?apikey=" + CredentialMask.MASK + "&x=1");
        assertThat(e.details().toString()).doesNotContain("secret1", "secret2");
        assertThat(entry.toString()).contains("secret1"); // the caller's tree is left alone
    }

    @Test
    void anonymous401IsAnAuthDenialFromTheClientAddress() throws Exception {
        TrafficEvent e = KongLogEntries.parse(
                JSON.readTree("{\"request\":{\"method\":\"GET\",\"uri\":\"/\"},\"response\":{\"status\":401},"
                        + "\"client_ip\":\"10.0.0.9\"}"),
                0);
        assertThat(e.outcome()).isEqualTo(Outcome.AUTH_DENIED);
        assertThat(e.consumer()).isEmpty();
        assertThat(e.source()).isEqualTo("10.0.0.9");
    }

    /**
     * Kong's serializer (kong/pdk/log.lua): {@code latencies.proxy} is {@code ctx.KONG_WAITING_TIME or -1}, so -1 when
     * Kong answered without the upstream; a balancer try means it did go there. Gatehouse's gateway also says
     * {@code source: kong}. Such a request has no upstream host, so the graph stops it at the gateway.
     */
    @Test
    void aRequestKongAnsweredItselfHasNoUpstreamHost() throws Exception {
        String service = "\"service\":{\"name\":\"demo\",\"host\":\"demo-app.mesh\"}";
        TrafficEvent keyAuth = KongLogEntries.parse(
                JSON.readTree(
                        "{\"response\":{\"status\":401},\"latencies\":{\"proxy\":-1,\"request\":1}," + service + "}"),
                0);
        TrafficEvent gatehouse = KongLogEntries.parse(
                JSON.readTree("{\"response\":{\"status\":401},\"source\":\"kong\"," + service + "}"), 0);
        TrafficEvent connectFailed = KongLogEntries.parse(
                JSON.readTree("{\"response\":{\"status\":502},\"latencies\":{\"proxy\":-1},"
                        + "\"tries\":[{\"ip\":\"127.0.0.1\",\"port\":9}]," + service + "}"),
                0);
        TrafficEvent proxied = KongLogEntries.parse(
                JSON.readTree("{\"response\":{\"status\":200},\"latencies\":{\"proxy\":4}," + service + "}"), 0);
        assertThat(keyAuth.upstreamHost()).isEmpty();
        assertThat(gatehouse.upstreamHost()).isEmpty();
        assertThat(connectFailed.upstreamHost()).isEqualTo("demo-app.mesh");
        assertThat(proxied.upstreamHost()).isEqualTo("demo-app.mesh");
        assertThat(proxied.details().path("service").path("host").asText()).isEqualTo("demo-app.mesh");
    }

    /** Envoy writes "-" for values it lacks; a denied TCP connection says rbac_access_denied in its details. */
    @Test
    void meshAccessLogLinesTellDeniedHopsAndWhichRecordCounts() throws Exception {
        TrafficEvent denied = MeshAccessLogLines.parse(JSON.readTree("""
                        {"start_time":"2026-12-03T20:00:00.123Z","mesh":"default","traffic_direction":"INBOUND",
                         "source_service":"gateway","destination_service":"demo-app","response_code":0,
                         "response_flags":"-","duration":"3",
                         "details":"rbac_access_denied_matched_policy[none]","method":"-"}
                        """), 0);
        assertThat(denied.outcome()).isEqualTo(Outcome.MESH_DENIED);
        assertThat(denied.method()).isEmpty();
        assertThat(denied.latencyMillis()).isEqualTo(3);
        assertThat(denied.countsAsHop()).isTrue();
        TrafficEvent outbound = MeshAccessLogLines.parse(
                JSON.readTree("{\"traffic_direction\":\"OUTBOUND\",\"response_flags\":\"-\",\"response_code\":0}"), 0);
        assertThat(outbound.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(outbound.countsAsHop()).isFalse();
        TrafficEvent noEndpoint = MeshAccessLogLines.parse(
                JSON.readTree("{\"traffic_direction\":\"OUTBOUND\",\"response_flags\":\"UH\"}"), 0);
        assertThat(noEndpoint.outcome()).isEqualTo(Outcome.SERVER_ERROR);
        assertThat(noEndpoint.countsAsHop()).isTrue();
    }

    /**
     * A real Kuma writes {@code "unknown"} for {@code %KUMA_SOURCE_SERVICE%} on every inbound: it fills the operator in
     * when it builds the listener, with {@code mesh_proto.ServiceUnknown} ({@code applyToInbounds} in
     * pkg/plugins/policies/meshaccesslog/plugin/v1alpha1/plugin.go; {@code ServiceUnknown = "unknown"} in
     * api/mesh/v1alpha1/dataplane_helpers.go; kumahq/kuma at 348b6528). Zone ingress and egress listeners get it for
     * the destination too. The console reads it as no known source, not as a service named "unknown"; the entry's
     * details keep what Kuma wrote.
     */
    @Test
    void kumasUnknownServicePlaceholderIsNoService() throws Exception {
        TrafficEvent inbound = MeshAccessLogLines.parse(JSON.readTree("""
                        {"start_time":"2026-12-03T20:00:00.123Z","mesh":"default","traffic_direction":"INBOUND",
                         "source_service":"unknown","source_address":"10.0.0.7:0","destination_service":"demo-app",
                         "upstream_host":"10.0.0.7:5000","protocol":"HTTP/1.1","response_code":"200",
                         "response_flags":"-","duration":"2","method":"GET","path":"/counter"}
                        """), 0);
        assertThat(inbound.source()).isEmpty();
        assertThat(inbound.destination()).isEqualTo("demo-app");
        assertThat(inbound.countsAsHop()).isTrue();
        assertThat(inbound.details().path("source_service").asText()).isEqualTo("unknown");

        TrafficEvent zoneProxy = MeshAccessLogLines.parse(JSON.readTree("""
                        {"mesh":"default","traffic_direction":"UNSPECIFIED","source_service":"unknown",
                         "destination_service":"unknown","response_flags":"-"}
                        """), 0);
        assertThat(zoneProxy.source()).isEmpty();
        assertThat(zoneProxy.destination()).isEmpty();

        TrafficEvent named = MeshAccessLogLines.parse(JSON.readTree("""
                        {"traffic_direction":"OUTBOUND","source_service":"demo-app","destination_service":"redis"}
                        """), 0);
        assertThat(named.source()).isEqualTo("demo-app");
        assertThat(named.destination()).isEqualTo("redis");
    }

    /**
     * Both records of a hop name its connection by both ends: Envoy's {@code %UPSTREAM_LOCAL_ADDRESS%} and
     * {@code %UPSTREAM_HOST%} on the caller's outbound, {@code %DOWNSTREAM_DIRECT_REMOTE_ADDRESS%} and
     * {@code %DOWNSTREAM_LOCAL_ADDRESS%} on the callee's inbound (ip:port). Behind Kuma's transparent proxy the
     * inbound's local address is the original destination, pod ip and application port, which the Original
     * Destination listener filter restores after iptables' REDIRECT (Envoy's access-log docs, command operators), and
     * the caller's endpoint for it is the same. The console asks Kuma for all four; a record without the caller's
     * side (or with Envoy's {@code -}) has none.
     */
    @Test
    void kumaShapedRecordsNameTheHopsConnectionFromBothEnds() throws Exception {
        assertThat(MeshAccessLogLines.FORMAT)
                .containsEntry("upstream_local_address", "%UPSTREAM_LOCAL_ADDRESS%")
                .containsEntry("upstream_host", "%UPSTREAM_HOST%")
                .containsEntry("downstream_remote_address", "%DOWNSTREAM_DIRECT_REMOTE_ADDRESS%")
                .containsEntry("downstream_local_address", "%DOWNSTREAM_LOCAL_ADDRESS%");
        TrafficEvent inbound = MeshAccessLogLines.parse(JSON.readTree("""
                        {"start_time":"2026-12-03T20:00:00.123Z","mesh":"default","traffic_direction":"INBOUND",
                         "source_service":"unknown","source_address":"10.0.0.7:0","destination_service":"demo-app",
                         "upstream_host":"10.0.0.7:5000","protocol":"HTTP/1.1","response_code":200,
                         "response_flags":"-","duration":2,"method":"GET","path":"/counter",
                         "upstream_local_address":"10.0.0.7:52110","downstream_remote_address":"10.0.0.3:40112",
                         "downstream_local_address":"10.0.0.7:5000"}
                        """), 0);
        assertThat(inbound.source()).isEmpty();
        assertThat(inbound.unnamedInbound()).isTrue();
        assertThat(inbound.connection()).as("its peer, then itself").isEqualTo("10.0.0.3:40112->10.0.0.7:5000");
        TrafficEvent outbound = MeshAccessLogLines.parse(JSON.readTree("""
                        {"mesh":"default","traffic_direction":"OUTBOUND","source_service":"gateway",
                         "source_address":"10.0.0.3:0","destination_service":"demo-app",
                         "upstream_host":"10.0.0.7:5000","response_code":200,"response_flags":"-",
                         "upstream_local_address":"10.0.0.3:40112","downstream_remote_address":"127.0.0.1:33000",
                         "downstream_local_address":"127.0.0.1:15001"}
                        """), 0);
        assertThat(outbound.connection()).as("itself, then its upstream").isEqualTo("10.0.0.3:40112->10.0.0.7:5000");
        assertThat(outbound.unnamedInbound()).isFalse();
        TrafficEvent missing = MeshAccessLogLines.parse(JSON.readTree("""
                        {"traffic_direction":"INBOUND","source_service":"unknown","downstream_remote_address":"-"}
                        """), 0);
        assertThat(missing.connection()).isEmpty();
        TrafficEvent named = inbound.withSource("gateway");
        assertThat(named.source()).isEqualTo("gateway");
        assertThat(named.unnamedInbound()).isFalse();
        assertThat(named.details().path("source_service").asText())
                .as("the record as Kuma wrote it")
                .isEqualTo("unknown");
    }
}
