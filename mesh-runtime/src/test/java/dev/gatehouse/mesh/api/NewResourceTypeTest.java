package dev.gatehouse.mesh.api;

import static dev.gatehouse.mesh.resource.KnownFields.STRING;
import static dev.gatehouse.mesh.resource.KnownFields.TARGET_REF;
import static dev.gatehouse.mesh.resource.KnownFields.f;
import static dev.gatehouse.mesh.resource.KnownFields.struct;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.mesh.ControlPlane;
import dev.gatehouse.mesh.ControlPlaneConfig;
import dev.gatehouse.mesh.Http;
import dev.gatehouse.mesh.RunningControlPlane;
import dev.gatehouse.mesh.SseClient;
import dev.gatehouse.mesh.TestControlPlanes;
import dev.gatehouse.mesh.resource.KubernetesType;
import dev.gatehouse.mesh.resource.PolicyTraits;
import dev.gatehouse.mesh.resource.ResourceScope;
import dev.gatehouse.mesh.resource.ResourceTypeDescriptor;
import dev.gatehouse.mesh.resource.ResourceTypeRegistry;
import dev.gatehouse.mesh.resource.registry.BuiltinResourceTypes;
import dev.gatehouse.mesh.validation.FieldPath;
import dev.gatehouse.mesh.validation.Violations;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A resource type that exists only in this test, registered in a registry built for it, is served like the built-in
 * ones (REST items and lists, validation, decoding, /_resources, the data planes' snapshot, watch, global insight,
 * cascade delete, the store) without a line of the API, index, store or manager classes knowing it.
 */
class NewResourceTypeTest {
    /** A targetRef policy in the shape of MeshAccessLog's descriptor, with one field to check. */
    static final ResourceTypeDescriptor GREETING = ResourceTypeDescriptor.builder("MeshGreeting")
            .wsPath("meshgreetings")
            .kumactlArgs("meshgreeting", "meshgreetings")
            .scope(ResourceScope.MESH)
            .displayNames("Mesh Greeting", "Mesh Greetings")
            .shortName("mg")
            .includeInFederation(true)
            .policy(new PolicyTraits(true, false, false, false, false, true))
            .specNested(true)
            .fields(struct(f("targetRef", TARGET_REF), f("default", struct(f("greeting", STRING)))))
            .validator(r -> {
                Violations v = new Violations();
                if (r.spec().path("default").path("greeting").asText().isEmpty()) {
                    v.add(FieldPath.of("spec").field("default").field("greeting"), "must be defined");
                }
                return v;
            })
            .deprecations(r -> r.spec().has("targetRef") ? List.of() : List.of("give a targetRef"))
            .kubernetes(KubernetesType.kuma("MeshGreeting", "meshgreetings", KubernetesType.Scope.NAMESPACED))
            .build();

    static final ResourceTypeRegistry TYPES = BuiltinResourceTypes.REGISTRY.with(GREETING);

    @TempDir
    Path dir;

    private ControlPlaneConfig config(ResourceTypeRegistry types) {
        return TestControlPlanes.config(dir).withResourceTypes(types);
    }

    @Test
    void aTypeKnownOnlyToItsRegistryIsServedLikeTheBuiltInOnes() throws Exception {
        String hello = "{\"type\":\"MeshGreeting\",\"mesh\":\"default\",\"name\":\"hello\",\"spec\":"
                + "{\"targetRef\":{\"kind\":\"Mesh\"},\"default\":{\"greeting\":\"hi\",\"volume\":11},\"extra\":true}}";
        try (RunningControlPlane cp = ControlPlane.start(config(TYPES))) {
            Http http = new Http(cp.apiUri());
            JsonNode listed = find(http.get("/_resources").json().path("resources"), "MeshGreeting");
            assertThat(listed.path("path").asText()).isEqualTo("meshgreetings");
            assertThat(listed.path("scope").asText()).isEqualTo("Mesh");
            assertThat(listed.has("policy")).isTrue();

            try (SseClient watch = new SseClient(cp.apiUri().resolve("/watch?mesh=default&types=MeshGreeting"), null)) {
                assertThat(watch.status()).isEqualTo(200);
                Http.Res created = http.putJson("/meshes/default/meshgreetings/hello", hello);
                assertThat(created.status()).as(created.body()).isEqualTo(201);
                SseClient.Event change = watch.next("change", Duration.ofSeconds(10));
                assertThat(change).isNotNull();
                assertThat(Http.JSON.readTree(change.data()).path("type").asText())
                        .isEqualTo("MeshGreeting");
            }
            // Decoded with the descriptor's fields: unknown ones are dropped, as Kuma's decoders drop them.
            JsonNode item = http.get("/meshes/default/meshgreetings/hello").json();
            assertThat(item.path("type").asText()).isEqualTo("MeshGreeting");
            assertThat(item.path("spec").path("default").path("greeting").asText())
                    .isEqualTo("hi");
            assertThat(item.path("spec").has("extra")).isFalse();
            assertThat(item.path("spec").path("default").has("volume")).isFalse();

            Http.Res invalid = http.putJson(
                    "/meshes/default/meshgreetings/mute",
                    "{\"type\":\"MeshGreeting\",\"mesh\":\"default\",\"name\":\"mute\",\"spec\":{\"default\":{}}}");
            assertThat(invalid.status()).isEqualTo(400);
            assertThat(invalid.json()
                            .path("invalid_parameters")
                            .get(0)
                            .path("field")
                            .asText())
                    .isEqualTo("spec.default.greeting");
            Http.Res warned = http.putJson(
                    "/meshes/default/meshgreetings/loud",
                    "{\"type\":\"MeshGreeting\",\"mesh\":\"default\",\"name\":\"loud\",\"spec\":{\"default\":{\"greeting\":\"HI\"}}}");
            assertThat(warned.json().path("warnings").get(0).asText()).isEqualTo("give a targetRef");

            assertThat(http.get("/meshes/default/meshgreetings")
                            .json()
                            .path("total")
                            .asInt())
                    .isEqualTo(2);
            assertThat(http.get("/meshgreetings").json().path("total").asInt()).isEqualTo(2);
            assertThat(http.get("/meshes/default/_snapshot").json().path("meshgreetings"))
                    .hasSize(2);
            JsonNode insight = http.get("/global-insight").json();
            assertThat(insight.path("resources")
                            .path("MeshGreeting")
                            .path("total")
                            .asInt())
                    .isEqualTo(2);

            assertThat(http.delete("/meshes/default/meshgreetings/loud").status())
                    .isEqualTo(200);
            assertThat(http.putJson("/meshes/other", "{\"type\":\"Mesh\",\"name\":\"other\"}")
                            .status())
                    .isEqualTo(201);
            assertThat(http.putJson(
                                    "/meshes/other/meshgreetings/hello",
                                    hello.replace("\"default\",\"name\"", "\"other\",\"name\""))
                            .status())
                    .isEqualTo(201);
            assertThat(http.delete("/meshes/other").status())
                    .as("the mesh takes its greetings along")
                    .isEqualTo(200);
            assertThat(names(http.get("/meshgreetings").json())).containsExactly("default/hello");
        }
        try (RunningControlPlane again = ControlPlane.start(config(TYPES))) {
            assertThat(new Http(again.apiUri())
                            .get("/meshes/default/meshgreetings/hello")
                            .status())
                    .as("stored and read back by type name")
                    .isEqualTo(200);
        }
        try (RunningControlPlane without = ControlPlane.start(config(BuiltinResourceTypes.REGISTRY))) {
            Http http = new Http(without.apiUri());
            assertThat(http.get("/meshes/default/meshgreetings/hello").status()).isEqualTo(404);
            assertThat(find(http.get("/_resources").json().path("resources"), "MeshGreeting"))
                    .isNull();
        }
    }

    private static JsonNode find(JsonNode resources, String name) {
        for (JsonNode r : resources) {
            if (r.path("name").asText().equals(name)) {
                return r;
            }
        }
        return null;
    }

    private static List<String> names(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.path("items")
                .forEach(i ->
                        out.add(i.path("mesh").asText() + "/" + i.path("name").asText()));
        return out;
    }
}
