package dev.gatehouse.gateway.declarative;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.gatehouse.gateway.support.AdminClient;
import dev.gatehouse.gateway.support.AdminClient.Resp;
import dev.gatehouse.gateway.support.GatewayProcess;
import dev.gatehouse.gateway.support.SharedFiles;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Declarative configuration ({@code POST/GET /config}, {@code --declarative-config}): round trip with ids,
 * decK JSON-schema validation of exports ({@code ../shared/schemas/kong/deck-file.schema.json}), Kong's
 * on-the-fly migration of 1.1/2.1 files ({@code kong/db/declarative/migrations/route_path.lua}), error
 * reports ({@code kong/db/errors.lua} declarative_config and flattened errors), and a 10,000-route file.
 */
class DeclarativeConfigTest {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static GatewayProcess gateway;
    private static AdminClient api;
    private static Path dataRoot;

    @BeforeAll
    static void start() throws Exception {
        dataRoot = Files.createTempDirectory("gatehouse-decl");
        gateway = GatewayProcess.start(dataRoot.resolve("data"));
        api = gateway.client();
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
    }

    private static final String[] COLLECTIONS = {"/services", "/routes", "/consumers", "/plugins", "/key-auths", "/acls"
    };

    /** Every entity by collection and id, without updated_at (reset on import, as in Kong) and ttl. */
    private Map<String, Map<String, JsonNode>> everything() {
        Map<String, Map<String, JsonNode>> out = new LinkedHashMap<>();
        for (String c : COLLECTIONS) {
            Map<String, JsonNode> byId = new TreeMap<>();
            for (JsonNode e : api.get(c + "?size=1000").json().get("data")) {
                ObjectNode copy = e.deepCopy();
                copy.remove("updated_at");
                copy.remove("ttl");
                byId.put(e.get("id").asText(), copy);
            }
            out.put(c, byId);
        }
        return out;
    }

    private static Set<ValidationMessage> validateDeck(Path deckSchema, JsonNode document) throws Exception {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);
        try (InputStream in = Files.newInputStream(deckSchema)) {
            JsonSchema schema = factory.getSchema(in);
            return schema.validate(document);
        }
    }

    private Resp postConfig(String yaml) {
        return api.raw("POST", "/config", "application/yaml", yaml.getBytes(StandardCharsets.UTF_8));
    }

    private void wipe() {
        Resp r = api.post("/config", "{\"_format_version\":\"3.0\"}");
        assertThat(r.status()).isEqualTo(201);
    }

    private void buildRichConfig() {
        wipe();
        String s1 = api.post(
                        "/services",
                        AdminClient.parse("{\"name\":\"billing\",\"url\":\"https://billing.test:8443/v1\","
                                + "\"tags\":[\"team-a\"],\"retries\":2}"))
                .json()
                .get("id")
                .asText();
        String s2 = api.post("/services", AdminClient.parse("{\"host\":\"anon.test\"}"))
                .json()
                .get("id")
                .asText();
        String r1 = api.post(
                        "/services/" + s1 + "/routes",
                        AdminClient.parse(
                                "{\"name\":\"billing-api\","
                                        + "\"paths\":[\"/billing\",\"~/invoices/\\\\d+$\"],\"methods\":[\"GET\",\"POST\"],\"hosts\":[\"*.billing.test\"],"
                                        + "\"headers\":{\"x-env\":[\"prod\",\"staging\"]},\"strip_path\":false,\"regex_priority\":5}"))
                .json()
                .get("id")
                .asText();
        api.post("/services/" + s2 + "/routes", AdminClient.parse("{\"paths\":[\"/anon\"],\"protocols\":[\"https\"]}"));
        api.post("/routes", AdminClient.parse("{\"name\":\"orphan\",\"paths\":[\"/orphan\"]}"));
        api.post(
                "/services/" + s1 + "/plugins",
                AdminClient.parse("{\"name\":\"key-auth\",\"config\":{\"key_names\":[\"apiKey\"],"
                        + "\"hide_credentials\":true}}"));
        api.post(
                "/routes/" + r1 + "/plugins",
                AdminClient.parse("{\"name\":\"key-auth\",\"enabled\":false," + "\"protocols\":[\"https\"]}"));
        api.post(
                "/plugins",
                AdminClient.parse("{\"name\":\"key-auth\",\"instance_name\":\"global-ka\",\"tags\":[\"g\"]}"));
        String bob = api.post(
                        "/consumers",
                        AdminClient.parse("{\"username\":\"bob\",\"custom_id\":\"b-1\",\"tags\":[\"vip\"]}"))
                .json()
                .get("id")
                .asText();
        api.post("/consumers", AdminClient.parse("{\"custom_id\":\"only-custom\"}"));
        api.post("/consumers/" + bob + "/key-auth", AdminClient.parse("{\"key\":\"123test\",\"tags\":[\"seed\"]}"));
        api.post("/consumers/" + bob + "/key-auth", AdminClient.parse("{\"key\":\"temp-key\",\"ttl\":3600}"));
        api.post("/key-auths", AdminClient.parse("{\"consumer\":{\"id\":\"" + bob + "\"}}"));
        // acl groups: the export left them out, so loading it back dropped every group
        api.post("/consumers/" + bob + "/acls", AdminClient.parse("{\"group\":\"gold\",\"tags\":[\"t\"]}"));
        api.post("/consumers/" + bob + "/acls", AdminClient.parse("{\"group\":\"early\"}"));
    }

    @Test
    void exportWipeImportGivesIdenticalEntities() throws Exception {
        buildRichConfig();
        Map<String, Map<String, JsonNode>> before = everything();
        assertThat(before.get("/services")).hasSize(2);
        assertThat(before.get("/key-auths")).hasSize(3);
        assertThat(before.get("/acls")).hasSize(2);

        Resp export = api.get("/config");
        assertThat(export.status()).isEqualTo(200);
        String yaml = export.json().get("config").asText();
        JsonNode document = YAML.readTree(yaml);
        assertThat(document.get("_format_version").asText()).isEqualTo("3.0");
        assertThat(document.get("services").get(0).get("routes")).isNotNull();
        assertThat(document.get("consumers").get(0).get("keyauth_credentials")).isNotNull();
        assertThat(document.get("consumers").get(0).get("acls")).hasSize(2);
        assertThat(document.get("plugins").get(0).get("instance_name").asText()).isEqualTo("global-ka");

        wipe();
        for (Map<String, JsonNode> m : everything().values()) {
            assertThat(m).isEmpty();
        }
        Resp imported = postConfig(yaml);
        assertThat(imported.status()).as(imported.text()).isEqualTo(201);
        assertThat(imported.json().get("services")).hasSize(2);
        assertThat(everything()).isEqualTo(before);
        JsonNode temp = null;
        for (JsonNode k : api.get("/key-auths").json().get("data")) {
            if (k.get("key").asText().equals("temp-key")) {
                temp = k;
            }
        }
        assertThat(temp.get("ttl").asInt()).isBetween(3590, 3600);

        // re-exporting gives the same document
        JsonNode again = YAML.readTree(api.get("/config").json().get("config").asText());
        assertThat(withoutTtl(again)).isEqualTo(withoutTtl(document));
    }

    @Test
    void exportsAreValidDeckFiles() throws Exception {
        Path deckSchema = SharedFiles.deckSchema(); // skipped, saying why, in a clone without ../shared
        buildRichConfig();
        String yaml = api.get("/config").json().get("config").asText();
        assertThat(validateDeck(deckSchema, YAML.readTree(yaml)))
                .as("decK schema errors")
                .isEmpty();
        // an imported file exports as a valid decK file too
        wipe();
        assertThat(postConfig(yaml).status()).isEqualTo(201);
        assertThat(validateDeck(
                        deckSchema,
                        YAML.readTree(api.get("/config").json().get("config").asText())))
                .as("decK schema errors after a round trip")
                .isEmpty();
    }

    @Test
    void deckFileWithoutIdsGetsStableIds() {
        String file = """
        _format_version: "3.0"
        services:
        - name: example-service
          url: http://example.test
          routes:
          - name: example-route
            paths:
            - /
            plugins:
            - name: key-auth
              config:
                key_names: [apiKey]
        consumers:
        - username: example-user
          keyauth_credentials:
          - key: 123test
        plugins:
        - name: key-auth
          service: example-service
          consumer: example-user
          enabled: false
        """;
        // key-auth forbids a consumer: Kong reports it for the top-level plugin entry.
        Resp rejected = postConfig(file);
        assertThat(rejected.status()).isEqualTo(400);
        assertThat(rejected.json()
                        .get("fields")
                        .get("plugins")
                        .get(0)
                        .get("consumer")
                        .asText())
                .isEqualTo("value must be null");
        String ok = file.replace("  consumer: example-user\n", "");
        Resp first = postConfig(ok);
        assertThat(first.status()).as(first.text()).isEqualTo(201);
        String sid = api.get("/services/example-service").json().get("id").asText();
        String rid = api.get("/routes/example-route").json().get("id").asText();
        String cid = api.get("/consumers/example-user").json().get("id").asText();
        assertThat(sid).matches("[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        JsonNode plugins = api.get("/plugins").json().get("data");
        assertThat(plugins).hasSize(2);
        wipe();
        assertThat(postConfig(ok).status()).isEqualTo(201);
        assertThat(api.get("/services/example-service").json().get("id").asText())
                .isEqualTo(sid);
        assertThat(api.get("/routes/example-route").json().get("id").asText()).isEqualTo(rid);
        assertThat(api.get("/consumers/example-user").json().get("id").asText()).isEqualTo(cid);
        assertThat(ids(api.get("/plugins").json().get("data"))).isEqualTo(ids(plugins));
        JsonNode route = api.get("/routes/example-route").json();
        assertThat(route.get("service").get("id").asText()).isEqualTo(sid);
        assertThat(api.get("/key-auths/123test/consumer").json().get("id").asText())
                .isEqualTo(cid);
    }

    @Test
    void olderFormatVersionsAreMigratedLikeKong() {
        String file = """
        _format_version: "1.1"
        services:
        - name: legacy
          host: legacy.test
          routes:
          - name: legacy-regex
            paths:
            - /users/\\d+
            - /plain/path
            - /a/../b
        routes:
        - name: legacy-top
          paths: ["/v1/(.*)"]
        """;
        Resp r = postConfig(file);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        assertThat(api.get("/routes/legacy-regex").json().get("paths"))
                .isEqualTo(AdminClient.parse("[\"~/users/\\\\d+\",\"/plain/path\",\"/b\"]"));
        assertThat(api.get("/routes/legacy-top").json().get("paths")).isEqualTo(AdminClient.parse("[\"~/v1/(.*)\"]"));
        Resp v3 = postConfig(file.replace("\"1.1\"", "\"3.0\"").replace("    - /a/../b\n", ""));
        assertThat(v3.status()).as(v3.text()).isEqualTo(201);
        assertThat(api.get("/routes/legacy-regex").json().get("paths"))
                .isEqualTo(AdminClient.parse("[\"/users/\\\\d+\",\"/plain/path\"]"));
    }

    @Test
    void invalidFilesAreRejectedWholeWithKongErrors() {
        buildRichConfig();
        Map<String, Map<String, JsonNode>> before = everything();
        String bad = """
        _format_version: "3.0"
        services:
        - name: ok-service
          host: ok.test
        - name: bad-service
          host: bad.test
          port: "eighty"
          routes:
          - name: bad-route
            protocols: [foo]
            paths: [/x]
        """;
        Resp r = postConfig(bad);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("code").asInt()).isEqualTo(14);
        assertThat(r.json().get("name").asText()).isEqualTo("invalid declarative configuration");
        JsonNode fields = r.json().get("fields");
        assertThat(fields.get("services").get(0).isNull()).isTrue();
        assertThat(fields.get("services").get(1).get("port").asText()).isEqualTo("expected an integer");
        assertThat(fields.get("services")
                        .get(1)
                        .get("routes")
                        .get(0)
                        .get("protocols")
                        .asText())
                .isEqualTo("unknown type: foo");
        assertThat(everything()).isEqualTo(before);

        Resp flat =
                api.raw("POST", "/config?flatten_errors=1", "application/yaml", bad.getBytes(StandardCharsets.UTF_8));
        assertThat(flat.status()).isEqualTo(400);
        ArrayNode flattened = (ArrayNode) flat.json().get("flattened_errors");
        assertThat(flattened).hasSize(2);
        JsonNode service =
                flattened.get(0).get("entity_type").asText().equals("service") ? flattened.get(0) : flattened.get(1);
        assertThat(service.get("entity_name").asText()).isEqualTo("bad-service");
        assertThat(service.get("errors").get(0).get("field").asText()).isEqualTo("port");
        assertThat(service.get("errors").get(0).get("message").asText()).isEqualTo("expected an integer");
        assertThat(service.get("entity").has("routes")).isFalse();

        Resp ref = postConfig("""
        _format_version: "3.0"
        routes:
        - name: my-route-1
          service: nowhere
          paths: [/status]
        """);
        assertThat(ref.status()).isEqualTo(400);
        assertThat(ref.json()
                        .get("fields")
                        .get("routes")
                        .get("my-route-1")
                        .get(0)
                        .asText())
                .isEqualTo("invalid reference 'service: nowhere' (no such entry in 'services')");
        Resp dup = postConfig("""
        _format_version: "3.0"
        services:
        - name: twin
          host: a.test
        - name: twin
          host: b.test
        """);
        assertThat(dup.status()).isEqualTo(400);
        assertThat(dup.json().get("fields").get("services").get(1).asText())
                .isEqualTo("uniqueness violation: 'services' entity with name set to 'twin' already declared");
        Resp noVersion = api.post("/config", "{\"services\":[]}");
        assertThat(noVersion.json().get("fields").get("_format_version").asText())
                .isEqualTo("required field missing");
        Resp unparsable = postConfig("services: [unclosed");
        assertThat(unparsable.status()).isEqualTo(400);
        assertThat(unparsable.json().get("fields").get("error").asText())
                .startsWith("failed parsing declarative configuration");
        Resp empty = api.raw("POST", "/config", "application/yaml", new byte[0]);
        assertThat(empty.json().get("message").asText()).isEqualTo("expected a declarative configuration");
        assertThat(everything()).isEqualTo(before);
    }

    @Test
    void checkHashSkipsAnIdenticalConfig() {
        String file = "_format_version: \"3.0\"\nservices:\n- name: hashed\n  host: h.test\n";
        assertThat(api.raw("POST", "/config?check_hash=1", "application/yaml", file.getBytes(StandardCharsets.UTF_8))
                        .status())
                .isEqualTo(201);
        assertThat(api.raw("POST", "/config?check_hash=1", "application/yaml", file.getBytes(StandardCharsets.UTF_8))
                        .status())
                .isEqualTo(304);
        // a change through the Admin API means the gateway no longer holds that file: the same file applies again
        assertThat(api.patch("/services/hashed", java.util.Map.of("host", "changed.test"))
                        .status())
                .isEqualTo(200);
        assertThat(api.raw("POST", "/config?check_hash=1", "application/yaml", file.getBytes(StandardCharsets.UTF_8))
                        .status())
                .isEqualTo(201);
        assertThat(api.get("/services/hashed").json().get("host").asText()).isEqualTo("h.test");
        assertThat(api.raw("POST", "/config?check_hash=1", "application/yaml", file.getBytes(StandardCharsets.UTF_8))
                        .status())
                .isEqualTo(304);
    }

    @Test
    void tenThousandRoutesInOneFile() {
        StringBuilder sb = new StringBuilder("{\"_format_version\":\"3.0\",\"services\":[{\"name\":\"bulk\","
                + "\"host\":\"bulk.test\",\"routes\":[");
        for (int i = 0; i < 10_000; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append("{\"name\":\"bulk-")
                    .append(i)
                    .append("\",\"paths\":[\"/bulk/")
                    .append(i)
                    .append("\"],\"methods\":[\"GET\"]}");
        }
        sb.append("]}]}");
        byte[] body = sb.toString().getBytes(StandardCharsets.UTF_8);
        long start = System.nanoTime();
        Resp r = api.raw("POST", "/config", "application/json", body);
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().get("routes")).hasSize(10_000);
        System.out.printf(
                "[measure] declarative import of 10,000 routes (%d KiB JSON): %d ms%n", body.length / 1024, ms);
        JsonNode page = api.get("/services/bulk/routes?size=1000").json();
        assertThat(page.get("data")).hasSize(1000);
        assertThat(page.get("next").isTextual()).isTrue();
        wipe();
    }

    @Test
    void declarativeFileAtStartUp(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("kong.yml");
        Files.writeString(file, """
        _format_version: "3.0"
        services:
        - name: boot
          url: http://boot.test
          routes:
          - name: boot-route
            paths: [/boot]
        """);
        try (GatewayProcess gp = GatewayProcess.start(dir.resolve("data"), "--declarative-config", file.toString())) {
            assertThat(gp.client()
                            .get("/routes/boot-route")
                            .json()
                            .get("paths")
                            .get(0)
                            .asText())
                    .isEqualTo("/boot");
        }
        Files.writeString(file, "_format_version: \"3.0\"\nservices:\n- name: broken\n");
        Path data2 = dir.resolve("data2");
        try {
            GatewayProcess.start(data2, "--declarative-config", file.toString()).close();
            throw new AssertionError("an invalid declarative file must stop the start-up");
        } catch (IllegalStateException e) {
            assertThat(e.getMessage()).contains("host").contains("required field missing");
        }
    }

    /**
     * Anchors, aliases and merge keys resolve as Kong's lyaml resolves them ({@code lyaml/init.lua} 6.2.8, used by
     * {@code kong/db/declarative/init.lua}): an alias is its anchored value, {@code <<} merges mappings and keys
     * written out win. Jackson alone stored an alias's name: {@code host: *h} became a service on host "h".
     */
    @Test
    void yamlAliasesAndMergeKeysResolveLikeLyaml() {
        wipe();
        Resp r = postConfig("""
        _format_version: "3.0"
        _ignore:
        - &timeouts {connect_timeout: 5000, read_timeout: 7000}
        services:
        - name: alias-a
          host: &h shared.test
          tags: &t [team-a, blue]
          <<: *timeouts
          routes:
          - name: alias-route
            paths: &p [/alias]
        - name: alias-b
          host: *h
          tags: *t
          <<: [*timeouts, {write_timeout: 9000, read_timeout: 1}]
          read_timeout: 8000
        consumers:
        - username: &u alias-user
          custom_id: *u
        """);
        assertThat(r.status()).as(r.text()).isEqualTo(201);
        JsonNode a = api.get("/services/alias-a").json();
        JsonNode b = api.get("/services/alias-b").json();
        assertThat(b.get("host").asText()).isEqualTo("shared.test");
        assertThat(b.get("tags")).isEqualTo(a.get("tags")).isEqualTo(AdminClient.parse("[\"team-a\",\"blue\"]"));
        assertThat(a.get("connect_timeout").asInt()).isEqualTo(5000);
        assertThat(a.get("read_timeout").asInt()).isEqualTo(7000);
        assertThat(b.get("read_timeout").asInt()).isEqualTo(8000); // written out: wins over both merges
        assertThat(b.get("write_timeout").asInt()).isEqualTo(9000);
        assertThat(b.get("connect_timeout").asInt()).isEqualTo(5000); // the first merge source wins
        assertThat(api.get("/routes/alias-route").json().get("paths")).isEqualTo(AdminClient.parse("[\"/alias\"]"));
        assertThat(api.get("/consumers/alias-user").json().get("custom_id").asText())
                .isEqualTo("alias-user");
        // the export (no anchors) loads back to the same entities
        Map<String, Map<String, JsonNode>> before = everything();
        assertThat(postConfig(api.get("/config").json().get("config").asText()).status())
                .isEqualTo(201);
        assertThat(everything()).isEqualTo(before);
    }

    /**
     * An unknown alias is lyaml's {@code invalid reference} (with its line:column); a recursive one and a
     * billion-laughs document (nine levels of nine aliases, 387 million strings) are refused at once, since
     * aliases are copied here (lyaml shares the table) and the copies are bounded. Nothing is replaced.
     */
    @Test
    void badYamlAliasesAreRefusedAndNothingIsReplaced() {
        buildRichConfig();
        Map<String, Map<String, JsonNode>> before = everything();
        Resp unknown = postConfig("_format_version: \"3.0\"\nservices:\n- name: y\n  host: *nope\n");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("code").asInt()).isEqualTo(14);
        assertThat(unknown.json().get("fields").get("error").asText())
                .isEqualTo("failed parsing declarative configuration: 4:9: invalid reference: nope");
        Resp recursive = postConfig("_format_version: \"3.0\"\nservices:\n- &s {name: y, host: y.test, tags: [*s]}\n");
        assertThat(recursive.status()).isEqualTo(400);
        assertThat(recursive.json().get("fields").get("error").asText()).endsWith("recursive reference: s");
        StringBuilder laughs = new StringBuilder(
                "_format_version: \"3.0\"\n_ignore:\n- &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i <= 9; i++) {
            laughs.append("- &l")
                    .append(i)
                    .append(" [")
                    .append(String.join(", ", java.util.Collections.nCopies(9, "*l" + (i - 1))))
                    .append("]\n");
        }
        long start = System.nanoTime();
        Resp bomb = postConfig(laughs.toString());
        assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
        assertThat(bomb.status()).isEqualTo(400);
        assertThat(bomb.json().get("fields").get("error").asText())
                .endsWith("aliases expand to more than 100000 nodes");
        assertThat(everything()).isEqualTo(before);
    }

    /**
     * Kong's schemas type a consumer's {@code username} and {@code custom_id}
     * ({@code kong/db/schema/entities/consumers.lua}) and an acl's {@code group} ({@code kong/plugins/acl/daos.lua})
     * as plain strings: no pattern, so CR and LF are accepted and stored as sent, and so they are here. Kong never
     * writes them raw into a header: lua-nginx-module escapes control bytes in header values since 0.10.16
     * ({@code ngx_http_lua_copy_escaped_header}: CR LF become {@code %0D%0A}); the proxy's own check covers ours.
     * They must not break the YAML export either: the export loads back to the same entities.
     */
    @Test
    void crLfInConsumerFieldsAreKeptVerbatimLikeKong() {
        wipe();
        String injected = "evil\r\nX-Injected: 1\r\n\r\nservices:\n- host: smuggled.test";
        Resp c = api.post("/consumers", Map.of("username", injected, "custom_id", "c\r\nd"));
        assertThat(c.status()).as(c.text()).isEqualTo(201);
        String id = c.json().get("id").asText();
        Resp acl = api.post("/consumers/" + id + "/acls", Map.of("group", "g\r\nX-Injected: 1"));
        assertThat(acl.status()).as(acl.text()).isEqualTo(201);
        assertThat(api.get("/consumers/" + id).json().get("username").asText()).isEqualTo(injected);
        assertThat(api.get("/consumers/" + id + "/acls")
                        .json()
                        .get("data")
                        .get(0)
                        .get("group")
                        .asText())
                .isEqualTo("g\r\nX-Injected: 1");
        Map<String, Map<String, JsonNode>> before = everything();
        JsonNode acls = api.get("/acls").json().get("data");
        assertThat(postConfig(api.get("/config").json().get("config").asText()).status())
                .isEqualTo(201);
        assertThat(everything()).isEqualTo(before);
        assertThat(api.get("/acls").json().get("data")).isEqualTo(acls);
        assertThat(api.get("/services").json().get("data")).isEmpty();
    }

    /** The remaining ttl of a credential counts down between two exports. */
    private static JsonNode withoutTtl(JsonNode document) {
        JsonNode copy = document.deepCopy();
        for (JsonNode c : copy.path("consumers")) {
            for (JsonNode k : c.path("keyauth_credentials")) {
                ((ObjectNode) k).remove("ttl");
            }
        }
        return copy;
    }

    private static java.util.List<String> ids(JsonNode list) {
        java.util.List<String> out = new java.util.ArrayList<>();
        list.forEach(e -> out.add(e.get("id").asText()));
        return out;
    }
}
