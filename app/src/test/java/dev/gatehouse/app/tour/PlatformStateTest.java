package dev.gatehouse.app.tour;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.gatehouse.app.repository.mesh.PolicyRef;
import dev.gatehouse.app.testing.SharedFiles;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The seed's story as the tour predicts it (which status a request gets at each stage), the gateway facts read from
 * Kong-shaped entities (a route made through the forms counts, a key is found but never printed), and the previews.
 */
class PlatformStateTest {

    private static final JsonMapper JSON = new JsonMapper();
    private static final PolicyRef ALLOW_ALL = new PolicyRef("TrafficPermission", "allow-all-default");

    private static ObjectNode json(String text) throws Exception {
        return (ObjectNode) JSON.readTree(text);
    }

    private static PlatformState state(
            boolean route, boolean keyAuth, boolean key, boolean mtls, boolean allowAll, boolean gw, boolean redis)
            throws Exception {
        return new PlatformState(
                Optional.of(new GatewayFacts(
                        route ? Optional.of(new DemoService("s1", "kuma-demo-svc")) : Optional.empty(),
                        route ? Optional.of("r1") : Optional.empty(),
                        route ? Optional.of("kuma-demo-rt") : Optional.empty(),
                        keyAuth,
                        "apiKey",
                        key ? Optional.of(new DemoKey("demo-user", "123test")) : Optional.empty())),
                Optional.of(new MeshFacts(
                        Optional.of(json("{\"type\":\"Mesh\",\"name\":\"default\"}")),
                        mtls,
                        allowAll ? List.of(ALLOW_ALL) : List.of(),
                        gw,
                        redis,
                        true,
                        SeedServices.SEED)));
    }

    @Test
    void predictsTheSeedsStatusAtEveryStage() throws Exception {
        assertThat(state(false, false, false, false, true, false, false).expectedStatus(true))
                .isEqualTo(404);
        assertThat(state(true, false, false, false, true, false, false).expectedStatus(false))
                .isEqualTo(200);
        assertThat(state(true, true, false, false, true, false, false).expectedStatus(false))
                .isEqualTo(401);
        assertThat(state(true, true, true, false, true, false, false).expectedStatus(false))
                .isEqualTo(401);
        assertThat(state(true, true, true, false, true, false, false).expectedStatus(true))
                .isEqualTo(200);
        assertThat(state(true, true, true, true, true, false, false).expectedStatus(true))
                .isEqualTo(200);
        // allow-all gone but mTLS off: nothing is enforced, so still 200
        assertThat(state(true, true, true, false, false, false, false).expectedStatus(true))
                .isEqualTo(200);
        assertThat(state(true, true, true, true, false, false, false).expectedStatus(true))
                .isEqualTo(503);
        assertThat(state(true, true, true, true, false, true, false).expectedStatus(true))
                .isEqualTo(500);
        assertThat(state(true, true, true, true, false, true, true).expectedStatus(true))
                .isEqualTo(200);
    }

    @Test
    void readsTheDemoRouteItsKeyAuthAndAKeyFromGatewayEntities() throws Exception {
        List<ObjectNode> services = List.of(
                json("{\"id\":\"s0\",\"name\":\"billing\",\"host\":\"billing.internal\"}"),
                json("{\"id\":\"s1\",\"name\":\"counter\",\"host\":\"demo-app.mesh\"}"));
        List<ObjectNode> routes = List.of(
                json("{\"id\":\"r0\",\"name\":\"bills\",\"service\":{\"id\":\"s0\"}}"),
                json("{\"id\":\"r1\",\"name\":\"count\",\"service\":{\"id\":\"s1\"}}"));
        List<ObjectNode> plugins = List.of(json("""
                {"id":"p1","name":"key-auth","enabled":true,"route":{"id":"r1"},"service":null,"consumer":null,
                 "config":{"key_names":["x-key"]}}"""));
        List<ObjectNode> consumers = List.of(json("{\"id\":\"c1\",\"username\":\"alice\"}"));
        List<ObjectNode> keys = List.of(json("{\"id\":\"k1\",\"key\":\"alice-secret\",\"consumer\":{\"id\":\"c1\"}}"));

        GatewayFacts facts = TourDetector.gatewayFacts(services, routes, plugins, consumers, keys);

        assertThat(facts.routeId()).contains("r1");
        assertThat(facts.routeName()).contains("count");
        assertThat(facts.keyAuth()).isTrue();
        assertThat(facts.keyName()).isEqualTo("x-key");
        assertThat(facts.key()).hasValueSatisfying(key -> {
            assertThat(key.owner()).isEqualTo("alice");
            assertThat(key.masked()).isEqualTo("ali\u2022\u2022\u2022\u2022\u2022");
            assertThat(key.toString()).doesNotContain("alice-secret");
        });

        // key-auth on another route does not protect the demo's
        GatewayFacts elsewhere = TourDetector.gatewayFacts(
                services,
                routes,
                List.of(json("{\"id\":\"p2\",\"name\":\"key-auth\",\"route\":{\"id\":\"r0\"}}")),
                consumers,
                List.of());
        assertThat(elsewhere.keyAuth()).isFalse();
        assertThat(elsewhere.keyName()).isEqualTo("apiKey");
        assertThat(elsewhere.key()).isEmpty();
        assertThat(TourDetector.gatewayFacts(services.subList(0, 1), routes, plugins, consumers, keys)
                        .routeId())
                .isEmpty();

        // a service to the demo without a route yet: step 1 will add the route to it, not a second service
        GatewayFacts serviceOnly = TourDetector.gatewayFacts(services, routes.subList(0, 1), plugins, consumers, keys);
        assertThat(serviceOnly.routeId()).isEmpty();
        assertThat(serviceOnly.service()).contains(new DemoService("s1", "counter"));
        PlatformState state = new PlatformState(Optional.of(serviceOnly), Optional.empty());
        assertThat(TourChanges.preview(TourStep.EXPOSE, state))
                .contains("name: counter", "name: kuma-demo-rt")
                .doesNotContain("url:", "kuma-demo-svc");
    }

    @Test
    void theGatewayPreviewsAreValidDeckFiles() throws Exception {
        Path schemaFile = SharedFiles.deckSchema(); // skipped, saying why, where ../shared is absent
        JsonSchema schema;
        try (InputStream in = Files.newInputStream(schemaFile)) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
        }
        YAMLMapper yaml = new YAMLMapper();
        PlatformState fresh = state(false, false, false, false, true, false, false);
        PlatformState routed = state(true, false, false, false, true, false, false);
        for (String preview : List.of(
                TourChanges.preview(TourStep.EXPOSE, fresh),
                TourChanges.preview(TourStep.REQUIRE_KEY, routed),
                TourChanges.preview(TourStep.CONSUMER_KEY, routed))) {
            assertThat(schema.validate(yaml.readTree(preview))).as(preview).isEmpty();
        }
    }

    @Test
    void previewsDeckForTheGatewayAndKumaYamlForTheMesh() throws Exception {
        PlatformState start = state(true, true, true, false, true, false, false);
        assertThat(TourChanges.preview(TourStep.EXPOSE, state(false, false, false, false, true, false, false)))
                .contains(
                        "_format_version: \"3.0\"",
                        "name: kuma-demo-svc",
                        "url: http://demo-app.mesh:80",
                        "name: kuma-demo-rt");
        assertThat(TourChanges.preview(TourStep.REQUIRE_KEY, start))
                .contains("name: key-auth", "route: kuma-demo-rt", "- apiKey");
        assertThat(TourChanges.preview(TourStep.CONSUMER_KEY, start))
                .contains("username: demo-user", "key: <redacted>")
                .doesNotContain("123test");
        assertThat(TourChanges.preview(TourStep.MTLS, start))
                .contains("type: Mesh", "enabledBackend: ca-1", "type: builtin");
        assertThat(TourChanges.preview(TourStep.ZERO_TRUST, start))
                .startsWith("# DELETE\n")
                .contains("name: allow-all-default");
        assertThat(TourChanges.preview(TourStep.GATEWAY_TO_DEMO_APP, start))
                .contains("type: MeshTrafficPermission", "kuma.io/service: demo-app", "kuma.io/service: gateway");
        assertThat(TourChanges.preview(TourStep.DEMO_APP_TO_REDIS, start))
                .contains("kuma.io/service: redis", "action: Allow");
        assertThat(TourChanges.preview(TourStep.ZERO_TRUST, state(true, true, true, true, false, false, false)))
                .startsWith("# DELETE (already gone)\n");
    }
}
