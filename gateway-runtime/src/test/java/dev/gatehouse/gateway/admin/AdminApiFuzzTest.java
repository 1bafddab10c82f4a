package dev.gatehouse.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.gateway.support.AdminClient;
import dev.gatehouse.gateway.support.GatewayExtension;
import dev.gatehouse.gateway.support.RawHttp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Bad input of every kind, over real HTTP, against every entity endpoint (services, routes, consumers, plugins,
 * key-auth and acl credentials, their nested and foreign-key forms, and {@code /config}): wrong types, deep
 * nesting in JSON and form keys, huge sizes, invalid UTF-8, odd content types and encodings, multipart oddities,
 * YAML anchors, aliases, tags and merge keys, huge documents. Every case is bad by construction (at least an
 * unknown field, which Kong's schemas always refuse), so each must get a Kong-shaped 4xx within the per-request
 * timeout and leave every stored entity as it was. Structured cases run first, then random ones from a fixed
 * seed ({@code -Dgatehouse.fuzz.seed=N} tries another), within a time budget.
 */
class AdminApiFuzzTest {

    @RegisterExtension
    static final GatewayExtension GW = new GatewayExtension();

    private static final long SEED = Long.getLong("gatehouse.fuzz.seed", 20261203L);
    private static final int TIMEOUT_MS = 10_000;
    /** Random cases after the structured ones ({@code -Dgatehouse.fuzz.cases=N} for a longer hunt). */
    private static final int RANDOM_CASES = Integer.getInteger("gatehouse.fuzz.cases", 250);
    /** On a slow machine random cases stop early, once this much time has passed since the structured ones began. */
    private static final long BUDGET_NANOS = Long.getLong("gatehouse.fuzz.seconds", 18) * 1_000_000_000L;

    private static final String[] COLLECTIONS = {"/services", "/routes", "/consumers", "/plugins", "/key-auths", "/acls"
    };
    /** Kong echoes unknown field names, however long; Jackson's default refuses names over 50,000 characters. */
    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNameLength(Integer.MAX_VALUE)
                            .build())
                    .build())
            .build();

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private RawHttp http;
    private Fixtures fx;
    private Map<String, JsonNode> stored;
    private final List<String> findings = new ArrayList<>();
    private int cases;

    /** Entities every case aims at. */
    private record Fixtures(
            String service, String route, String consumer, String keyId, String aclId, String pluginId) {}

    /** One request. */
    private record Case(String label, String method, String target, List<String[]> headers, byte[] body) {}

    @Test
    void badInputNeverBreaksTheAdminApi() throws Exception {
        URI admin = URI.create(GW.process().adminUrl());
        http = new RawHttp(admin.getHost(), admin.getPort());
        fx = seed();
        stored = dump();
        System.out.println("AdminApiFuzzTest seed " + SEED);
        long start = System.nanoTime();
        structured().forEach(this::run);
        int structured = cases;
        Random rnd = new Random(SEED);
        while (cases - structured < RANDOM_CASES && System.nanoTime() - start < BUDGET_NANOS) {
            run(random(rnd));
        }
        System.out.printf(
                "AdminApiFuzzTest: %d structured and %d random cases in %d ms, %d findings%n",
                structured, cases - structured, (System.nanoTime() - start) / 1_000_000, findings.size());
        findings.forEach(f -> System.out.println("  finding: " + f));
        assertThat(findings).as("seed " + SEED).isEmpty();
    }

    // ---- running and checking ------------------------------------------------------------------------------------

    private void run(Case c) {
        cases++;
        RawHttp.Reply r;
        long t0 = System.nanoTime();
        try {
            r = http.send(c.method(), c.target(), c.headers(), c.body(), TIMEOUT_MS);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            if (ms > 1000) { // worth knowing when the budget runs short
                System.out.println("  slow: " + c.label() + " " + ms + " ms");
            }
        } catch (IOException e) {
            findings.add(c.label() + ": " + e.getMessage());
            resync();
            return;
        }
        String problem = shapeProblem(r);
        if (problem != null) {
            findings.add(c.label() + ": " + problem);
        }
        if (!c.method().equals("GET")) {
            Map<String, JsonNode> now = dump();
            if (!now.equals(stored)) {
                findings.add(c.label() + ": stored entities changed (answer " + r.status() + " " + abbreviate(r.text())
                        + ")");
                stored = now;
            }
        }
    }

    /** After a request went unanswered the server may still be working on it: later cases start from the truth. */
    private void resync() {
        try {
            stored = dump();
        } catch (RuntimeException e) {
            findings.add("admin API unreachable after the previous case: " + e.getMessage());
        }
    }

    /** Null when the answer is a 4xx with Kong's error body; what is wrong otherwise. */
    private static String shapeProblem(RawHttp.Reply r) {
        if (r.status() >= 500) {
            return "answered " + r.status() + " " + abbreviate(r.text());
        }
        if (r.status() < 400) {
            return "accepted bad input with " + r.status() + " " + abbreviate(r.text());
        }
        if (r.status() == 415 && r.body().length == 0) {
            return null; // Kong answers an unsupported Content-Type with an empty 415
        }
        if (r.text().startsWith("<html>") && r.text().contains("<hr><center>openresty</center>")) {
            // nginx refuses a bad request head (414, 400 for oversized headers) before Kong's Lua runs, and Kong's
            // kong_admin server block has no error_page (kong/templates/nginx_kong.lua): nginx's own page is Kong's
            // answer
            return null;
        }
        JsonNode body;
        try {
            body = JSON.readTree(r.body());
        } catch (IOException e) {
            return "error body is not JSON: " + abbreviate(r.text());
        }
        String type = r.headers().getOrDefault("Content-Type", "");
        if (body == null
                || !body.isObject()
                || !body.path("message").isTextual()
                || !type.startsWith("application/json")) {
            return "error body is not Kong's {\"message\": ...} JSON: " + type + " " + abbreviate(r.text());
        }
        if (body.has("code")) {
            if (!body.get("code").isInt() || !body.path("name").isTextual()) {
                return "Kong error without an integer code and a name: " + abbreviate(r.text());
            }
            if ((body.get("code").asInt() == 2 || body.get("code").asInt() == 14)
                    && !body.path("fields").isObject()) {
                return "schema violation without fields: " + abbreviate(r.text());
            }
        }
        return null;
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    /** Every stored entity, updated_at included (over a kept-alive connection: this runs after every case). */
    private Map<String, JsonNode> dump() {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (String c : COLLECTIONS) {
            AdminClient.Resp r = GW.client().get(c + "?size=1000");
            if (r.status() != 200) {
                throw new IllegalStateException("cannot list " + c + ": " + r);
            }
            out.put(c, r.json().get("data"));
        }
        return out;
    }

    private Fixtures seed() throws IOException {
        String service = create("/services", "{\"name\":\"fz-svc\",\"host\":\"fz.test\"}");
        String route = create("/services/fz-svc/routes", "{\"name\":\"fz-route\",\"paths\":[\"/fz\"]}");
        String consumer = create("/consumers", "{\"username\":\"fz-user\",\"custom_id\":\"fz-custom\"}");
        String key = create("/consumers/fz-user/key-auth", "{\"key\":\"fz-key\"}");
        String acl = create("/consumers/fz-user/acls", "{\"group\":\"fz-group\"}");
        String plugin =
                create("/services/fz-svc/plugins", "{\"name\":\"key-auth\",\"config\":{\"key_names\":[\"k\"]}}");
        create("/routes/fz-route/plugins", "{\"name\":\"rate-limiting\",\"config\":{\"minute\":5}}");
        return new Fixtures(service, route, consumer, key, acl, plugin);
    }

    private String create(String path, String json) throws IOException {
        RawHttp.Reply r = http.send(
                "POST",
                path,
                List.<String[]>of(new String[] {"Content-Type", "application/json"}),
                json.getBytes(StandardCharsets.UTF_8),
                TIMEOUT_MS);
        assertThat(r.status()).as(path + " " + r.text()).isEqualTo(201);
        return JSON.readTree(r.body()).get("id").asText();
    }

    // ---- the endpoints, each with a body it would accept --------------------------------------------------------

    /** A write endpoint and a body it would accept (the fuzzer then spoils it). */
    private record Target(String method, String path, String body, boolean emptyIsRefused) {}

    private List<Target> targets() {
        String svc = "{\"host\":\"t.test\",\"port\":8080,\"protocol\":\"http\",\"retries\":3,\"tags\":[\"a\"]}";
        String route = "{\"paths\":[\"/t\"],\"methods\":[\"GET\"],\"strip_path\":true,\"hosts\":[\"h.test\"]}";
        String consumer = "{\"username\":\"t-user\",\"custom_id\":\"t-custom\",\"tags\":[\"x\"]}";
        String plugin = "{\"name\":\"rate-limiting\",\"config\":{\"minute\":10,\"policy\":\"local\"},"
                + "\"protocols\":[\"http\"]}";
        String key = "{\"key\":\"t-key\",\"tags\":[\"k\"]}";
        String acl = "{\"group\":\"t-group\"}";
        String consumerRef = ",\"consumer\":{\"id\":\"" + fx.consumer() + "\"}}";
        return List.of(
                new Target("POST", "/services", svc, true),
                new Target("PUT", "/services/fz-svc", svc, false),
                new Target("PATCH", "/services/fz-svc", svc, false),
                new Target("PATCH", "/services/" + fx.service(), svc, false),
                new Target("POST", "/services/fz-svc/routes", route, true),
                new Target("PUT", "/services/fz-svc/routes/fz-route", route, false),
                new Target("PATCH", "/services/" + fx.service() + "/routes/" + fx.route(), route, false),
                new Target("POST", "/routes", route, true),
                new Target("PUT", "/routes/fz-route", route, false),
                new Target("PATCH", "/routes/" + fx.route(), route, false),
                new Target("PATCH", "/routes/fz-route/service", svc, false),
                new Target("PUT", "/routes/fz-route/service", svc, false),
                new Target("POST", "/consumers", consumer, true),
                new Target("PUT", "/consumers/fz-user", consumer, false),
                new Target("PATCH", "/consumers/" + fx.consumer(), consumer, false),
                new Target("POST", "/plugins", plugin, true),
                new Target("PUT", "/plugins/" + fx.pluginId(), plugin, false),
                new Target("PATCH", "/plugins/" + fx.pluginId(), "{\"config\":{\"key_names\":[\"x\"]}}", false),
                new Target("POST", "/services/fz-svc/plugins", plugin, true),
                new Target("POST", "/routes/fz-route/plugins", plugin, true),
                new Target("POST", "/consumers/fz-user/plugins", plugin, true),
                new Target("PATCH", "/services/fz-svc/plugins/" + fx.pluginId(), "{\"enabled\":true}", false),
                new Target("POST", "/key-auths", key.substring(0, key.length() - 1) + consumerRef, true),
                new Target("PUT", "/key-auths/fz-key", key.substring(0, key.length() - 1) + consumerRef, false),
                new Target("PATCH", "/key-auths/" + fx.keyId(), key, false),
                new Target("POST", "/consumers/fz-user/key-auth", key, false),
                new Target("PATCH", "/consumers/fz-user/key-auth/fz-key", key, false),
                new Target("PUT", "/consumers/fz-user/key-auth/" + fx.keyId(), key, false),
                new Target("PATCH", "/key-auths/fz-key/consumer", consumer, false),
                new Target("POST", "/acls", acl.substring(0, acl.length() - 1) + consumerRef, true),
                new Target("PATCH", "/acls/" + fx.aclId(), acl, false),
                new Target("PUT", "/acls/" + fx.aclId(), acl.substring(0, acl.length() - 1) + consumerRef, false),
                new Target("POST", "/consumers/fz-user/acls", acl, true),
                new Target("PATCH", "/consumers/fz-user/acls/" + fx.aclId(), acl, false),
                new Target("POST", "/config", configDocument().toString(), true));
    }

    /** A declarative configuration that would replace everything. */
    private static ObjectNode configDocument() {
        ObjectNode doc = NODES.objectNode();
        doc.put("_format_version", "3.0");
        ObjectNode s = doc.putArray("services").addObject();
        s.put("name", "cfg-svc");
        s.put("host", "cfg.test");
        ObjectNode r = s.putArray("routes").addObject();
        r.put("name", "cfg-route");
        r.putArray("paths").add("/cfg");
        ObjectNode c = doc.putArray("consumers").addObject();
        c.put("username", "cfg-user");
        c.putArray("keyauth_credentials").addObject().put("key", "cfg-key");
        c.putArray("acls").addObject().put("group", "cfg-group");
        doc.putArray("plugins").addObject().put("name", "cors");
        return doc;
    }

    // ---- structured cases ----------------------------------------------------------------------------------------

    private static List<String[]> type(String contentType) {
        return List.<String[]>of(new String[] {"Content-Type", contentType});
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static String nested(String open, String inner, String close, int depth) {
        return open.repeat(depth) + inner + close.repeat(depth);
    }

    private List<Case> structured() {
        List<Case> out = new ArrayList<>();
        String json = "application/json";
        String form = "application/x-www-form-urlencoded";
        String yaml = "application/yaml";
        String deepKey = "config" + ".a".repeat(3000);
        // deep form keys (a StackOverflowError left the connection open) and the argument count bounds
        out.add(new Case(
                "deep form key POST /plugins",
                "POST",
                "/plugins",
                type(form),
                utf8("name=key-auth&" + deepKey + "=1")));
        out.add(new Case(
                "deep form key PATCH /services",
                "PATCH",
                "/services/fz-svc",
                type(form),
                utf8("host" + "[1]".repeat(5000) + "=x")));
        out.add(new Case(
                "deep multipart key POST /consumers",
                "POST",
                "/consumers",
                multipartType("b"),
                multipart("b", List.<String[]>of(new String[] {"username" + ".x".repeat(3000), "u"}))));
        out.add(new Case(
                "deep query key GET /services", "GET", "/services?" + "q" + ".a".repeat(2000) + "=1", List.of(), null));
        out.add(new Case(
                "1001 form args", "POST", "/services", type(form), utf8("host=x.test&" + "tags[]=a&".repeat(1000))));
        out.add(new Case("1001 query args", "GET", "/services?" + "a=1&".repeat(1001), List.of(), null));
        List<String[]> parts = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            parts.add(new String[] {"tags[]", "t" + i});
        }
        out.add(new Case("1001 multipart parts", "POST", "/services", multipartType("b"), multipart("b", parts)));
        // deep JSON: within Jackson's 1000 levels, and past them
        out.add(new Case(
                "999-deep JSON tags",
                "POST",
                "/services",
                type(json),
                utf8("{\"host\":\"d.test\",\"tags\":" + nested("[", "1", "]", 990) + "}")));
        out.add(new Case(
                "999-deep JSON plugin config",
                "POST",
                "/plugins",
                type(json),
                utf8("{\"name\":\"cors\",\"config\":" + nested("{\"a\":", "1", "}", 990) + "}")));
        out.add(new Case("5000-deep JSON", "POST", "/consumers", type(json), utf8(nested("{\"a\":", "1", "}", 5000))));
        out.add(new Case(
                "100000-deep JSON /config", "POST", "/config", type(json), utf8(nested("[", "", "]", 100_000))));
        // numbers Lua and Java read differently
        out.add(new Case("ttl 1e999", "POST", "/consumers/fz-user/key-auth", type(json), utf8("{\"ttl\":1e999}")));
        out.add(new Case(
                "ttl 1e999999999", "POST", "/consumers/fz-user/key-auth", type(json), utf8("{\"ttl\":1e999999999}")));
        out.add(new Case("ttl -1", "POST", "/consumers/fz-user/key-auth", type(json), utf8("{\"ttl\":-1}")));
        out.add(new Case(
                "huge port",
                "PATCH",
                "/services/fz-svc",
                type(json),
                utf8("{\"port\":123456789012345678901234567890}")));
        out.add(new Case("port 1e999999999", "PATCH", "/services/fz-svc", type(json), utf8("{\"port\":1e999999999}")));
        out.add(new Case("NaN literal", "PATCH", "/services/fz-svc", type(json), utf8("{\"port\":NaN}")));
        out.add(new Case(
                "retries 1e-999999999",
                "PATCH",
                "/services/fz-svc",
                type(json),
                utf8("{\"retries\":1e-999999999,\"fuzz\":1}")));
        // sizes
        out.add(new Case(
                "9 MiB name",
                "POST",
                "/services",
                type(json),
                utf8("{\"host\":\"big.test\",\"name\":\"" + "n".repeat(9 * 1024 * 1024) + "\",\"fuzz\":1}")));
        out.add(new Case(
                "500,000 tags",
                "POST",
                "/consumers",
                type(json),
                utf8("{\"username\":\"big\",\"tags\":[" + "\"t\",".repeat(500_000) + "1]}")));
        out.add(new Case(
                "11 MiB declared",
                "POST",
                "/services",
                List.of(new String[] {"Content-Type", json}, new String[] {"Content-Length", "11534336"}),
                new byte[0]));
        out.add(new Case(
                "1 MiB form value",
                "POST",
                "/routes",
                type(form),
                utf8("paths[]=/" + "p".repeat(1 << 20) + "&fuzz=1")));
        // encodings
        byte[] bad = {(byte) 0xC3, 0x28, (byte) 0xFF, (byte) 0xC0, (byte) 0xAF, (byte) 0xED, (byte) 0xA0, (byte) 0x80};
        out.add(new Case(
                "invalid UTF-8 in JSON",
                "POST",
                "/consumers",
                type(json),
                concat(utf8("{\"username\":\""), bad, utf8("\"}"))));
        out.add(new Case(
                "invalid UTF-8 in a JSON key",
                "PATCH",
                "/consumers/fz-user",
                type(json),
                concat(utf8("{\""), bad, utf8("\":1}"))));
        out.add(new Case(
                "lone surrogates",
                "POST",
                "/consumers",
                type(json),
                utf8("{\"username\":\"\\ud800\",\"custom_id\":\"\\udfff\\ud800\"}")));
        out.add(new Case(
                "NUL in a service name",
                "POST",
                "/services",
                type(json),
                utf8("{\"name\":\"a\\u0000b\",\"host\":\"n.test\"}")));
        out.add(new Case("invalid UTF-8 in a form", "PATCH", "/services/fz-svc", type(form), utf8("name=%C3%28%FF")));
        out.add(new Case(
                "invalid escapes in a form", "POST", "/consumers", type(form), utf8("%zz=%&username=%G1&=&&==")));
        out.add(new Case(
                "UTF-16 JSON",
                "POST",
                "/consumers",
                type("application/json; charset=utf-16"),
                "{\"username\":\"u16\",\"fuzz\":1}".getBytes(StandardCharsets.UTF_16)));
        out.add(new Case(
                "BOM JSON",
                "POST",
                "/consumers",
                type(json),
                concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, utf8("{\"username\":\"bom\",\"fuzz\":1}"))));
        out.add(new Case(
                "latin-1 JSON",
                "POST",
                "/consumers",
                type("application/json; charset=iso-8859-1"),
                "{\"username\":\"caf\u00e9\",\"fuzz\":1}".getBytes(StandardCharsets.ISO_8859_1)));
        out.add(new Case("invalid UTF-8 in the path", "PATCH", "/services/%FF%FE", type(json), utf8("{}")));
        out.add(new Case("NUL in the path", "PUT", "/consumers/a%00b", type(json), utf8("{\"fuzz\":1}")));
        out.add(new Case(
                "dot segments in the path", "PUT", "/consumers/..%2F..%2Fservices", type(json), utf8("{\"fuzz\":1}")));
        // content types
        out.add(new Case("text/plain", "POST", "/services", type("text/plain"), utf8("host=x.test")));
        out.add(new Case("no content type", "POST", "/services", List.of(), utf8("{\"host\":\"x.test\"}")));
        out.add(new Case(
                "two content types",
                "POST",
                "/services",
                List.of(new String[] {"Content-Type", json}, new String[] {"Content-Type", form}),
                utf8("{\"host\":\"x.test\"}")));
        out.add(new Case("yaml outside /config", "POST", "/services", type(yaml), utf8("host: x.test\n")));
        out.add(new Case(
                "JSON with trailing garbage", "POST", "/services", type(json), utf8("{\"host\":\"x.test\"} {}")));
        out.add(new Case("JSON with comments", "POST", "/services", type(json), utf8("{/*c*/\"host\":\"x.test\"}")));
        out.add(new Case("JSON array", "POST", "/services", type(json), utf8("[{\"host\":\"x.test\"}]")));
        out.add(new Case("JSON string", "POST", "/services", type(json), utf8("\"x\"")));
        out.add(new Case("empty JSON", "PATCH", "/services/fz-svc", type(json), new byte[0]));
        out.add(new Case(
                "duplicate JSON keys",
                "PATCH",
                "/services/fz-svc",
                type(json),
                utf8("{\"host\":\"a.test\",\"host\":\"b.test\",\"fuzz\":1}")));
        // multipart oddities (POSTs where an empty body is refused: a broken body reads as no fields)
        out.add(new Case(
                "multipart without boundary",
                "POST",
                "/services",
                type("multipart/form-data"),
                utf8("--x\r\nContent-Disposition: form-data; name=\"host\"\r\n\r\nm.test\r\n--x--\r\n")));
        out.add(new Case(
                "multipart boundary mismatch",
                "POST",
                "/services",
                multipartType("y"),
                multipart("x", List.<String[]>of(new String[] {"host", "m.test"}))));
        out.add(new Case(
                "multipart unterminated",
                "POST",
                "/consumers",
                multipartType("b"),
                utf8("--b\r\nContent-Disposition: form-data; name=\"fuzz\"\r\n\r\n1\r\n--b\r\n"
                        + "Content-Disposition: form-data; name=\"username\"\r\n\r\nunterminated")));
        out.add(new Case(
                "multipart part without name",
                "POST",
                "/routes",
                multipartType("b"),
                utf8("--b\r\nContent-Disposition: form-data\r\n\r\n/x\r\n--b--\r\n")));
        out.add(new Case(
                "multipart file part",
                "POST",
                "/consumers",
                multipartType("b"),
                utf8("--b\r\nContent-Disposition: form-data; name=\"username\"; filename=\"../../etc/passwd\"\r\n"
                        + "Content-Type: application/json\r\n\r\n{\"a\":1}\r\n--b\r\nContent-Disposition: form-data; "
                        + "name=\"fuzz\"\r\n\r\n1\r\n--b--\r\n")));
        out.add(new Case(
                "multipart nested mixed",
                "POST",
                "/acls",
                multipartType("b"),
                utf8(
                        "--b\r\nContent-Type: multipart/mixed; boundary=c\r\nContent-Disposition: form-data; name=\"group\"\r\n\r\n"
                                + "--c\r\n\r\nx\r\n--c--\r\n--b--\r\n")));
        out.add(new Case(
                "multipart huge part header",
                "POST",
                "/services",
                multipartType("b"),
                utf8("--b\r\nContent-Disposition: form-data; name=\"" + "h".repeat(200_000)
                        + "\"\r\n\r\nv\r\n--b--\r\n")));
        out.add(new Case(
                "multipart invalid UTF-8 value",
                "POST",
                "/consumers",
                multipartType("b"),
                concat(
                        utf8("--b\r\nContent-Disposition: form-data; name=\"username\"\r\n\r\n"),
                        bad,
                        utf8("\r\n--b--\r\n"))));
        // YAML features on /config: each document below is otherwise valid, only the feature makes it bad. Kong would
        // load the billion laughs and the deep alias chain (lyaml shares tables, and _ignore is not walked); here
        // aliases are copies, bounded in number and depth
        String base = "_format_version: \"3.0\"\n";
        out.add(new Case(
                "yaml unknown alias",
                "POST",
                "/config",
                type(yaml),
                utf8(base + "services:\n- name: y\n  host: *nope\n")));
        out.add(new Case(
                "yaml recursive alias",
                "POST",
                "/config",
                type(yaml),
                utf8(base + "services:\n- &s {name: y, host: y.test, tags: [*s]}\n")));
        out.add(new Case("yaml billion laughs", "POST", "/config", type(yaml), utf8(base + billionLaughs())));
        out.add(new Case(
                "yaml billion laughs in a form",
                "POST",
                "/config",
                type(form),
                utf8("config=" + URLEncoder.encode(base + billionLaughs(), StandardCharsets.UTF_8))));
        out.add(new Case(
                "yaml merge of a scalar",
                "POST",
                "/config",
                type(yaml),
                utf8(base + "services:\n- name: y\n  host: y.test\n  <<: 5\n")));
        out.add(new Case(
                "yaml merge of a list of scalars",
                "POST",
                "/config",
                type(yaml),
                utf8(base + "services:\n- name: y\n  host: y.test\n  <<: [1, 2]\n")));
        out.add(new Case(
                "yaml java tags",
                "POST",
                "/config",
                type(yaml),
                utf8(base
                        + "services:\n- name: y\n  host: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader "
                        + "[[!!java.net.URL [\"http://127.0.0.1:1/\"]]]]\n")));
        out.add(new Case(
                "yaml java tag on the document",
                "POST",
                "/config",
                type(yaml),
                utf8("!!java.lang.Runtime\n" + base + "fuzz: 1\n")));
        out.add(new Case(
                "yaml 200000-deep", "POST", "/config", type(yaml), utf8(base + "x: " + nested("[", "", "]", 200_000))));
        out.add(new Case("yaml aliases nesting deep", "POST", "/config", type(yaml), utf8(base + aliasChain())));
        out.add(new Case(
                "yaml alias as a key", "POST", "/config", type(yaml), utf8(base + "fuzz: &k services\n*k : []\n")));
        out.add(new Case("yaml tabs and garbage", "POST", "/config", type(yaml), utf8(base + "\tservices: [\n")));
        out.add(new Case(
                "yaml .inf port",
                "POST",
                "/config",
                type(yaml),
                utf8(base + "services:\n- name: y\n  host: y.test\n  port: .inf\n")));
        out.add(new Case(
                "yaml ttl 1e999",
                "POST",
                "/config",
                type(yaml),
                utf8(base + "consumers:\n- username: y\n  keyauth_credentials:\n  - key: y\n    ttl: 1e999\n")));
        out.add(new Case("yaml huge document", "POST", "/config", type(yaml), utf8(hugeDocument())));
        out.add(new Case("empty /config", "POST", "/config", type(yaml), new byte[0]));
        out.add(new Case("yaml scalar document", "POST", "/config", type(yaml), utf8("just a string\n")));
        // methods and paths
        out.add(new Case("PUT on a collection", "PUT", "/services", type(json), utf8("{}")));
        out.add(new Case("DELETE a set reference", "DELETE", "/routes/fz-route/service", List.of(), null));
        out.add(new Case(
                "route of another service",
                "PATCH",
                "/services/" + java.util.UUID.randomUUID() + "/routes/fz-route",
                type(json),
                utf8("{}")));
        out.add(new Case("8 KiB path", "GET", "/services/" + "p".repeat(9000), List.of(), null));
        out.add(new Case(
                "64 KiB header",
                "POST",
                "/services",
                List.of(new String[] {"Content-Type", json}, new String[] {"X-Big", "h".repeat(70_000)}),
                utf8("{}")));
        return out;
    }

    /** Nine levels of nine aliases: 387,420,489 strings once expanded. */
    private static String billionLaughs() {
        StringBuilder sb = new StringBuilder(
                "_ignore:\n- &l0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (int i = 1; i <= 9; i++) {
            sb.append("- &l")
                    .append(i)
                    .append(" [")
                    .append(String.join(",", java.util.Collections.nCopies(9, "*l" + (i - 1))))
                    .append("]\n");
        }
        return sb.toString();
    }

    /** Aliases of aliases, each adding 900 levels: a small document that nests far past 1000 levels. */
    private static String aliasChain() {
        StringBuilder sb = new StringBuilder("_ignore:\n- &d0 " + nested("[", "1", "]", 900) + "\n");
        for (int i = 1; i <= 20; i++) {
            sb.append("- &d")
                    .append(i)
                    .append(' ')
                    .append(nested("[", "*d" + (i - 1), "]", 900))
                    .append('\n');
        }
        return sb.toString();
    }

    /** 2,000 services, the last one invalid: the whole file must be refused, within the timeout. */
    private static String hugeDocument() {
        StringBuilder sb = new StringBuilder("_format_version: \"3.0\"\nservices:\n");
        for (int i = 0; i < 2_000; i++) {
            sb.append("- name: huge-").append(i).append("\n  host: h").append(i).append(".test\n");
        }
        return sb.append("- name: bad\n  host: 5\n").toString();
    }

    private static List<String[]> multipartType(String boundary) {
        return type("multipart/form-data; boundary=" + boundary);
    }

    /**
     * A well-formed multipart body (names escaped as browsers do, RFC 7578 section 4.2): a malformed one reads as
     * the fields before the damage, possibly none, which a PATCH accepts as Kong does.
     */
    private static byte[] multipart(String boundary, List<String[]> fields) {
        StringBuilder sb = new StringBuilder();
        for (String[] f : fields) {
            String name = f[0].replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
            sb.append("--")
                    .append(boundary)
                    .append("\r\nContent-Disposition: form-data; name=\"")
                    .append(name)
                    .append("\"\r\n\r\n")
                    .append(f[1])
                    .append("\r\n");
        }
        return utf8(sb.append("--").append(boundary).append("--\r\n").toString());
    }

    // ---- random cases --------------------------------------------------------------------------------------------

    private Case random(Random rnd) {
        List<Target> targets = targets();
        Target t = targets.get(rnd.nextInt(targets.size()));
        ObjectNode body;
        try {
            body = (ObjectNode) JSON.readTree(t.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        spoil(rnd, body, 0);
        // the poison: Kong's schemas refuse unknown fields (and /config unknown entity types) whatever else is sent
        body.put("fuzz_" + rnd.nextInt(1000), STRINGS[rnd.nextInt(STRINGS.length)]); // a scalar: forms keep it
        String label = "random #" + cases + " " + t.method() + " " + t.path();
        int encoding = rnd.nextInt(10);
        if (t.path().equals("/config") && encoding < 4) {
            return new Case(label + " as YAML", t.method(), t.path(), type("application/yaml"), utf8(yaml(rnd, body)));
        }
        if (encoding < 6) {
            return new Case(label + " as JSON", t.method(), t.path(), type("application/json"), utf8(body.toString()));
        }
        List<String[]> pairs = new ArrayList<>();
        flatten(rnd, body, null, pairs);
        oddKeys(rnd, pairs);
        if (encoding < 8) {
            StringBuilder sb = new StringBuilder();
            for (String[] p : pairs) {
                sb.append(sb.isEmpty() ? "" : "&")
                        .append(formEncode(rnd, p[0]))
                        .append('=')
                        .append(formEncode(rnd, p[1]));
            }
            return new Case(
                    label + " as a form",
                    t.method(),
                    t.path(),
                    type("application/x-www-form-urlencoded"),
                    utf8(sb.toString()));
        }
        String boundary = "fz" + Long.toHexString(rnd.nextLong());
        return new Case(
                label + " as multipart", t.method(), t.path(), multipartType(boundary), multipart(boundary, pairs));
    }

    /** Replaces some fields with values of other types, shapes and sizes. */
    private static void spoil(Random rnd, ObjectNode o, int depth) {
        List<String> names = new ArrayList<>();
        o.fieldNames().forEachRemaining(names::add);
        for (String n : names) {
            if (rnd.nextInt(3) == 0) {
                o.set(n, randomValue(rnd, depth + 1));
            } else if (o.get(n).isObject() && depth < 3) {
                spoil(rnd, (ObjectNode) o.get(n), depth + 1);
            }
        }
    }

    private static final String[] STRINGS = {
        "",
        " ",
        "x",
        "/",
        "//",
        "~/(a",
        "a\r\nX-Injected: 1",
        "\u0000",
        "\t",
        "é",
        "服务",
        "😀",
        "\u202e",
        "%00",
        "%FF",
        "a,b",
        "a/b",
        "null",
        "true",
        "1",
        "-1",
        "0x10",
        "1e999",
        "*",
        "${x}",
        "http://u:p@h:1/p?q#f",
        "::1",
        "[::1]:80",
        "127.0.0.1",
        "999.1.1.1",
        "GET",
        "get",
        "~*.*",
        "~(",
        ".*",
        "\\"
    };

    /** A value of any type; containers only near the top, and big ones rarely and flat, so a case stays small. */
    private static JsonNode randomValue(Random rnd, int depth) {
        int kind = rnd.nextInt(depth > 2 ? 8 : 11);
        return switch (kind) {
            case 0 -> NODES.textNode(STRINGS[rnd.nextInt(STRINGS.length)]);
            case 1 -> NODES.textNode(randomText(rnd, rnd.nextInt(30) == 0 ? 70_000 : 20));
            case 2 -> NODES.numberNode(rnd.nextInt(3) == 0 ? rnd.nextLong() : rnd.nextInt(70_000) - 1000);
            case 3 -> NODES.numberNode(rnd.nextBoolean() ? rnd.nextDouble() * 1e6 : Double.MAX_VALUE);
            case 4 -> NODES.numberNode(new java.math.BigInteger(100 + rnd.nextInt(200), rnd));
            case 5 -> NODES.booleanNode(rnd.nextBoolean());
            case 6 -> NODES.nullNode();
            case 7 ->
                NODES.numberNode(
                        new java.math.BigDecimal("1e" + (rnd.nextBoolean() ? "-" : "") + rnd.nextInt(999_999_999)));
            case 8 -> {
                ArrayNode a = NODES.arrayNode();
                boolean big = rnd.nextInt(20) == 0;
                for (int i = rnd.nextInt(big ? 3000 : 5); i > 0; i--) {
                    a.add(big ? NODES.numberNode(i) : randomValue(rnd, depth + 1));
                }
                yield a;
            }
            case 9 -> {
                ObjectNode o = NODES.objectNode();
                for (int i = rnd.nextInt(6); i > 0; i--) {
                    o.set(
                            rnd.nextBoolean() ? STRINGS[rnd.nextInt(STRINGS.length)] : randomText(rnd, 8),
                            randomValue(rnd, depth + 1));
                }
                yield o;
            }
            default -> NODES.textNode(nested("[", "", "]", rnd.nextInt(2000)));
        };
    }

    private static String randomText(Random rnd, int max) {
        StringBuilder sb = new StringBuilder();
        for (int i = rnd.nextInt(max + 1); i > 0; i--) {
            int r = rnd.nextInt(10);
            sb.appendCodePoint(
                    r < 5
                            ? 0x20 + rnd.nextInt(0x5F)
                            : r < 7
                                    ? rnd.nextInt(0x20)
                                    : r < 9 ? 0xA0 + rnd.nextInt(0x2000) : 0x1F600 + rnd.nextInt(80));
        }
        return sb.toString();
    }

    /** Form names for a JSON tree: {@code a.b}, {@code a[b]}, {@code a[]}, {@code a[1]}, chosen at random. */
    private static void flatten(Random rnd, JsonNode v, String name, List<String[]> out) {
        if (v.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String child = name == null
                        ? e.getKey()
                        : rnd.nextBoolean() ? name + "." + e.getKey() : name + "[" + e.getKey() + "]";
                flatten(rnd, e.getValue(), child, out);
            }
        } else if (v.isArray()) {
            int i = 1;
            for (JsonNode e : v) {
                flatten(rnd, e, name + (rnd.nextBoolean() ? "[]" : "[" + i++ + "]"), out);
            }
        } else if (name != null) {
            out.add(new String[] {name, v.isNull() ? "" : v.asText()});
        }
    }

    private static final String[] ODD_KEYS = {
        "a[",
        "a]]",
        "a..b",
        ".a",
        "a.",
        "[1]",
        "a[1][x]",
        "a[99999999999]",
        "a[-1]",
        "a[0]",
        "[]",
        ".",
        "..",
        "a[]b",
        "a.[1]",
        "tags[1][2][3]",
        "name[",
        "config.]",
        "%5B%5D",
        "a%5B1%5D"
    };

    private static void oddKeys(Random rnd, List<String[]> pairs) {
        for (int i = rnd.nextInt(4); i > 0; i--) {
            pairs.add(
                    rnd.nextInt(pairs.size() + 1),
                    new String[] {ODD_KEYS[rnd.nextInt(ODD_KEYS.length)], STRINGS[rnd.nextInt(STRINGS.length)]});
        }
        if (rnd.nextInt(8) == 0) {
            pairs.add(new String[] {"deep" + ".k".repeat(100 + rnd.nextInt(3000)), "1"});
        }
    }

    private static String formEncode(Random rnd, String s) {
        String encoded = URLEncoder.encode(s, StandardCharsets.UTF_8);
        return switch (rnd.nextInt(12)) {
            case 0 -> encoded + "%";
            case 1 -> encoded + "%F0%9F";
            case 2 -> encoded.replace("%", "%25");
            default -> encoded;
        };
    }

    /** A flow-style YAML rendering with anchors, aliases (some unknown), merge keys and tags sprinkled in. */
    private static String yaml(Random rnd, JsonNode doc) {
        StringBuilder sb = new StringBuilder();
        List<String> anchors = new ArrayList<>();
        emit(rnd, doc, sb, anchors, true);
        return sb.append('\n').toString();
    }

    private static void emit(Random rnd, JsonNode v, StringBuilder sb, List<String> anchors, boolean root) {
        if (!root && rnd.nextInt(8) == 0) {
            if (!anchors.isEmpty() && rnd.nextInt(4) > 0) {
                sb.append('*').append(anchors.get(rnd.nextInt(anchors.size()))).append(' ');
            } else {
                sb.append("*missing").append(rnd.nextInt(9)).append(' ');
            }
            return;
        }
        if (!root && rnd.nextInt(6) == 0) {
            String a = "a" + anchors.size();
            anchors.add(a);
            sb.append('&').append(a).append(' ');
        }
        if (!root && rnd.nextInt(12) == 0) {
            String[] tags = {
                "!!str ",
                "!!int ",
                "!!map ",
                "!!seq ",
                "!!binary ",
                "!!java.lang.Runtime ",
                "!custom ",
                "!!python/object:os.system ",
                "!!timestamp "
            };
            sb.append(tags[rnd.nextInt(tags.length)]);
        }
        if (v.isObject()) {
            sb.append('{');
            boolean first = true;
            if (!anchors.isEmpty() && rnd.nextInt(5) == 0) {
                sb.append("<<: *").append(anchors.get(rnd.nextInt(anchors.size())));
                first = false;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                sb.append(first ? "" : ", ")
                        .append(NODES.textNode(e.getKey()).toString())
                        .append(": ");
                emit(rnd, e.getValue(), sb, anchors, false);
                first = false;
            }
            sb.append('}');
        } else if (v.isArray()) {
            sb.append('[');
            for (int i = 0; i < v.size(); i++) {
                sb.append(i == 0 ? "" : ", ");
                emit(rnd, v.get(i), sb, anchors, false);
            }
            sb.append(']');
        } else {
            sb.append(v.toString());
        }
    }
}
