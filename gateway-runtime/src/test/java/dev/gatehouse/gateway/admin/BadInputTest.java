package dev.gatehouse.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.gateway.support.AdminClient;
import dev.gatehouse.gateway.support.AdminClient.Resp;
import dev.gatehouse.gateway.support.GatewayExtension;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Bad input gets Kong-shaped errors and leaves the store as it was: malformed JSON, wrong types, unknown
 * fields, over-sized bodies (413 past 10 MiB, Kong's admin client_max_body_size), non-UTF-8 names, and keys
 * that must never reach the log.
 */
class BadInputTest {

    @RegisterExtension
    static final GatewayExtension GW = new GatewayExtension();

    private final AdminClient api = GW.client();
    private String serviceId;

    @BeforeEach
    void seed() {
        serviceId = api.post("/services", Map.of("name", "seed-" + UUID.randomUUID(), "host", "seed.test"))
                .json()
                .get("id")
                .asText();
    }

    private Map<String, JsonNode> everything() {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (String c : new String[] {"/services", "/routes", "/consumers", "/plugins", "/key-auths"}) {
            out.put(c, api.get(c + "?size=1000").json().get("data"));
        }
        return out;
    }

    @Test
    void malformedJsonWrongTypesUnknownFields() {
        Map<String, JsonNode> before = everything();
        String path = "/services/" + serviceId;
        assertThat(api.patch(path, "{\"host\": ").text()).isEqualTo("{\"message\":\"Cannot parse JSON body\"}");
        assertThat(api.patch(path, "[1,2]").text()).isEqualTo("{\"message\":\"Cannot parse JSON body\"}");
        Resp types = api.patch(path, "{\"host\":123,\"port\":\"x\",\"enabled\":\"yes\",\"tags\":\"a\"}");
        assertThat(types.status()).isEqualTo(400);
        assertThat(types.json().get("fields"))
                .isEqualTo(
                        AdminClient.parse(
                                "{\"host\":\"expected a string\","
                                        + "\"port\":\"expected an integer\",\"enabled\":\"expected a boolean\",\"tags\":\"expected a set\"}"));
        assertThat(types.json().get("message").asText())
                .isEqualTo("4 schema violations (enabled: expected a boolean;"
                        + " host: expected a string; port: expected an integer; tags: expected a set)");
        Resp range = api.patch(path, "{\"port\":70000,\"retries\":-1}");
        assertThat(range.json().get("fields").get("port").asText()).isEqualTo("value should be between 0 and 65535");
        Resp unknown = api.patch(path, "{\"hots\":\"typo.test\"}");
        assertThat(unknown.json().get("fields")).isEqualTo(AdminClient.parse("{\"hots\":\"unknown field\"}"));
        Resp nested = api.post("/plugins", "{\"name\":\"key-auth\",\"config\":{\"key_nmes\":[\"x\"]}}");
        assertThat(nested.json().get("message").asText())
                .isEqualTo("schema violation (config.key_nmes: unknown field)");
        Resp pk = api.post("/services", "{\"id\":\"" + serviceId + "\",\"host\":\"dup.test\"}");
        assertThat(pk.status()).isEqualTo(400);
        assertThat(pk.json().get("code").asInt()).isEqualTo(3);
        assertThat(pk.json().get("message").asText())
                .isEqualTo("primary key violation on key '{id=\"" + serviceId + "\"}'");
        assertThat(api.post("/services", "{\"id\":\"not-a-uuid\",\"host\":\"x.test\"}")
                        .json()
                        .get("fields")
                        .get("id")
                        .asText())
                .isEqualTo("expected a valid UUID");
        assertThat(everything()).isEqualTo(before);
    }

    @Test
    void oversizedBodiesGet413AndTheServerCarriesOn() {
        Map<String, JsonNode> before = everything();
        byte[] big = new byte[10 * 1024 * 1024 + 1];
        java.util.Arrays.fill(big, (byte) 'a');
        Resp r = api.raw("POST", "/services", "application/json", big);
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.json().get("message").asText()).isEqualTo("Payload too large");
        byte[] justUnder = ("{\"host\":\"big.test\",\"tags\":[\"" + "a".repeat(9 * 1024 * 1024) + "\"]}")
                .getBytes(StandardCharsets.UTF_8);
        Resp under = api.raw("POST", "/schemas/services/validate", "application/json", justUnder);
        assertThat(under.status()).isEqualTo(200);
        assertThat(under.json().get("message").asText()).isEqualTo("schema validation successful");
        assertThat(api.get("/services/" + serviceId).status()).isEqualTo(200);
        assertThat(everything()).isEqualTo(before);
    }

    /**
     * A client that sends its whole body before it reads (curl does, for small enough uploads) still gets the 413:
     * the server drains what is left instead of closing with unread input, which resets the connection and loses the
     * answer (nginx's lingering close). The HTTP client above reads while it sends, so it only lost the answer now
     * and then.
     */
    @Test
    void aClientThatSendsTheWholeOversizedBodyFirstStillReadsThe413() throws Exception {
        java.net.URI admin = java.net.URI.create(GW.process().adminUrl());
        int length = 40 * 1024 * 1024;
        try (java.net.Socket socket = new java.net.Socket(admin.getHost(), admin.getPort())) {
            socket.setSoTimeout(30_000);
            java.io.OutputStream out = socket.getOutputStream();
            out.write(("POST /services HTTP/1.1\r\nHost: " + admin.getAuthority()
                            + "\r\nContent-Type: application/json\r\nContent-Length: " + length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[64 * 1024];
            java.util.Arrays.fill(chunk, (byte) 'a');
            for (int sent = 0; sent < length; sent += chunk.length) {
                out.write(chunk, 0, Math.min(chunk.length, length - sent));
            }
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertThat(answer).startsWith("HTTP/1.1 413 ").contains("Payload too large");
        }
    }

    @Test
    void nonUtf8NamesAreRejectedWithKongMessages() {
        Map<String, JsonNode> before = everything();
        // form body: name=%FF%FE
        Resp form = api.raw(
                "POST",
                "/services",
                "application/x-www-form-urlencoded",
                "host=u.test&name=ab%FF%FE".getBytes(StandardCharsets.US_ASCII));
        assertThat(form.status()).isEqualTo(400);
        assertThat(form.json().get("fields").get("name").asText())
                .isEqualTo("invalid utf-8 character sequence detected at position 3");
        // raw invalid bytes inside a JSON string
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        json.writeBytes("{\"host\":\"u.test\",\"name\":\"x".getBytes(StandardCharsets.US_ASCII));
        json.write(0xC3);
        json.write(0x28);
        json.writeBytes("\"}".getBytes(StandardCharsets.US_ASCII));
        Resp raw = api.raw("POST", "/services", "application/json", json.toByteArray());
        assertThat(raw.status()).isEqualTo(400);
        assertThat(raw.json().get("code").asInt()).isEqualTo(2);
        assertThat(raw.json().get("fields").get("name").asText())
                .isEqualTo("invalid utf-8 character sequence detected at position 2");
        // invalid bytes in a field name: Kong echoes the name; as lone surrogates they made the body unparseable JSON
        ByteArrayOutputStream key = new ByteArrayOutputStream();
        key.writeBytes("{\"x".getBytes(StandardCharsets.US_ASCII));
        key.write(0xFF);
        key.writeBytes("\":1}".getBytes(StandardCharsets.US_ASCII));
        Resp badKey = api.raw("PATCH", "/services/" + serviceId, "application/json", key.toByteArray());
        assertThat(badKey.status()).isEqualTo(400);
        assertThat(badKey.json()).as(badKey.text()).isNotNull();
        assertThat(badKey.json().get("fields").get("x\uFFFD").asText()).isEqualTo("unknown field");
        Resp consumer = api.raw(
                "POST",
                "/consumers",
                "application/x-www-form-urlencoded",
                "username=%80".getBytes(StandardCharsets.US_ASCII));
        assertThat(consumer.status()).isEqualTo(400);
        assertThat(consumer.json().get("fields").get("username").asText())
                .isEqualTo("invalid utf-8 character sequence detected at position 1");
        // In a URL, an endpoint key that fails its validator is "invalid unique name" (kong/db/dao
        // validate_unique_row_method).
        Resp url = api.get("/services/%FF");
        assertThat(url.status()).isEqualTo(400);
        assertThat(url.json().get("code").asInt()).isEqualTo(10);
        assertThat(url.json().get("name").asText()).isEqualTo("invalid unique name");
        assertThat(url.json().get("message").asText())
                .isEqualTo("invalid utf-8 character sequence detected at position 1");
        Resp ascii = api.post("/services", Map.of("host", "u.test", "name", "has space"));
        assertThat(ascii.json().get("fields").get("name").asText())
                .isEqualTo(
                        "invalid value 'has space': the only accepted ascii characters are alphanumerics or ., -, _, and ~");
        Resp utf8 = api.post("/services", Map.of("host", "u.test", "name", "サービス-" + UUID.randomUUID()));
        assertThat(utf8.status()).isEqualTo(201);
        api.delete("/services/" + utf8.json().get("id").asText());
        assertThat(everything()).isEqualTo(before);
    }

    @Test
    void keysNeverReachTheLog() {
        String secret = "s3cr3t-" + UUID.randomUUID();
        String consumer = api.post("/consumers", Map.of("username", "log-" + UUID.randomUUID()))
                .json()
                .get("id")
                .asText();
        assertThat(api.post("/consumers/" + consumer + "/key-auth", Map.of("key", secret))
                        .status())
                .isEqualTo(201);
        assertThat(api.post("/consumers/" + consumer + "/key-auth", Map.of("key", secret))
                        .status())
                .isEqualTo(409);
        assertThat(api.get("/key-auths/" + secret).status()).isEqualTo(200);
        assertThat(String.join("\n", GW.process().output())).doesNotContain(secret);
    }
}
