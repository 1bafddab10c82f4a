package dev.gatehouse.mesh.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.mesh.ControlPlane;
import dev.gatehouse.mesh.Http;
import dev.gatehouse.mesh.RunningControlPlane;
import dev.gatehouse.mesh.TestControlPlanes;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start-up modes: read-only API (KUMA_API_SERVER_READ_ONLY) and Kuma 2.6+ defaults without allow-all. */
class ModesTest {
    @TempDir
    Path dir;

    @Test
    void readOnlyRefusesWritesWithKumas405() {
        // What Kuma 2.14.3 really answers: its read-only routes run methodNotAllowed(readOnlyMessage())
        // (pkg/api-server/resource_endpoints.go), title "Method not allowed" and, outside global and zone modes, the
        // Kubernetes message; HandleError passes a *types.Error through and adds type and details
        // (pkg/core/rest/errors/error_handler.go). testdata/resource-read-only_{put,delete}.golden.json ("Method not
        // Allowed") is read by no test of that tag and does not show this answer.
        try (RunningControlPlane cp =
                ControlPlane.start(TestControlPlanes.config(dir).withReadOnly(true))) {
            Http http = new Http(cp.apiUri());
            for (Http.Res r : new Http.Res[] {
                http.putJson("/meshes/default/traffic-permissions/x", ResourceApiTest.tp("default", "x", "a")),
                http.delete("/meshes/default/traffic-permissions/allow-all-default"),
                http.putJson("/meshes/other", "{\"type\":\"Mesh\",\"name\":\"other\"}"),
                http.delete("/meshes/default")
            }) {
                assertThat(r.status()).isEqualTo(405);
                JsonNode b = r.json();
                assertThat(b.path("type").asText()).isEqualTo("/std-errors");
                assertThat(b.path("status").asInt()).isEqualTo(405);
                assertThat(b.path("title").asText()).isEqualTo("Method not allowed");
                assertThat(b.path("detail").asText()).isEqualTo(KUMA_K8S_READ_ONLY_MESSAGE);
                assertThat(b.path("details").asText()).isEqualTo(KUMA_K8S_READ_ONLY_MESSAGE);
            }
            assertThat(http.get("/meshes/default/traffic-permissions/allow-all-default")
                            .status())
                    .isEqualTo(200);
            // Known before any write: every type of /_resources and every entry of /policies says readOnly
            // (mappers/resource_type_description.go, policies_endpoints.go).
            for (JsonNode t : http.get("/_resources").json().path("resources")) {
                assertThat(t.path("readOnly").asBoolean())
                        .as(t.path("name").asText())
                        .isTrue();
            }
            JsonNode policies = http.get("/policies").json().path("policies");
            assertThat(policies).isNotEmpty();
            for (JsonNode p : policies) {
                assertThat(p.path("readOnly").asBoolean())
                        .as(p.path("name").asText())
                        .isTrue();
            }
        }
    }

    /** k8sReadOnlyMessage of pkg/api-server/resource_endpoints.go @v2.14.3, its trailing newline included. */
    static final String KUMA_K8S_READ_ONLY_MESSAGE =
            "On Kubernetes you cannot change the state of Kuma resources with 'kumactl apply' or via the HTTP API."
                    + " As a best practice, you should always be using 'kubectl apply' instead."
                    + " You can still use 'kumactl' or the HTTP API to make read-only operations. On Universal this"
                    + " limitation does not apply.\n";

    @Test
    void policiesListsThePolicyTypesAsKumaDoes() {
        // pkg/api-server/policies_endpoints.go and testdata/base_endpoints/policies.golden.json @v2.14.3: policy
        // types only, sorted by name; isInbound = HasFromTargetRef, isOutbound = HasToTargetRef.
        try (RunningControlPlane cp = TestControlPlanes.start(dir)) {
            JsonNode body = new Http(cp.apiUri()).get("/policies").json();
            assertThat(body.toString())
                    .isEqualTo(Http.JSON
                            .createObjectNode()
                            .set(
                                    "policies",
                                    Http.JSON
                                            .createArrayNode()
                                            .add(Http.JSON
                                                    .createObjectNode()
                                                    .put("name", "MeshAccessLog")
                                                    .put("readOnly", false)
                                                    .put("path", "meshaccesslogs")
                                                    .put("singularDisplayName", "Mesh Access Log")
                                                    .put("pluralDisplayName", "Mesh Access Logs")
                                                    .put("isExperimental", false)
                                                    .put("isTargetRefBased", true)
                                                    .put("isInbound", true)
                                                    .put("isOutbound", true))
                                            .add(Http.JSON
                                                    .createObjectNode()
                                                    .put("name", "MeshTrafficPermission")
                                                    .put("readOnly", false)
                                                    .put("path", "meshtrafficpermissions")
                                                    .put("singularDisplayName", "Mesh Traffic Permission")
                                                    .put("pluralDisplayName", "Mesh Traffic Permissions")
                                                    .put("isExperimental", false)
                                                    .put("isTargetRefBased", true)
                                                    .put("isInbound", true)
                                                    .put("isOutbound", false))
                                            .add(Http.JSON
                                                    .createObjectNode()
                                                    .put("name", "TrafficPermission")
                                                    .put("readOnly", false)
                                                    .put("path", "traffic-permissions")
                                                    .put("singularDisplayName", "Traffic Permission")
                                                    .put("pluralDisplayName", "Traffic Permissions")
                                                    .put("isExperimental", false)
                                                    .put("isTargetRefBased", false)
                                                    .put("isInbound", false)
                                                    .put("isOutbound", false)))
                            .toString());
        }
    }

    @Test
    void noDefaultAllowAllIsKuma26Behaviour() {
        // ref §1.5: ≥2.6 no default TrafficPermission unless createMeshRoutingResources
        try (RunningControlPlane cp =
                ControlPlane.start(TestControlPlanes.config(dir).withCreateDefaultAllowAll(false))) {
            Http http = new Http(cp.apiUri());
            assertThat(http.get("/meshes/default").status()).isEqualTo(200);
            assertThat(http.get("/meshes/default/traffic-permissions")
                            .json()
                            .path("total")
                            .asInt())
                    .isZero();
            http.putJson("/meshes/new", "{\"type\":\"Mesh\",\"name\":\"new\"}");
            assertThat(http.get("/meshes/new/traffic-permissions")
                            .json()
                            .path("total")
                            .asInt())
                    .isZero();
        }
    }

    @Test
    void skipCreatingInitialPoliciesSkipsAllowAll() {
        // ref §1.1 / §1.5 Mesh.skipCreatingInitialPolicies
        try (RunningControlPlane cp = TestControlPlanes.start(dir)) {
            Http http = new Http(cp.apiUri());
            http.putYaml("/meshes/quiet", "type: Mesh\nname: quiet\nskipCreatingInitialPolicies: ['*']\n");
            assertThat(http.get("/meshes/quiet/traffic-permissions")
                            .json()
                            .path("total")
                            .asInt())
                    .isZero();
        }
    }

    @Test
    void defaultMeshIsCreatedOnlyOnFirstStart() {
        try (RunningControlPlane cp = TestControlPlanes.start(dir)) {
            assertThat(new Http(cp.apiUri()).delete("/meshes/default").status()).isEqualTo(200);
        }
        try (RunningControlPlane cp = TestControlPlanes.start(dir)) {
            assertThat(new Http(cp.apiUri()).get("/meshes").json().path("total").asInt())
                    .isZero();
        }
    }
}
