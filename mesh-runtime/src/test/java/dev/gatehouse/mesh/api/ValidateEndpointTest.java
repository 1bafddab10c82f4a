package dev.gatehouse.mesh.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.mesh.Http;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /_validate}, a Gatehouse extension (Kuma's API has no dry run): a resource is checked as a PUT to its
 * own path would check it, with Kuma's 400 answer, and nothing is stored; its mesh need not exist yet.
 */
class ValidateEndpointTest extends SharedControlPlaneTest {

    @Test
    void aValidResourceIsAcceptedAndNotStored() {
        Http.Res r = http.post("/_validate", """
                {"type":"MeshTrafficPermission","mesh":"not-yet","name":"ok",
                 "spec":{"targetRef":{"kind":"Mesh"},
                   "from":[{"targetRef":{"kind":"Mesh"},"default":{"action":"Allow"}}]}}""");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(http.get("/meshes/not-yet").status()).isEqualTo(404);
        assertThat(http.get("/meshes/default/meshtrafficpermissions/ok").status())
                .isEqualTo(404);
    }

    @Test
    void anInvalidResourceGetsThePutsBadRequest() {
        String body = """
                {"type":"MeshTrafficPermission","mesh":"default","name":"bad",
                 "spec":{"targetRef":{"kind":"Mesh"},
                   "from":[{"targetRef":{"kind":"Mesh"},"default":{"action":"Maybe"}}]}}""";
        Http.Res validate = http.post("/_validate", body);
        Http.Res put = http.putJson("/meshes/default/meshtrafficpermissions/bad", body);
        assertThat(validate.status()).isEqualTo(400);
        assertThat(put.status()).isEqualTo(400);
        assertThat(validate.json().path("invalid_parameters"))
                .isEqualTo(put.json().path("invalid_parameters"));
        assertThat(http.get("/meshes/default/meshtrafficpermissions/bad").status())
                .isEqualTo(404);
    }

    @Test
    void aMeshIsCheckedAgainstTheStoredOne() {
        Http.Res r = http.post("/_validate", """
                {"type":"Mesh","name":"default",
                 "mtls":{"enabledBackend":"nope","backends":[{"name":"ca-1","type":"builtin"}]}}""");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("mtls");
    }

    @Test
    void anUnknownTypeIsNamed() {
        Http.Res r = http.post("/_validate", "{\"type\":\"MeshGreeting\",\"mesh\":\"default\",\"name\":\"x\"}");
        assertThat(r.status()).isEqualTo(400);
        JsonNode field = r.json().path("invalid_parameters").path(0);
        assertThat(field.path("field").asText()).isEqualTo("type");
        assertThat(field.path("reason").asText()).isEqualTo("unknown type MeshGreeting");
        assertThat(http.method("GET", "/_validate").status()).isEqualTo(405);
    }
}
