package dev.gatehouse.mesh.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MeshAccessLog through the control plane's API to the data planes, live: a policy PUT, changed or DELETEd reaches
 * the data planes without a restart, and their records arrive at the policy's Tcp or File backend in its format.
 */
class MeshAccessLogDataplaneTest {
    /**
     * The format the console's "Watch" creates (app's MeshAccessLogLines; keys = AccessLogEntry.toJson()'s where they
     * overlap): TCP denials in {@code details}, HTTP ones in {@code response_details}, as Envoy reports each.
     */
    static String consoleFormat() {
        return """
                {"type":"Json","json":[
                  {"key":"start_time","value":"%START_TIME%"},{"key":"mesh","value":"%KUMA_MESH%"},
                  {"key":"traffic_direction","value":"%KUMA_TRAFFIC_DIRECTION%"},
                  {"key":"source_service","value":"%KUMA_SOURCE_SERVICE%"},
                  {"key":"source_address","value":"%KUMA_SOURCE_ADDRESS%"},
                  {"key":"destination_service","value":"%KUMA_DESTINATION_SERVICE%"},
                  {"key":"upstream_host","value":"%UPSTREAM_HOST%"},{"key":"protocol","value":"%PROTOCOL%"},
                  {"key":"response_code","value":"%RESPONSE_CODE%"},{"key":"response_flags","value":"%RESPONSE_FLAGS%"},
                  {"key":"duration","value":"%DURATION%"},{"key":"bytes_sent","value":"%BYTES_SENT%"},
                  {"key":"bytes_received","value":"%BYTES_RECEIVED%"},{"key":"details","value":"%CONNECTION_TERMINATION_DETAILS%"},
                  {"key":"response_details","value":"%RESPONSE_CODE_DETAILS%"},
                  {"key":"method","value":"%REQ(:METHOD)%"},{"key":"path","value":"%REQ(X-ENVOY-ORIGINAL-PATH?:PATH)%"},
                  {"key":"request_id","value":"%REQ(X-KONG-REQUEST-ID)%"},
                  {"key":"upstream_local_address","value":"%UPSTREAM_LOCAL_ADDRESS%"},
                  {"key":"downstream_remote_address","value":"%DOWNSTREAM_DIRECT_REMOTE_ADDRESS%"},
                  {"key":"downstream_local_address","value":"%DOWNSTREAM_LOCAL_ADDRESS%"}]}""";
    }

    @TempDir
    Path dir;

    MeshBed bed;
    EchoServer redisApp;
    HttpServer webApp;
    RunningDataplane redis;
    RunningDataplane web;
    RunningDataplane front;

    @BeforeEach
    void start() throws Exception {
        redisApp = new EchoServer();
        webApp = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        webApp.createContext("/", ex -> {
            byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(body);
            }
        });
        webApp.start();
        bed = new MeshBed(dir.resolve("cp"));
        bed.mtlsMesh("shop");
        redis = bed.sidecar("shop", "redis-1", "redis", redisApp.port(), "tcp");
        web = bed.sidecar("shop", "web-1", "web", webApp.getAddress().getPort(), "http");
        front = bed.sidecar("shop", "front-1", "front", 1, "tcp", "redis", "web");
    }

    @AfterEach
    void stop() throws Exception {
        bed.close();
        redisApp.close();
        webApp.stop(0);
    }

    /** PUTs a MeshAccessLog logging inbound (from) and outbound (to) traffic of every proxy to {@code backend}. */
    private void putPolicy(String name, String backend) {
        String body = """
                {"type":"MeshAccessLog","mesh":"shop","name":"%s","spec":{"targetRef":{"kind":"Mesh"},
                  "from":[{"targetRef":{"kind":"Mesh"},"default":{"backends":[%s]}}],
                  "to":[{"targetRef":{"kind":"Mesh"},"default":{"backends":[%s]}}]}}""".formatted(name, backend, backend);
        assertThat(bed.http.putJson("/meshes/shop/meshaccesslogs/" + name, body).status())
                .isIn(200, 201);
        awaitApplied();
    }

    private static String tcp(InetSocketAddress to, String format) {
        return "{\"type\":\"Tcp\",\"tcp\":{\"address\":\"127.0.0.1:" + to.getPort() + "\""
                + (format == null ? "" : ",\"format\":" + format) + "}}";
    }

    /** Waits until every data plane enforces the control plane's current revision (no fixed sleeps). */
    private void awaitApplied() {
        long revision =
                bed.http.get("/meshes/shop/_snapshot").json().path("revision").asLong();
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(10))
                .until(() ->
                        redis.revision() >= revision && web.revision() >= revision && front.revision() >= revision);
    }

    private String redisRoundTrip() {
        return MeshBed.roundTrip(front.outbound("redis").orElseThrow(), "ping\n");
    }

    private HttpResponse<String> webGet(String path, String kongRequestId) throws Exception {
        URI uri = URI.create(
                "http://127.0.0.1:" + front.outbound("web").orElseThrow().getPort() + path);
        try (HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            return client.send(
                    HttpRequest.newBuilder(uri)
                            .header("X-Kong-Request-Id", kongRequestId)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }

    /** The inbound record of redis-1 and the outbound record of front-1 of one connection, in either order. */
    private static JsonNode[] inboundAndOutbound(LogReceiver logs, String service) throws Exception {
        JsonNode[] found = new JsonNode[2];
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while ((found[0] == null || found[1] == null) && System.nanoTime() < deadline) {
            JsonNode n = logs.next(x -> true, Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (n == null) {
                break;
            }
            if (n.path("traffic_direction").asText().equals("INBOUND")
                    && n.path("destination_service").asText().equals(service)) {
                found[0] = n;
            } else if (n.path("traffic_direction").asText().equals("OUTBOUND")
                    && n.path("source_service").asText().equals("front")
                    && n.path("destination_service").asText().equals(service)) {
                found[1] = n;
            }
        }
        return found;
    }

    private static JsonNode next(LogReceiver logs, String direction, String dataplaneService) throws Exception {
        String key = direction.equals("INBOUND") ? "destination_service" : "source_service";
        return logs.next(
                n -> n.path("traffic_direction").asText().equals(direction)
                        && n.path(key).asText().equals(dataplaneService),
                Duration.ofSeconds(5));
    }

    @Test
    void consoleJsonFormatOverTcpFollowsPutUpdateAndDelete() throws Exception {
        try (LogReceiver first = new LogReceiver();
                LogReceiver second = new LogReceiver()) {
            putPolicy("watch", tcp(first.address(), consoleFormat()));
            assertThat(redisRoundTrip()).isEqualTo("ping\n");

            JsonNode[] both = inboundAndOutbound(first, "redis");
            JsonNode in = both[0];
            assertThat(in).as("inbound record of redis-1").isNotNull();
            assertThat(in.path("mesh").asText()).isEqualTo("shop");
            // as Kuma writes them on an inbound: no source service, and the data plane's own address
            assertThat(in.path("source_service").asText()).isEqualTo("unknown");
            assertThat(in.path("source_address").asText()).isEqualTo("127.0.0.1:0");
            assertThat(in.path("upstream_host").asText()).isEqualTo("127.0.0.1:" + redisApp.port());
            assertThat(in.path("start_time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
            // Envoy's typed JSON: numeric operators are numbers; missing values are null
            assertThat(in.path("response_code").isNumber()).isTrue();
            assertThat(in.path("response_code").asInt()).isZero();
            assertThat(in.path("bytes_sent").isNumber()).isTrue();
            assertThat(in.path("bytes_sent").asLong()).isEqualTo(5);
            assertThat(in.path("bytes_received").asLong()).isEqualTo(5);
            assertThat(in.path("duration").isNumber()).isTrue();
            assertThat(in.path("response_flags").asText()).isEqualTo("-");
            assertThat(in.get("protocol").isNull())
                    .as("%PROTOCOL% of a TCP connection")
                    .isTrue();
            assertThat(in.get("details").isNull()).isTrue();
            assertThat(in.get("response_details").isNull())
                    .as("%RESPONSE_CODE_DETAILS% of a TCP connection")
                    .isTrue();
            assertThat(in.get("method").isNull()).isTrue();
            assertThat(in.get("request_id").isNull()).isTrue();

            JsonNode out = both[1];
            assertThat(out).as("outbound record of front-1").isNotNull();
            assertThat(out.path("source_service").asText())
                    .as("an outbound names both ends")
                    .isEqualTo("front");
            assertThat(out.path("destination_service").asText()).isEqualTo("redis");
            assertThat(out.path("upstream_host").asText())
                    .isEqualTo("127.0.0.1:" + redis.inbounds().get(0).address().getPort());
            // one connection seen from both ends: the caller's side of it is what the callee sees as its peer
            assertThat(out.path("upstream_local_address").asText()).matches("127\\.0\\.0\\.1:\\d+");
            assertThat(in.path("downstream_remote_address").asText())
                    .isEqualTo(out.path("upstream_local_address").asText());
            // and the callee's side of it is the host the caller connected to
            assertThat(in.path("downstream_local_address").asText())
                    .isEqualTo(out.path("upstream_host").asText());
            assertThat(in.path("upstream_local_address").asText())
                    .as("the inbound's own connection to its application")
                    .matches("127\\.0\\.0\\.1:\\d+")
                    .isNotEqualTo(out.path("upstream_local_address").asText());

            // A denial is recognisable as Envoy shows it: the network RBAC filter's termination details.
            assertThat(bed.http
                            .delete("/meshes/shop/traffic-permissions/allow-all-shop")
                            .status())
                    .isEqualTo(200);
            awaitApplied();
            first.clear();
            assertThat(redisRoundTrip()).isNull();
            JsonNode denied = next(first, "INBOUND", "redis");
            assertThat(denied).as("record of the denied connection").isNotNull();
            assertThat(denied.path("details").asText()).isEqualTo("rbac_access_denied_matched_policy[none]");
            assertThat(denied.get("response_details").isNull()).isTrue();
            assertThat(denied.path("source_service").asText()).isEqualTo("unknown");
            assertThat(denied.path("downstream_remote_address").asText()).matches("127\\.0\\.0\\.1:\\d+");
            assertThat(denied.get("upstream_local_address").isNull())
                    .as("a denied connection never reached its application")
                    .isTrue();

            // Changing the backend's address moves the records to the new receiver.
            putPolicy("watch", tcp(second.address(), consoleFormat()));
            first.clear();
            redisRoundTrip();
            // Either side may close first, so the two records arrive in any order.
            JsonNode[] moved = inboundAndOutbound(second, "redis");
            assertThat(moved[0]).as("inbound record at the new address").isNotNull();
            assertThat(moved[1]).as("outbound record at the new address").isNotNull();
            assertThat(first.next(n -> true, Duration.ofMillis(300)))
                    .as("nothing at the old address")
                    .isNull();

            // Deleting the policy stops the records.
            assertThat(bed.http.delete("/meshes/shop/meshaccesslogs/watch").status())
                    .isEqualTo(200);
            awaitApplied();
            second.clear();
            redisRoundTrip();
            assertThat(second.next(n -> true, Duration.ofMillis(500)))
                    .as("records after DELETE")
                    .isNull();
            assertThat(front.accessLogRecordsBuilt() + redis.accessLogRecordsBuilt())
                    .as("records built while they went somewhere")
                    .isPositive();
        }
    }

    @Test
    void httpRequestsCarryMethodPathRequestIdAndDenialDetails() throws Exception {
        try (LogReceiver logs = new LogReceiver()) {
            putPolicy("watch", tcp(logs.address(), consoleFormat()));
            assertThat(webGet("/hello?x=1", "kong-req-1").statusCode()).isEqualTo(200);
            JsonNode[] both = inboundAndOutbound(logs, "web");
            JsonNode in = both[0];
            assertThat(in).isNotNull();
            assertThat(in.path("protocol").asText()).isEqualTo("HTTP/1.1");
            assertThat(in.path("response_code").isNumber()).isTrue();
            assertThat(in.path("response_code").asInt()).isEqualTo(200);
            assertThat(in.path("method").asText()).isEqualTo("GET");
            assertThat(in.path("path").asText()).isEqualTo("/hello?x=1");
            assertThat(in.path("request_id").asText()).isEqualTo("kong-req-1");
            assertThat(in.path("response_details").asText()).isEqualTo("via_upstream");
            assertThat(in.get("details").isNull())
                    .as("%CONNECTION_TERMINATION_DETAILS% of a request")
                    .isTrue();
            assertThat(in.path("bytes_sent").asLong()).isEqualTo(5);
            // the caller's side logs the request too, as Envoy's HTTP connection manager on an outbound to an http
            // service does (web's endpoints are http), on the connection the inbound saw
            JsonNode out = both[1];
            assertThat(out).as("outbound record of the request").isNotNull();
            assertThat(out.path("method").asText()).isEqualTo("GET");
            assertThat(out.path("path").asText()).isEqualTo("/hello?x=1");
            assertThat(out.path("response_code").asInt()).isEqualTo(200);
            assertThat(out.path("request_id").asText()).isEqualTo("kong-req-1");
            assertThat(out.path("upstream_local_address").asText())
                    .isEqualTo(in.path("downstream_remote_address").asText());

            assertThat(bed.http
                            .delete("/meshes/shop/traffic-permissions/allow-all-shop")
                            .status())
                    .isEqualTo(200);
            awaitApplied();
            assertThat(webGet("/hello", "kong-req-2").statusCode()).isEqualTo(403);
            JsonNode denied = logs.next(
                    n -> n.path("request_id").asText().equals("kong-req-2")
                            && n.path("traffic_direction").asText().equals("INBOUND"),
                    Duration.ofSeconds(5));
            assertThat(denied).isNotNull();
            assertThat(denied.path("response_code").asInt()).isEqualTo(403);
            assertThat(denied.path("response_details").asText()).isEqualTo("rbac_access_denied_matched_policy[none]");
        }
    }

    @Test
    void plainFormatSubstitutesOperatorsAndDashesWhatIsMissing() throws Exception {
        try (LogReceiver logs = new LogReceiver()) {
            String format = "{\"type\":\"Plain\",\"plain\":\"%KUMA_TRAFFIC_DIRECTION% %KUMA_SOURCE_SERVICE%->"
                    + "%KUMA_DESTINATION_SERVICE% code=%RESPONSE_CODE% m=%REQ(:METHOD)% ua=%REQ(USER-AGENT):4%"
                    + " x=%NOT_AN_OPERATOR% cluster=%UPSTREAM_CLUSTER% src=%KUMA_SOURCE_ADDRESS_WITHOUT_PORT%\"}";
            String body = """
                    {"type":"MeshAccessLog","mesh":"shop","name":"plain","spec":{"targetRef":{"kind":"MeshService","name":"web"},
                      "from":[{"targetRef":{"kind":"Mesh"},"default":{"backends":[%s]}}]}}""".formatted(tcp(logs.address(), format));
            assertThat(bed.http
                            .putJson("/meshes/shop/meshaccesslogs/plain", body)
                            .status())
                    .isEqualTo(201);
            awaitApplied();
            assertThat(redisRoundTrip()).isEqualTo("ping\n"); // not selected: redis-1 is not MeshService web
            assertThat(webGet("/", "r").statusCode()).isEqualTo(200);
            String line = logs.nextLine(Duration.ofSeconds(5));
            assertThat(line)
                    .isEqualTo("INBOUND unknown->web code=200 m=GET ua=Java x=- cluster=localhost:"
                            + webApp.getAddress().getPort() + " src=127.0.0.1");
            assertThat(logs.nextLine(Duration.ofMillis(300)))
                    .as("only web-1's inbound is selected")
                    .isNull();
        }
    }

    @Test
    void fileBackendWithoutFormatAppendsKumasDefaultNetworkLine() throws Exception {
        Path file = dir.resolve("access.log");
        putPolicy("to-file", "{\"type\":\"File\",\"file\":{\"path\":\"" + file.toAbsolutePath() + "\"}}");
        assertThat(redisRoundTrip()).isEqualTo("ping\n");
        // Both lines, the inbound's and the outbound's: each listener writes its own, in no fixed order.
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> Files.exists(file)
                        && Files.readAllLines(file).stream()
                                .anyMatch(l -> l.contains("(redis) took")
                                        && l.contains("shop 127.0.0.1(unknown)->127.0.0.1:" + redisApp.port()))
                        && Files.readAllLines(file).stream().anyMatch(l -> l.contains("shop 127.0.0.1(front)->")));
        List<String> lines = Files.readAllLines(file);
        // defaultNetworkAccessLogFormat (plugin/xds/configurer.go @v2.14.3); an inbound's source is "unknown" in Kuma
        assertThat(lines)
                .anyMatch(l -> l.matches(
                        "\\[\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z] - shop 127\\.0\\.0\\.1\\(unknown\\)->127\\.0\\.0\\.1:"
                                + redisApp.port() + "\\(redis\\) took \\d+ms, sent 5 bytes, received: 5 bytes"));
        // the outbound's line names its service, as Kuma's does
        assertThat(lines)
                .anyMatch(l -> l.matches("\\[[^]]+] - shop 127\\.0\\.0\\.1\\(front\\)->127\\.0\\.0\\.1:"
                        + redis.inbounds().get(0).address().getPort() + "\\(redis\\) took .*"));
    }
}
