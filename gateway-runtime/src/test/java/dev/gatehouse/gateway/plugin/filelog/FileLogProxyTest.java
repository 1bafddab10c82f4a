package dev.gatehouse.gateway.plugin.filelog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.gateway.support.AdminClient;
import dev.gatehouse.gateway.support.EmbeddedGateway;
import dev.gatehouse.gateway.support.ProxyClient;
import dev.gatehouse.gateway.support.Setup;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * file-log over real sockets, reading the file it writes. After Kong's {@code kong/plugins/file-log/handler.lua}
 * (one {@code cjson.encode(kong.log.serialize())} line per request, {@code O_CREAT|O_APPEND}, mode 0644, an fd kept
 * per path unless {@code reopen}), {@code schema.lua} and {@code spec/03-plugins/04-file-log/01-log_spec.lua}
 * ("reopens file on each request", "logs are lost if reopen = false and file doesn't exist", "does not create log file
 * if directory doesn't exist") and {@code 02-schema_spec.lua}. Credentials read by key-auth are written REDACTED (the
 * house rule; Kong's serializer redacts only {@code authorization} and {@code proxy-authorization}).
 */
class FileLogProxyTest {

    @RegisterExtension
    static final EmbeddedGateway GW = new EmbeddedGateway();

    @TempDir
    Path dir;

    private final Setup setup = new Setup(GW);
    private final AdminClient admin = GW.admin();
    private final ProxyClient proxy = GW.proxy();

    private String routeLoggingTo(Path file, boolean reopen) {
        String host = Setup.host();
        String route = setup.routeOnHost(host);
        setup.plugin("/routes/" + route + "/plugins", "file-log", Map.of("path", file.toString(), "reopen", reopen));
        return host;
    }

    private static List<JsonNode> lines(Path file, int atLeast) {
        return Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(5))
                .until(() -> read(file), l -> l.size() >= atLeast);
    }

    private static List<JsonNode> read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (!text.isEmpty()) {
            assertThat(text).endsWith("\n");
        }
        return text.lines().map(AdminClient::parse).toList();
    }

    @Test
    void eachRequestIsOneSerializerLineInOrderInA0644File() throws Exception {
        Path file = dir.resolve("access.log");
        String host = routeLoggingTo(file, false);
        for (int i = 0; i < 3; i++) {
            assertThat(proxy.get("/n" + i + "?q=" + i, "Host", host).statusCode())
                    .isEqualTo(200);
        }
        List<JsonNode> lines = lines(file, 3);
        assertThat(lines).hasSize(3);
        for (int i = 0; i < 3; i++) {
            JsonNode l = lines.get(i);
            assertThat(l.at("/request/uri").asText()).isEqualTo("/n" + i + "?q=" + i);
            assertThat(l.at("/request/querystring/q").asText()).isEqualTo(Integer.toString(i));
            assertThat(l.at("/response/status").asInt()).isEqualTo(200);
            assertThat(l.at("/upstream_status").asText()).isEqualTo("200");
            assertThat(l.at("/client_ip").asText()).isEqualTo("127.0.0.1");
            assertThat(l.at("/route/id").asText()).isNotEmpty();
            assertThat(l.at("/service/id").asText()).isNotEmpty();
            assertThat(l.at("/latencies/request").isIntegralNumber()).isTrue();
            assertThat(l.at("/request/id").asText()).matches("[0-9a-f]{32}");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-r--r--");
    }

    @Test
    void credentialsAreWrittenRedacted() throws Exception {
        Path file = dir.resolve("auth.log");
        String host = Setup.host();
        String route = setup.routeOnHost(host);
        setup.plugin("/routes/" + route + "/plugins", "key-auth", Map.of());
        setup.plugin("/routes/" + route + "/plugins", "file-log", Map.of("path", file.toString()));
        String consumer = "fl-" + java.util.UUID.randomUUID();
        setup.consumer(consumer);
        setup.key(consumer, "top-secret-key-1");

        assertThat(proxy.get("/a?x=1&apikey=top-secret-key-1", "Host", host, "Authorization", "Bearer tok-2")
                        .statusCode())
                .isEqualTo(200);
        assertThat(proxy.get("/b", "Host", host, "apikey", "top-secret-key-1").statusCode())
                .isEqualTo(200);
        // a wrong key is as secret as a right one (it may be someone's mistyped key)
        assertThat(proxy.get("/c?apikey=almost-secret", "Host", host).statusCode())
                .isEqualTo(401);
        List<JsonNode> lines = lines(file, 3);
        String all = Files.readString(file);
        assertThat(all).doesNotContain("top-secret-key-1", "tok-2", "almost-secret");

        JsonNode query = lines.get(0);
        assertThat(query.at("/request/querystring/apikey").asText()).isEqualTo("REDACTED");
        assertThat(query.at("/request/querystring/x").asText()).isEqualTo("1");
        assertThat(query.at("/request/uri").asText()).isEqualTo("/a?x=1&apikey=REDACTED");
        assertThat(query.at("/request/url").asText()).endsWith("/a?x=1&apikey=REDACTED");
        // Kong's own redaction
        assertThat(query.at("/request/headers/authorization").asText()).isEqualTo("REDACTED");
        assertThat(query.at("/authenticated_entity/consumer_id").asText()).isNotEmpty();

        assertThat(lines.get(1).at("/request/headers/apikey").asText()).isEqualTo("REDACTED");
        assertThat(lines.get(2).at("/request/uri").asText()).isEqualTo("/c?apikey=REDACTED");
        assertThat(lines.get(2).at("/response/status").asInt()).isEqualTo(401);
    }

    @Test
    void reopenRecreatesARemovedFileAndWithoutItTheLinesAreLost() throws Exception {
        Path reopened = dir.resolve("reopen.log");
        String host = routeLoggingTo(reopened, true);
        proxy.get("/1", "Host", host);
        lines(reopened, 1);
        Files.delete(reopened);
        proxy.get("/2", "Host", host);
        proxy.get("/3", "Host", host);
        List<JsonNode> after = lines(reopened, 2);
        assertThat(after.stream().map(l -> l.at("/request/uri").asText()).toList())
                .containsExactly("/2", "/3");

        Path kept = dir.resolve("kept.log");
        String other = routeLoggingTo(kept, false);
        proxy.get("/1", "Host", other);
        lines(kept, 1);
        Files.delete(kept);
        proxy.get("/2", "Host", other);
        // a later line on the same route shows the writer went past /2
        Path marker = dir.resolve("marker.log");
        String markerHost = routeLoggingTo(marker, false);
        proxy.get("/m", "Host", markerHost);
        lines(marker, 1);
        assertThat(Files.exists(kept)).isFalse();
    }

    @Test
    void aMissingDirectoryIsNotCreated() throws Exception {
        Path file = dir.resolve("no-such-dir").resolve("x.log");
        String host = routeLoggingTo(file, false);
        assertThat(proxy.get("/", "Host", host).statusCode()).isEqualTo(200);
        Path marker = dir.resolve("marker2.log");
        proxy.get("/", "Host", routeLoggingTo(marker, false));
        lines(marker, 1);
        assertThat(Files.exists(file.getParent())).isFalse();
    }

    @Test
    void schemaIsKongs() {
        AdminClient.Resp missing = admin.post("/plugins", Map.of("name", "file-log", "config", Map.of("reopen", true)));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().at("/fields/config/path").asText()).isEqualTo("required field missing");
        for (String bad : List.of("/ovo*", "/ovo`", "test&thing", " /lead", "/trail ", "/a%b")) {
            AdminClient.Resp r = admin.post("/plugins", Map.of("name", "file-log", "config", Map.of("path", bad)));
            assertThat(r.json().at("/fields/config/path").asText()).as(bad).isEqualTo("not a valid filename");
        }
        AdminClient.Resp lua = admin.post(
                "/plugins",
                Map.of(
                        "name",
                        "file-log",
                        "config",
                        Map.of("path", "/tmp/x.log", "custom_fields_by_lua", Map.of("f", "return 1"))));
        assertThat(lua.status()).isEqualTo(400);
        assertThat(lua.json().at("/fields/config/custom_fields_by_lua").asText())
                .isEqualTo("Lua code is not supported by this gateway (it has no Lua sandbox)");
        AdminClient.Resp ok = admin.post(
                "/plugins",
                Map.of("name", "file-log", "instance_name", "fl-schema", "config", Map.of("path", "/tmp/x.log")));
        assertThat(ok.status()).isEqualTo(201);
        assertThat(ok.json().get("config").toString())
                .isEqualTo("{\"path\":\"/tmp/x.log\",\"reopen\":false,\"custom_fields_by_lua\":null}");
        assertThat(ok.json().get("protocols").toString()).isEqualTo("[\"grpc\",\"grpcs\",\"http\",\"https\"]");
        admin.delete("/plugins/fl-schema");
    }
}
