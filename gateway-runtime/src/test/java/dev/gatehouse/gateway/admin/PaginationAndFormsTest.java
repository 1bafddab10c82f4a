package dev.gatehouse.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.gateway.support.AdminClient;
import dev.gatehouse.gateway.support.AdminClient.Resp;
import dev.gatehouse.gateway.support.GatewayExtension;
import dev.gatehouse.gateway.support.RawHttp;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Paging (checklist items 6, 7, 21; {@code kong/api/endpoints.lua}) and Kong's form decoding rules
 * ({@code kong/api/arguments.lua}, {@code arguments_decoder.lua}; reference section 1.3). This class starts
 * from an empty gateway so it can count rows exactly.
 */
class PaginationAndFormsTest {

    @RegisterExtension
    static final GatewayExtension GW = new GatewayExtension();

    private final AdminClient api = GW.client();

    @Test
    void item6_item7_pagesOfServices() {
        Resp empty = api.get("/services?foo=bar");
        assertThat(empty.status()).isEqualTo(200);
        assertThat(empty.text()).isEqualTo("{\"data\":[],\"next\":null}");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ids.add(api.post("/services", Map.of("host", "page.test", "name", "page-" + i))
                    .json()
                    .get("id")
                    .asText());
        }
        assertThat(api.get("/services").json().get("data")).hasSize(10);
        List<Integer> sizes = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        String next = "/services?size=3";
        while (next != null) {
            JsonNode page = api.get(next).json();
            sizes.add(page.get("data").size());
            page.get("data").forEach(s -> seen.add(s.get("id").asText()));
            if (page.get("next").isNull()) {
                assertThat(page.has("offset")).isFalse();
                next = null;
            } else {
                String offset = page.get("offset").asText();
                assertThat(page.get("next").asText())
                        .isEqualTo("/services?offset=" + URLEncoder.encode(offset, StandardCharsets.UTF_8) + "&size=3");
                next = page.get("next").asText();
            }
        }
        assertThat(sizes).containsExactly(3, 3, 3, 1);
        assertThat(seen).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(seen).isSorted(); // Kong pages in primary-key order
        assertThat(api.get("/services?size=0").json().get("message").asText())
                .isEqualTo("size must be an integer between 1 and 1000");
        assertThat(api.get("/services?size=1001").status()).isEqualTo(400);
        ids.forEach(id -> api.delete("/services/" + id));
    }

    @Test
    void tagFilters() {
        String a = "ta" + UUID.randomUUID().toString().substring(0, 6);
        String b = "tb" + UUID.randomUUID().toString().substring(0, 6);
        List<String> created = new ArrayList<>();
        created.add(api.post("/consumers", Map.of("username", "c1" + a, "tags", new String[] {a}))
                .json()
                .get("id")
                .asText());
        created.add(api.post("/consumers", Map.of("username", "c2" + a, "tags", new String[] {a, b}))
                .json()
                .get("id")
                .asText());
        created.add(api.post("/consumers", Map.of("username", "c3" + a, "tags", new String[] {b}))
                .json()
                .get("id")
                .asText());
        assertThat(api.get("/consumers?tags=" + a).json().get("data")).hasSize(2);
        assertThat(api.get("/consumers?tags=" + a + "," + b).json().get("data")).hasSize(1);
        assertThat(api.get("/consumers?tags=" + a + "/" + b).json().get("data")).hasSize(3);
        Resp mixed = api.get("/consumers?tags=" + a + "," + b + "/x");
        assertThat(mixed.status()).isEqualTo(400);
        assertThat(mixed.json().get("message").asText()).isEqualTo("invalid option (tags: invalid filter syntax)");
        JsonNode first = api.get("/consumers?tags=" + a + "/" + b + "&size=2").json();
        assertThat(first.get("next").asText()).endsWith("&tags=" + a + "%2F" + b + "&size=2");
        created.forEach(id -> api.delete("/consumers/" + id));
    }

    @Test
    void formArraysSingleValuesAndNesting() {
        Resp brackets = api.form("POST", "/routes", "paths[]", "/a", "paths[]", "/b");
        assertThat(brackets.json().get("paths")).isEqualTo(AdminClient.parse("[\"/a\",\"/b\"]"));
        Resp indexed = api.form("POST", "/routes", "paths[1]", "/a", "paths[2]", "/b");
        assertThat(indexed.json().get("paths")).isEqualTo(AdminClient.parse("[\"/a\",\"/b\"]"));
        Resp single = api.form("POST", "/routes", "paths", "/");
        assertThat(single.json().get("paths")).isEqualTo(AdminClient.parse("[\"/\"]"));
        Resp repeated = api.form("POST", "/routes", "paths", "/x", "paths", "/y");
        assertThat(repeated.json().get("paths")).isEqualTo(AdminClient.parse("[\"/x\",\"/y\"]"));
        Resp commas = api.form("POST", "/routes", "hosts", "a.test,b.test");
        assertThat(commas.status()).isEqualTo(400); // commas are not split: one invalid host
        Resp map = api.form("POST", "/routes", "paths", "/h", "headers.x-foo", "bar", "headers[x-bar][]", "baz");
        assertThat(map.json().get("headers")).isEqualTo(AdminClient.parse("{\"x-foo\":[\"bar\"],\"x-bar\":[\"baz\"]}"));
        Resp multi = api.multipart("POST", "/routes", "paths[]", "/m", "methods", "GET");
        assertThat(multi.json().get("methods")).isEqualTo(AdminClient.parse("[\"GET\"]"));
    }

    @Test
    void formTypesAndEmptyStringIsNull() {
        Resp typed = api.form(
                "POST",
                "/services",
                "host",
                "f.test",
                "port",
                "8080",
                "retries",
                "3",
                "enabled",
                "false",
                "name",
                "form-" + UUID.randomUUID());
        assertThat(typed.status()).isEqualTo(201);
        assertThat(typed.json().get("port").asInt()).isEqualTo(8080);
        assertThat(typed.json().get("port").isIntegralNumber()).isTrue();
        assertThat(typed.json().get("enabled").asBoolean()).isFalse();
        String id = typed.json().get("id").asText();
        Resp cleared = api.form("PATCH", "/services/" + id, "name", "");
        assertThat(cleared.status()).isEqualTo(200);
        assertThat(cleared.json().get("name").isNull()).isTrue();
        Resp bad = api.form("POST", "/services", "host", "f.test", "port", "eighty");
        assertThat(bad.json().get("fields").get("port").asText()).isEqualTo("expected an integer");
        Resp serviceRef = api.form("POST", "/routes", "paths", "/s", "service.id", id);
        assertThat(serviceRef.json().get("service").get("id").asText()).isEqualTo(id);
    }

    @Test
    void pluginConfigFromFormsIncludingPatchWithoutName() {
        Resp p = api.form(
                "POST",
                "/plugins",
                "name",
                "key-auth",
                "config.key_names",
                "apiKey",
                "config.hide_credentials",
                "true",
                "instance_name",
                "form-" + UUID.randomUUID());
        assertThat(p.status()).isEqualTo(201);
        assertThat(p.json().get("config").get("key_names")).isEqualTo(AdminClient.parse("[\"apiKey\"]"));
        assertThat(p.json().get("config").get("hide_credentials").asBoolean()).isTrue();
        String pid = p.json().get("id").asText();
        // kong/api/routes/plugins.lua patch_plugin: the stored name lets config.* be decoded by key-auth's schema.
        Resp patched = api.form("PATCH", "/plugins/" + pid, "config.key_in_body", "true", "config.key_names[1]", "k1");
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().get("config").get("key_in_body").asBoolean()).isTrue();
        assertThat(patched.json().get("config").get("key_names")).isEqualTo(AdminClient.parse("[\"k1\"]"));
        assertThat(patched.json().get("config").get("hide_credentials").asBoolean())
                .isTrue();
        api.delete("/plugins/" + pid);
    }

    @Test
    void tooManyArguments() {
        StringBuilder q = new StringBuilder("/services?");
        for (int i = 0; i < 1001; i++) {
            q.append("a").append(i).append("=1&");
        }
        Resp r = api.get(q.toString());
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("message").asText()).isEqualTo("Too many arguments");
    }

    /**
     * Multipart fields are read up to the 1,000-argument bound. Netty's decoder stopped at 128 fields (and at 1 KiB
     * it could not decode) by throwing, and the body then read as no fields: a 200-field body was invalid, and a
     * PATCH of it changed nothing but answered 200. A body without its closing boundary is no fields, as in Kong
     * (lapis {@code params_post}: {@code parse_multipart() or {}}).
     */
    @Test
    void multipartBodiesAreReadUpToKongsArgumentBound() {
        List<String> fields = new ArrayList<>(List.of("host", "m.test"));
        for (int i = 0; i < 200; i++) {
            fields.add("tags[]");
            fields.add("t" + i);
        }
        Resp ok = api.multipart("POST", "/schemas/services/validate", fields.toArray(String[]::new));
        assertThat(ok.status()).as(ok.text()).isEqualTo(200);
        assertThat(ok.json().get("message").asText()).isEqualTo("schema validation successful");
        for (int i = 200; i < 1000; i++) {
            fields.add("tags[]");
            fields.add("t" + i);
        }
        Resp tooMany = api.multipart("POST", "/schemas/services/validate", fields.toArray(String[]::new));
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.json().get("message").asText()).isEqualTo("Too many arguments");
        Resp unterminated = api.raw(
                "POST",
                "/schemas/services/validate",
                "multipart/form-data; boundary=b",
                ("--b\r\nContent-Disposition: form-data; name=\"host\"\r\n\r\nm.test\r\n--b\r\n"
                                + "Content-Disposition: form-data; name=\"tags[]\"\r\n\r\n" + "x".repeat(4096))
                        .getBytes(StandardCharsets.US_ASCII));
        assertThat(unterminated.status()).isEqualTo(400);
        assertThat(unterminated.json().get("fields").get("host").asText()).isEqualTo("required field missing");
    }

    /**
     * A 3,000-level key overflowed the decoder's stack: no answer, the connection open for minutes. Kong has no
     * depth bound (LuaJIT's unpack fails past about 8,000 levels, a 500); ours is 100 levels, answered with a 400.
     */
    @Test
    void deeplyNestedKeysAre400() throws Exception {
        URI admin = URI.create(GW.process().adminUrl());
        RawHttp http = new RawHttp(admin.getHost(), admin.getPort());
        List<String[]> form = List.<String[]>of(new String[] {"Content-Type", "application/x-www-form-urlencoded"});
        String deep = "config" + ".a".repeat(3000) + "=1";
        List<RawHttp.Reply> replies = List.of(
                http.send(
                        "POST",
                        "/plugins",
                        form,
                        ("name=key-auth&" + deep).getBytes(StandardCharsets.US_ASCII),
                        10_000),
                http.send(
                        "PATCH",
                        "/services/x",
                        form,
                        ("host" + "[1]".repeat(5000) + "=x").getBytes(StandardCharsets.US_ASCII),
                        10_000),
                http.send("GET", "/services?" + deep, List.of(), null, 10_000),
                http.send(
                        "POST",
                        "/consumers",
                        List.<String[]>of(new String[] {"Content-Type", "multipart/form-data; boundary=b"}),
                        ("--b\r\nContent-Disposition: form-data; name=\"" + deep.substring(0, deep.length() - 2)
                                        + "\"\r\n\r\n1\r\n--b--\r\n")
                                .getBytes(StandardCharsets.US_ASCII),
                        10_000));
        for (RawHttp.Reply r : replies) {
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.text()).isEqualTo("{\"message\":\"Too deeply nested arguments\"}");
        }
        // up to the bound, keys decode as before: here Kong's schema answer for an unknown config field
        Resp atBound =
                api.form("POST", "/plugins", "name", "key-auth", "config" + ".a".repeat(ArgDecoder.MAX_DEPTH), "1");
        assertThat(atBound.status()).isEqualTo(400);
        assertThat(atBound.json().get("fields").get("config").get("a").asText()).isEqualTo("unknown field");
        Resp pastBound =
                api.form("POST", "/plugins", "name", "key-auth", "config" + ".a".repeat(ArgDecoder.MAX_DEPTH + 1), "1");
        assertThat(pastBound.json().get("message").asText()).isEqualTo("Too deeply nested arguments");
    }
}
