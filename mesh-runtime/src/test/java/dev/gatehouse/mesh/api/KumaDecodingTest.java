package dev.gatehouse.mesh.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.mesh.Http;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, item 5: a body is decoded the way Kuma 2.14.3 decodes it. Legacy types go through jsonpb with
 * {@code AllowUnknownFields: true} (pkg/util/proto/proto.go FromJSON, called by
 * pkg/core/resources/model/rest/unversioned/resource.go UnmarshalJSON), new policies through encoding/json into
 * their Go struct (pkg/core/resources/model/rest/unmarshaller.go): unknown fields are dropped with 200/201, so
 * they are neither stored nor echoed back.
 */
class KumaDecodingTest extends SharedControlPlaneTest {

    @Test
    void unknownFieldsOfAMeshAreDroppedNotStored() {
        Http.Res r = http.putJson("/meshes/bogus", """
                {"type": "Mesh", "name": "bogus", "bogus": 1, "skipCreatingInitialPolicies": ["*"],
                 "mtls": {"enabledBackend": "ca-1", "extra": true,
                          "backends": [{"name": "ca-1", "type": "builtin", "bogus": {"x": 1},
                                        "conf": {"caCert": {"RSAbits": 2048, "kept": "conf is a free-form Struct"}}}]}}""");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.body()).isEqualTo("{}");
        JsonNode mesh = http.get("/meshes/bogus").json();
        assertThat(mesh.has("bogus")).isFalse();
        assertThat(mesh.path("mtls").has("extra")).isFalse();
        assertThat(mesh.at("/mtls/backends/0").has("bogus")).isFalse();
        assertThat(mesh.at("/mtls/backends/0/conf/caCert/kept").asText()).isEqualTo("conf is a free-form Struct");
        assertThat(mesh.at("/mtls/enabledBackend").asText()).isEqualTo("ca-1");
        assertThat(http.get("/meshes?name=bogus").body()).doesNotContain("\"bogus\":");
    }

    @Test
    void unknownFieldsOfADataplaneAndProtoNamesAreDecodedLikeJsonpb() {
        Http.Res r = http.putYaml("/meshes/default/dataplanes/dec-1", """
                type: Dataplane
                mesh: default
                name: dec-1
                bogus: 1
                networking:
                  address: 127.0.0.1
                  inbound:
                    - port: 15000
                      servicePort: 5000
                      bogus: true
                      tags:
                        kuma.io/service: web
                  transparent_proxying:
                    redirect_port_inbound: 15006
                """);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode dp = http.get("/meshes/default/dataplanes/dec-1").json();
        assertThat(dp.has("bogus")).isFalse();
        assertThat(dp.at("/networking/inbound/0").has("bogus")).isFalse();
        assertThat(dp.at("/networking/transparentProxying/redirectPortInbound").asInt())
                .isEqualTo(15006);
        assertThat(dp.path("networking").has("transparent_proxying")).isFalse();
    }

    @Test
    void unknownFieldsOfAMeshTrafficPermissionAreDropped() {
        Http.Res r = http.putJson("/meshes/default/meshtrafficpermissions/dec-mtp", """
                {"type": "MeshTrafficPermission", "mesh": "default", "name": "dec-mtp", "bogus": 1,
                 "spec": {"bogus": 2, "targetRef": {"kind": "Mesh", "bogus": 3},
                          "from": [{"targetRef": {"kind": "Mesh"}, "default": {"action": "Allow", "bogus": 4}}]}}""");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        String stored =
                http.get("/meshes/default/meshtrafficpermissions/dec-mtp").body();
        assertThat(stored).doesNotContain("bogus");
        assertThat(http.get("/meshes/default/meshtrafficpermissions/dec-mtp")
                        .json()
                        .at("/spec/from/0/default/action")
                        .asText())
                .isEqualTo("Allow");
    }

    @Test
    void aNullListItemIsAnEmptyMessageAndFailsValidationNotTheServer() {
        // jsonpb decodes a null item of a repeated message field as an empty message; Kuma's validator then speaks.
        Http.Res r = http.putJson("/meshes/default/dataplanes/dec-2", """
                {"type": "Dataplane", "mesh": "default", "name": "dec-2",
                 "networking": {"address": "127.0.0.1", "outbound": [null],
                   "inbound": [{"port": 15000, "tags": {"kuma.io/service": "web"}}]}}""");
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().path("detail").asText()).isEqualTo("Resource is not valid");
        assertThat(r.json().path("invalid_parameters").toString()).contains("networking.outbound[0].port");

        Http.Res mtp = http.putJson("/meshes/default/meshtrafficpermissions/dec-3", """
                {"type": "MeshTrafficPermission", "mesh": "default", "name": "dec-3", "spec": {"from": [null]}}""");
        assertThat(mtp.status()).as(mtp.body()).isEqualTo(400);
        assertThat(mtp.json().path("invalid_parameters").toString()).contains("spec.from[0].default.action");
    }

    @Test
    void aListWhereAnObjectBelongsIsABadRequest() {
        Http.Res r = http.putJson(
                "/meshes/default/dataplanes/dec-4",
                "{\"type\": \"Dataplane\", \"mesh\": \"default\", \"name\": \"dec-4\", \"networking\": []}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("title").asText()).isEqualTo("Bad Request");
        assertThat(r.json().path("detail").asText())
                .isEqualTo(
                        "invalid Dataplane object: \"json: cannot unmarshal array into Go value of type map[string]json.RawMessage\"");
        assertThat(http.get("/meshes/default/dataplanes/dec-4").status()).isEqualTo(404);
    }

    @Test
    void aNumberBeyondADoubleIsABadRequest() {
        Http.Res r = http.putJson(
                "/meshes/huge",
                "{\"type\": \"Mesh\", \"name\": \"huge\", \"tracing\": {\"backends\": [{\"name\": \"t\", \"sampling\": 1e999}]}}");
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().path("detail").asText()).startsWith("invalid Mesh object: \"json: cannot unmarshal number");
        assertThat(http.get("/meshes/huge").status()).isEqualTo(404);
    }
}
