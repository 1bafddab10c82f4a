package dev.gatehouse.mesh.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.gatehouse.mesh.Http;
import dev.gatehouse.mesh.RunningControlPlane;
import dev.gatehouse.mesh.TestControlPlanes;
import dev.gatehouse.mesh.resource.Resource;
import dev.gatehouse.mesh.resource.ResourceCodec;
import dev.gatehouse.mesh.resource.ResourceTypeDescriptor;
import dev.gatehouse.mesh.resource.registry.BuiltinResourceTypes;
import dev.gatehouse.mesh.store.StoreSnapshot;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, item 7: random and structured bad input over real HTTP against every resource endpoint (meshes,
 * dataplanes, traffic-permissions, meshtrafficpermissions, their lists, and the dataplane-token endpoint). For every
 * request: no 5xx, an answer within the per-request timeout, an error body in Kuma's shape (the {@code /std-errors}
 * body of pkg/core/rest/errors/error_handler.go, or go-restful's own "404: Page Not Found" / "405: Method Not
 * Allowed" for unknown routes), and a rejected write leaves the store exactly as it was. An accepted write must read
 * back and be accepted again as written (nothing undecodable gets stored). The seed is fixed and printed; set
 * {@code -Dfuzz.seed=N} to explore others.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KumaApiFuzzTest {
    private static final long SEED = Long.getLong("fuzz.seed", 0x6A7E_4053L);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    /** Bounds the run on a slow machine: cases past it are skipped (and counted), never failed for time alone. */
    private static final Duration TOTAL_BUDGET = Duration.ofSeconds(60);

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String MESH = "fz";

    @TempDir
    static Path dir;

    RunningControlPlane cp;
    Http http;
    final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    final List<String> problems = new ArrayList<>();
    int cases;

    /**
     * One request of the run; {@code accepted}, when set, judges the stored item after a 2xx answer (null = fine),
     * for cases where only some outcomes are correct.
     */
    record Case(
            String label,
            String method,
            String path,
            String contentType,
            byte[] body,
            java.util.function.Function<JsonNode, String> accepted) {
        Case(String label, String method, String path, String contentType, byte[] body) {
            this(label, method, path, contentType, body, null);
        }
    }

    @BeforeAll
    void start() {
        cp = TestControlPlanes.start(dir);
        http = new Http(cp.apiUri());
        for (Map.Entry<String, ObjectNode> e : templates().entrySet()) {
            Http.Res r = http.putJson(e.getKey(), e.getValue().toString());
            assertThat(r.status()).as(e.getKey() + " " + r.body()).isIn(200, 201);
        }
    }

    @AfterAll
    void stop() {
        if (cp != null) {
            cp.close();
        }
    }

    @Test
    void badInputNeverBreaksTheApiOrTheStore() {
        System.out.println("KumaApiFuzzTest seed=" + SEED + " (-Dfuzz.seed=" + SEED + " repeats this run)");
        Random random = new Random(SEED);
        long started = System.nanoTime();
        String httpDumpBefore = httpDump();
        List<Case> all = new ArrayList<>();
        all.addAll(structuredCases(random));
        all.addAll(rawBodyCases(random));
        all.addAll(yamlCases());
        all.addAll(contentTypeCases());
        all.addAll(pathAndMethodCases());
        for (Case c : all) {
            if (System.nanoTime() - started > TOTAL_BUDGET.toNanos()) {
                break;
            }
            run(c);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        System.out.println("KumaApiFuzzTest: " + cases + " of " + all.size() + " requests in " + took.toMillis()
                + " ms (the rest skipped past the time budget), " + problems.size() + " problems");
        problems.stream().limit(60).forEach(p -> System.out.println("  " + p));
        assertThat(problems).as("seed " + SEED).isEmpty();
        // Accepted cases may have changed the templates' content, but nothing was added or removed.
        assertThat(keys(httpDump())).isEqualTo(keys(httpDumpBefore));
    }

    // ------------------------------------------------------------------ running and checking one case

    private void run(Case c) {
        cases++;
        long t0 = System.nanoTime();
        try {
            check(c);
        } finally {
            long ms = (System.nanoTime() - t0) / 1_000_000;
            if (ms > 500) {
                System.out.println("  slow case (" + ms + " ms): " + abbreviate(c.label()));
            }
        }
    }

    private void check(Case c) {
        String before = storeDump();
        long revision = cp.store().snapshot().revision();
        HttpResponse<String> res;
        try {
            res = send(c.method(), c.path(), c.contentType(), c.body());
        } catch (HttpTimeoutException e) {
            problems.add(c.label() + ": no answer within " + REQUEST_TIMEOUT.toSeconds() + " s");
            return;
        } catch (IOException e) {
            problems.add(c.label() + ": connection failed: " + e);
            return;
        }
        int status = res.statusCode();
        String body = res.body();
        boolean unchanged =
                cp.store().snapshot().revision() == revision && storeDump().equals(before);
        if (status >= 500) {
            problems.add(
                    c.label() + ": " + status + " " + abbreviate(body) + (unchanged ? "" : " AND the store changed"));
            return;
        }
        if (status >= 400 && !c.method().equals("HEAD")) {
            String shape = shapeProblem(status, body);
            if (shape != null) {
                problems.add(
                        c.label() + ": " + status + " body not in Kuma's shape (" + shape + "): " + abbreviate(body));
            }
        }
        boolean write = c.method().equals("PUT")
                || c.method().equals("DELETE")
                || c.method().equals("POST");
        if (status >= 400 || !write) {
            if (!unchanged) {
                problems.add(c.label() + ": answered " + status + " but the store changed");
            }
            return;
        }
        if (c.method().equals("PUT")) {
            if (c.accepted() != null) {
                String wrong = c.accepted().apply(http.get(c.path()).json());
                if (wrong != null) {
                    problems.add(c.label() + ": accepted with " + status + " but " + wrong);
                }
            }
            roundTrip(c);
        }
    }

    /** An accepted PUT: the stored item reads back and is accepted again unchanged, so nothing odd was stored. */
    private void roundTrip(Case c) {
        Http.Res stored = http.get(c.path());
        if (stored.status() != 200) {
            problems.add(c.label() + ": accepted, but GET answers " + stored.status());
            return;
        }
        ObjectNode item = (ObjectNode) stored.json();
        Http.Res again = http.putJson(c.path(), item.toString());
        if (again.status() != 200) {
            problems.add(c.label() + ": accepted, but its stored form is refused: " + again.status() + " "
                    + abbreviate(again.body()));
            return;
        }
        JsonNode reread = http.get(c.path()).json();
        if (!stripTimes(reread.toString()).equals(stripTimes(item.toString()))) {
            problems.add(c.label() + ": stored form changed when written back: " + abbreviate(item.toString()));
        }
    }

    /** Null when the error body has Kuma's shape. */
    static String shapeProblem(int status, String body) {
        // go-restful answers unknown routes and methods itself, in plain text (Kuma does the same).
        if ((status == 404 && body.equals("404: Page Not Found"))
                || (status == 405 && body.equals("405: Method Not Allowed"))) {
            return null;
        }
        JsonNode n;
        try {
            n = Http.JSON.readTree(body);
        } catch (IOException e) {
            return "not JSON";
        }
        if (n == null || !n.isObject()) {
            return "not an object";
        }
        if (!"/std-errors".equals(n.path("type").asText())) {
            return "type";
        }
        if (n.path("status").asInt() != status) {
            return "status";
        }
        if (n.path("title").asText("").isBlank() || n.path("detail").asText("").isBlank()) {
            return "title/detail";
        }
        if (!n.path("details").asText().equals(n.path("detail").asText())) {
            return "details";
        }
        JsonNode params = n.path("invalid_parameters");
        if (!params.isMissingNode()) {
            if (!params.isArray() || params.isEmpty() || n.path("causes").size() != params.size()) {
                return "invalid_parameters/causes";
            }
            for (JsonNode p : params) {
                if (!p.path("field").isTextual() || p.path("reason").asText("").isBlank()) {
                    return "invalid_parameters item";
                }
            }
        }
        return null;
    }

    private HttpResponse<String> send(String method, String path, String contentType, byte[] body) throws IOException {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(cp.apiUri() + path)).timeout(REQUEST_TIMEOUT);
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        b.method(
                method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        try {
            return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Every stored resource in its REST form (in-process, so a case costs one HTTP request). */
    private String storeDump() {
        StoreSnapshot snap = cp.store().snapshot();
        StringBuilder out = new StringBuilder();
        for (ResourceTypeDescriptor t : BuiltinResourceTypes.REGISTRY.all()) {
            for (Resource r : snap.list(t, null)) {
                out.append(ResourceCodec.toRest(r)).append('\n');
            }
        }
        return out.toString();
    }

    private String httpDump() {
        StringBuilder out = new StringBuilder();
        for (String p : List.of("/meshes", "/dataplanes", "/traffic-permissions", "/meshtrafficpermissions")) {
            out.append(http.get(p + "?size=1000").body()).append('\n');
        }
        return out.toString();
    }

    private static List<String> keys(String dump) {
        List<String> out = new ArrayList<>();
        for (String page : dump.split("\n")) {
            try {
                Http.JSON
                        .readTree(page)
                        .path("items")
                        .forEach(i -> out.add(i.path("type").asText() + "/"
                                + i.path("mesh").asText() + "/" + i.path("name").asText()));
            } catch (IOException e) {
                throw new AssertionError("not a list: " + page, e);
            }
        }
        return out;
    }

    private static String stripTimes(String json) {
        return json.replaceAll("\"(creationTime|modificationTime)\":\"[^\"]*\"", "");
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    // ------------------------------------------------------------------ valid starting points

    /** A valid item per endpoint, keyed by its path, the mesh first; each exists before the run. */
    private static Map<String, ObjectNode> templates() {
        Map<String, ObjectNode> out = new java.util.LinkedHashMap<>();
        out.put("/meshes/" + MESH, json("""
                        {"type": "Mesh", "name": "fz", "skipCreatingInitialPolicies": ["*"],
                         "mtls": {"enabledBackend": "ca-1", "backends": [{"name": "ca-1", "type": "builtin",
                           "dpCert": {"rotation": {"expiration": "1d"}}, "conf": {"caCert": {"RSAbits": 2048, "expiration": "10y"}}}]}}"""));
        out.put("/meshes/fz/dataplanes/dp-1", json("""
                        {"type": "Dataplane", "mesh": "fz", "name": "dp-1",
                         "networking": {"address": "127.0.0.1",
                           "inbound": [{"port": 15000, "servicePort": 5000, "tags": {"kuma.io/service": "web", "kuma.io/protocol": "http"}}],
                           "outbound": [{"port": 10001, "tags": {"kuma.io/service": "backend"}}]}}"""));
        out.put("/meshes/fz/traffic-permissions/tp-1", json("""
                        {"type": "TrafficPermission", "mesh": "fz", "name": "tp-1",
                         "sources": [{"match": {"kuma.io/service": "web"}}], "destinations": [{"match": {"kuma.io/service": "backend"}}]}"""));
        out.put("/meshes/fz/meshtrafficpermissions/mtp-1", json("""
                        {"type": "MeshTrafficPermission", "mesh": "fz", "name": "mtp-1",
                         "spec": {"targetRef": {"kind": "MeshService", "name": "backend"},
                           "from": [{"targetRef": {"kind": "MeshSubset", "tags": {"kuma.io/service": "web"}}, "default": {"action": "Allow"}}]}}"""));
        return out;
    }

    private static ObjectNode json(String text) {
        try {
            return (ObjectNode) Http.JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ structured mutations of valid bodies

    private List<Case> structuredCases(Random random) {
        List<Case> out = new ArrayList<>();
        for (Map.Entry<String, ObjectNode> t : new java.util.TreeMap<>(templates()).entrySet()) {
            for (int i = 0; i < 70; i++) {
                ObjectNode body = t.getValue().deepCopy();
                int mutations = 1 + random.nextInt(3);
                StringBuilder what = new StringBuilder();
                for (int m = 0; m < mutations; m++) {
                    what.append(mutate(body, random)).append("; ");
                }
                boolean yaml = random.nextInt(3) == 0;
                byte[] bytes = yaml ? yaml(body) : body.toString().getBytes(StandardCharsets.UTF_8);
                out.add(new Case(
                        "structured " + t.getKey() + " #" + i + " [" + what + "]" + (yaml ? " as YAML" : ""),
                        "PUT",
                        t.getKey(),
                        yaml ? "application/yaml" : "application/json",
                        bytes));
            }
        }
        return out;
    }

    /** Applies one random mutation somewhere in the tree; returns what it did. */
    private static String mutate(ObjectNode root, Random random) {
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers, 0);
        JsonNode target = containers.get(random.nextInt(containers.size()));
        if (target instanceof ObjectNode o) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            int op = random.nextInt(4);
            if (op == 0 || names.isEmpty()) {
                String field = random.nextBoolean() ? "bogus" : oddString(random);
                o.set(field, randomValue(random, 0));
                return "add field";
            }
            String name = names.get(random.nextInt(names.size()));
            if (op == 1) {
                o.remove(name);
                return "remove " + name;
            }
            o.set(name, randomValue(random, 0));
            return "replace " + name;
        }
        ArrayNode a = (ArrayNode) target;
        if (a.isEmpty() || random.nextBoolean()) {
            a.add(randomValue(random, 0));
            return "append to array";
        }
        a.set(random.nextInt(a.size()), randomValue(random, 0));
        return "replace array item";
    }

    private static void collect(JsonNode n, List<JsonNode> out, int depth) {
        if (n.isContainerNode()
                && depth < 8) { // mutate near the top, so that serialized bodies stay within Jackson's limits
            out.add(n);
            n.forEach(child -> collect(child, out, depth + 1));
        }
    }

    private static JsonNode randomValue(Random random, int depth) {
        return switch (random.nextInt(depth > 2 ? 9 : 12)) {
            case 0 -> NODES.textNode(oddString(random));
            case 1 ->
                NODES.numberNode(
                        new long[] {-1, 0, 1, 65535, 65536, Integer.MAX_VALUE + 1L, Long.MIN_VALUE}[random.nextInt(7)]);
            case 2 -> NODES.numberNode(new double[] {1.5, -0.0, 1e308, 4.9e-324, -1e10}[random.nextInt(5)]);
            case 3 -> NODES.numberNode(new java.math.BigInteger("1" + "0".repeat(40)));
            case 4 -> NODES.booleanNode(random.nextBoolean());
            case 5 -> NODES.nullNode();
            case 6 -> NODES.textNode("x".repeat(1 + random.nextInt(20_000))); // the megabyte-sized bodies are raw cases
            case 7 ->
                NODES.textNode(new String[] {"Allow", "Mesh", "MeshService", "builtin", "0", "-1h", "1d", "*", ""}
                        [random.nextInt(9)]);
            case 8 -> NODES.arrayNode();
            case 9 -> {
                ArrayNode a = NODES.arrayNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    a.add(randomValue(random, depth + 1));
                }
                yield a;
            }
            case 10 -> {
                ObjectNode o = NODES.objectNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    o.set(random.nextBoolean() ? oddString(random) : "kind", randomValue(random, depth + 1));
                }
                yield o;
            }
            default ->
                deepArray(50 + random.nextInt(800)); // Jackson writes at most 1000 levels; deeper ones are raw cases
        };
    }

    private static JsonNode deepArray(int depth) {
        ArrayNode root = NODES.arrayNode();
        ArrayNode cur = root;
        for (int i = 0; i < depth; i++) {
            cur = cur.addArray();
        }
        return root;
    }

    private static String oddString(Random random) {
        String[] pool = {
            "UPPER",
            "with space",
            "a/b",
            "../..",
            "\u0000nul",
            "\u00e4\u00f6\u00fc",
            "\ud83d\ude00",
            "\ud800",
            "kuma.io/service",
            "*svc",
            "&anchor",
            "<<",
            "%ff",
            "\"quoted\"",
            "line\nbreak",
            "a".repeat(300),
            "-lead",
            "trail-",
            "UPPER.lower",
            "tab\there"
        };
        return pool[random.nextInt(pool.length)];
    }

    private static byte[] yaml(JsonNode body) {
        try {
            return YAML.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ raw bodies: syntax, encoding, sizes

    private List<Case> rawBodyCases(Random random) {
        List<byte[]> bodies = new ArrayList<>();
        for (String s : List.of(
                "",
                " ",
                "\n\n",
                "{",
                "}",
                "{\"type\":",
                "{\"a\":1,}",
                "{'type':'Mesh'}",
                "[]",
                "null",
                "\"str\"",
                "123",
                "true",
                "-",
                "NaN",
                "{\"type\":\"Mesh\",\"name\":\"fz\"} trailing",
                "{\"type\":\"Mesh\"}{\"type\":\"Mesh\"}",
                "{\"a\":1e999999}",
                "{\"a\":" + "9".repeat(5000) + "}",
                "{\"type\":\"Mesh\",\"name\":\"fz\",\"name\":\"fz\"}",
                "\ufeff{\"type\":\"Mesh\",\"name\":\"fz\"}",
                "{\"type\":\"Mesh\",\"name\":\"fz\u0000\"}",
                "{\"type\":null,\"name\":null}",
                "{\"type\":[],\"name\":{}}",
                "{\"type\":1,\"mesh\":2,\"name\":3}",
                "{\"labels\":\"x\"}",
                "{\"labels\":{\"a\":{}}}",
                "{\"spec\":[]}",
                "{\"spec\":\"x\"}",
                "key: [unclosed",
                "key: {a: 1",
                ": :",
                "- - -",
                "\t{}",
                "%YAML 9.9\n---\na: 1")) {
            bodies.add(s.getBytes(StandardCharsets.UTF_8));
        }
        bodies.add(("[".repeat(100_000) + "]".repeat(100_000)).getBytes(StandardCharsets.UTF_8));
        bodies.add(("{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000)).getBytes(StandardCharsets.UTF_8));
        bodies.add(("a:\n" + nestedYamlBlock(300)).getBytes(StandardCharsets.UTF_8));
        bodies.add(bytes("{\"type\":\"Mesh\",\"name\":\"fz", 0xff, 0xfe, "\"}"));
        bodies.add(bytes("{\"type\":\"Mesh\",\"name\":\"fz\",\"labels\":{\"a\":\"", 0xc0, 0x80, "\"}}"));
        bodies.add(bytes("{\"type\":\"Mesh\",\"name\":\"fz\",\"labels\":{\"a\":\"", 0xed, 0xa0, 0x80, "\"}}"));
        bodies.add(bytes("{\"type\":\"Mesh\",\"name\":\"fz\",\"labels\":{\"a\":\"", 0xe2, 0x82, "\"}}"));
        bodies.add(bytes("type: Mesh\nname: fz", 0xf8, 0x88, 0x80, 0x80, 0x80, "\n"));
        bodies.add(bytes("type: Mesh\nname: fz\nlabels:\n  a: ", 0x80, "\n"));
        bodies.add(("{\"type\":\"Mesh\",\"name\":\"fz\",\"labels\":{\"a\":\"" + "x".repeat(3_900_000) + "\"}}")
                .getBytes(StandardCharsets.UTF_8));
        bodies.add(new byte[5 * 1024 * 1024]); // above the API's 4 MiB body limit
        StringBuilder manyKeys = new StringBuilder("{\"type\":\"Mesh\",\"name\":\"fz\",\"labels\":{");
        for (int i = 0; i < 100_000; i++) {
            manyKeys.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"v\"");
        }
        bodies.add(manyKeys.append("}}").toString().getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < 10; i++) {
            byte[] noise = new byte[random.nextInt(2000)];
            random.nextBytes(noise);
            bodies.add(noise);
        }
        List<Case> out = new ArrayList<>();
        List<String> paths = new ArrayList<>(new java.util.TreeMap<>(templates()).keySet());
        for (int i = 0; i < bodies.size(); i++) {
            String path = paths.get(i % paths.size());
            String preview =
                    new String(bodies.get(i), 0, Math.min(40, bodies.get(i).length), StandardCharsets.ISO_8859_1);
            out.add(new Case(
                    "raw body #" + i + " (" + bodies.get(i).length + " bytes, " + preview.replaceAll("\\p{Cntrl}", "?")
                            + ") to " + path,
                    "PUT",
                    path,
                    "application/json",
                    bodies.get(i)));
        }
        return out;
    }

    private static String nestedYamlBlock(int depth) {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= depth; i++) {
            b.append("  ".repeat(i)).append("k:\n");
        }
        return b.append("  ".repeat(depth + 1)).append("v\n").toString();
    }

    private static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object p : parts) {
            if (p instanceof String s) {
                out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            } else {
                out.write((Integer) p);
            }
        }
        return out.toByteArray();
    }

    // ------------------------------------------------------------------ YAML features

    private List<Case> yamlCases() {
        String dp = "type: Dataplane\nmesh: fz\nname: dp-1\nnetworking:\n  address: 127.0.0.1\n  inbound:\n"
                + "    - port: 15000\n      servicePort: 5000\n      tags:\n        kuma.io/service: %s\n";
        StringBuilder laughs = new StringBuilder(
                "type: Mesh\nname: fz\nl0: &l0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (int i = 1; i < 10; i++) {
            laughs.append("l")
                    .append(i)
                    .append(": &l")
                    .append(i)
                    .append(" [")
                    .append(String.join(",", java.util.Collections.nCopies(9, "*l" + (i - 1))))
                    .append("]\n");
        }
        java.util.function.Function<JsonNode, String> refused = item -> "it must be refused";
        Map<String, java.util.function.Function<JsonNode, String>> docs = new java.util.LinkedHashMap<>();
        docs.put(dp.formatted("*svc"), refused); // undefined alias
        docs.put(
                "anchors:\n  s: &svc web\n" + dp.formatted("*svc"),
                item -> expect(item, "/networking/inbound/0/tags/kuma.io~1service", "web"));
        docs.put(
                dp.formatted("&svc web")
                        + "  outbound:\n    - port: 10001\n      tags:\n        kuma.io/service: *svc\n",
                item -> expect(item, "/networking/outbound/0/tags/kuma.io~1service", "web"));
        docs.put(laughs.toString(), refused);
        docs.put("type: Mesh\nname: fz\nloop: &a [*a]\n", refused);
        docs.put("type: Mesh\nname: fz\nlabels: &l {a: b, c: *l}\n", refused);
        docs.put("type: Mesh\nname: fz\n*k : v\n", refused);
        docs.put("type: Mesh\nname: &n fz\n*n : x\n", item -> item.has("n") ? "the alias name became a field" : null);
        docs.put("type: !!java.lang.Runtime Mesh\nname: fz\n", refused);
        docs.put("type: Mesh\nname: !!python/object:os.system fz\n", refused);
        docs.put(
                "type: Mesh\nname: fz\nlabels: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://x\"]]]]\n",
                refused);
        docs.put("type: Mesh\nname: !local fz\n", refused);
        docs.put("type: Mesh\nname: fz\nlabels: !!binary aGVsbG8=\n", refused);
        docs.put("type: Mesh\nname: fz\nlabels: !!set {a, b}\n", refused);
        docs.put("type: Mesh\nname: fz\nlabels: !!omap [a: b]\n", refused);
        docs.put("type: Mesh\nname: !!str fz\nlabels: {a: !!str 1}\n", item -> expect(item, "/labels/a", "1"));
        docs.put("type: Mesh\nname: !!int fz\n", item -> expect(item, "/name", "fz"));
        docs.put(
                "base: &base {team: core}\ntype: Mesh\nname: fz\nlabels:\n  <<: *base\n  tier: gold\n",
                item -> expect(item, "/labels/team", "core") != null
                        ? expect(item, "/labels/team", "core")
                        : expect(item, "/labels/tier", "gold"));
        docs.put(
                "a: &a {x: 1}\nb: &b {y: 2}\ntype: Mesh\nname: fz\nlabels:\n  <<: [*a, *b]\n",
                item -> expect(item, "/labels/x", "1") != null
                        ? expect(item, "/labels/x", "1")
                        : expect(item, "/labels/y", "2"));
        docs.put("type: Mesh\nname: fz\nlabels:\n  <<: 1\n", refused);
        docs.put("type: Mesh\nname: fz\n<<: {mtls: {enabledBackend: nope}}\n", refused);
        docs.put("type: Mesh\nname: fz\n---\ntype: Mesh\nname: other\n", refused);
        docs.put("---\n---\n", refused);
        docs.put(
                "--- !!map\n? [complex, key]\n: value\ntype: Mesh\nname: fz\n",
                item -> item.toString().contains("complex") ? "a complex key was stored" : null);
        docs.put("%TAG !e! tag:example.com,2000:\n---\ntype: !e!mesh Mesh\nname: fz\n", refused);
        docs.put(
                "type: Mesh\nname: fz\nlabels:\n  a: |\n    multi\n    line\n",
                item -> expect(item, "/labels/a", "multi\nline\n"));
        docs.put("type: Mesh\nname: fz\ntype: Dataplane\n", null);
        docs.put("type: Mesh\nname: fz\nlabels: {a: 2001-12-14, b: yes, c: 0x1F, d: ~, e: .inf}\n", null);
        docs.put("type: Mesh\nname: fz\nmtls: *undefined\n", refused);
        docs.put("{type: Mesh, name: fz, labels: {a: [b]}}\n", refused);
        List<Case> out = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, java.util.function.Function<JsonNode, String>> e : docs.entrySet()) {
            String doc = e.getKey();
            String path = doc.contains("Dataplane\nmesh") ? "/meshes/fz/dataplanes/dp-1" : "/meshes/fz";
            out.add(new Case(
                    "yaml #" + i++ + " " + abbreviate(doc.replace("\n", "\\n")),
                    "PUT",
                    path,
                    "application/yaml",
                    doc.getBytes(StandardCharsets.UTF_8),
                    e.getValue()));
        }
        return out;
    }

    private static String expect(JsonNode item, String pointer, String value) {
        JsonNode v = item.at(pointer);
        return v.isTextual() && v.asText().equals(value) ? null : pointer + " is " + v + ", not \"" + value + "\"";
    }

    // ------------------------------------------------------------------ content types

    private List<Case> contentTypeCases() {
        String meshJson = templates().get("/meshes/" + MESH).toString();
        List<Case> out = new ArrayList<>();
        out.add(new Case(
                "UTF-16 JSON",
                "PUT",
                "/meshes/fz",
                "application/json; charset=utf-16",
                meshJson.getBytes(StandardCharsets.UTF_16)));
        out.add(new Case(
                "UTF-32ish bytes",
                "PUT",
                "/meshes/fz",
                "application/json",
                meshJson.getBytes(java.nio.charset.Charset.forName("UTF-32"))));
        out.add(new Case(
                "form body",
                "PUT",
                "/meshes/fz",
                "application/x-www-form-urlencoded",
                "type=Mesh&name=fz".getBytes(StandardCharsets.UTF_8)));
        out.add(new Case(
                "multipart body",
                "PUT",
                "/meshes/fz",
                "multipart/form-data; boundary=xx",
                "--xx\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n{}\r\n--xx--\r\n"
                        .getBytes(StandardCharsets.UTF_8)));
        out.add(new Case(
                "xml body",
                "PUT",
                "/meshes/fz",
                "application/xml",
                "<Mesh name=\"fz\"/>".getBytes(StandardCharsets.UTF_8)));
        out.add(new Case(
                "gzip label", "PUT", "/meshes/fz", "application/json", new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0
                }));
        out.add(new Case(
                "no content type",
                "PUT",
                "/meshes/fz/traffic-permissions/tp-1",
                null,
                "{\"type\":\"Mesh\"}".getBytes(StandardCharsets.UTF_8)));
        out.add(new Case(
                "mismatched type for path",
                "PUT",
                "/meshes/fz/traffic-permissions/tp-1",
                "application/json",
                meshJson.getBytes(StandardCharsets.UTF_8)));
        out.add(new Case(
                "token: garbage",
                "POST",
                "/tokens/dataplane",
                "application/json",
                "{\"name\":".getBytes(StandardCharsets.UTF_8)));
        out.add(new Case(
                "token: wrong types",
                "POST",
                "/tokens/dataplane",
                "application/json",
                "{\"name\":[],\"mesh\":{}}".getBytes(StandardCharsets.UTF_8)));
        out.add(new Case(
                "token: unknown mesh",
                "POST",
                "/tokens/dataplane",
                "application/json",
                "{\"name\":\"a\",\"mesh\":\"nope\"}".getBytes(StandardCharsets.UTF_8)));
        out.add(new Case(
                "token: YAML alias",
                "POST",
                "/tokens/dataplane",
                "application/yaml",
                "name: &n a\nmesh: *n\n".getBytes(StandardCharsets.UTF_8)));
        return out;
    }

    // ------------------------------------------------------------------ names, paths, methods, queries

    private static ObjectNode templateFor(String prefix) {
        for (Map.Entry<String, ObjectNode> t : templates().entrySet()) {
            String type = t.getKey().replaceAll("^/meshes/fz/?([^/]*)/?.*$", "$1");
            if (!type.isEmpty() && prefix.contains("/" + type + "/")) {
                return t.getValue();
            }
        }
        return templates().get("/meshes/" + MESH);
    }

    private static String decodeOrRaw(String name) {
        try {
            return java.net.URLDecoder.decode(name.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return name;
        }
    }

    private List<Case> pathAndMethodCases() {
        List<String> names = List.of(
                "UPPER",
                "a_b",
                "-a",
                "a-",
                "a..b",
                ".",
                "..",
                "%2e%2e",
                "a%2Fb",
                "a%00b",
                "%ff",
                "%c3%a4",
                "%F0%9F%98%80",
                "a%20b",
                "a;b",
                "a:b",
                "*",
                "%2A",
                "x".repeat(254),
                "x".repeat(3000),
                "x".repeat(5000),
                "%25",
                "a%0Ab");
        List<String> prefixes = List.of(
                "/meshes/",
                "/meshes/fz/dataplanes/",
                "/meshes/fz/traffic-permissions/",
                "/meshes/fz/meshtrafficpermissions/",
                "/meshes/%ff/dataplanes/",
                "/meshes/NOPE/meshtrafficpermissions/");
        List<Case> out = new ArrayList<>();
        int i = 0;
        for (String name : names) {
            String prefix = prefixes.get(i++ % prefixes.size());
            String path = prefix + name;
            ObjectNode body = templateFor(prefix).deepCopy();
            body.put("name", decodeOrRaw(name));
            for (String method : List.of("GET", "PUT", "DELETE")) {
                out.add(new Case(
                        "path " + method + " " + abbreviate(path),
                        method,
                        path,
                        "application/json",
                        method.equals("PUT") ? body.toString().getBytes(StandardCharsets.UTF_8) : null));
            }
        }
        for (String path : List.of(
                "/meshes/fz/bogus/x",
                "/meshes/fz/dataplanes/dp-1/x/y",
                "//meshes",
                "/meshes/",
                "/meshes//dataplanes",
                "/meshes/fz/dataplanes/",
                "/dataplanes/x",
                "/tokens",
                "/tokens/dataplane/x",
                "/meshes/fz/dataplanes/dp-1/_identity",
                "/meshes/fz/dataplanes/dp-1/_overview",
                "/meshes/fz/dataplanes/_overview?gateway=maybe&tag=%ff",
                "/_resources/x")) {
            for (String method : List.of("GET", "PUT", "POST", "DELETE", "PATCH", "OPTIONS", "HEAD")) {
                out.add(new Case(
                        "route " + method + " " + path,
                        method,
                        path,
                        "application/json",
                        method.equals("PUT") || method.equals("POST") || method.equals("PATCH")
                                ? "{}".getBytes(StandardCharsets.UTF_8)
                                : null));
            }
        }
        for (String list : List.of(
                "/meshes",
                "/meshes/fz/dataplanes",
                "/meshes/fz/traffic-permissions",
                "/meshes/fz/meshtrafficpermissions",
                "/dataplanes",
                "/traffic-permissions",
                "/meshtrafficpermissions")) {
            for (String q : List.of(
                    "size=-1",
                    "size=0",
                    "size=abc",
                    "size=99999999999",
                    "size=1001",
                    "offset=zz",
                    "offset=-5",
                    "offset=99999999999999999999",
                    "name=%ff",
                    "name=",
                    "size=1&size=2&offset=1&offset=x")) {
                out.add(new Case("list " + list + "?" + q, "GET", list + "?" + q, null, null));
            }
            out.add(new Case(
                    "PUT on list " + list, "PUT", list, "application/json", "{}".getBytes(StandardCharsets.UTF_8)));
            out.add(new Case("DELETE on list " + list, "DELETE", list, null, null));
        }
        return out;
    }
}
