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
        // pkg/api-server/testdata/resource-read-only_{put,delete}.golden.json @v2.14.3
        try (RunningControlPlane cp =
                ControlPlane.start(TestControlPlanes.config(dir).withReadOnly(true))) {
            Http http = new Http(cp.apiUri());
            for (Http.Res r : new Http.Res[] {
                http.putJson("/meshes/default/traffic-permissions/x", ResourceApiTest.tp("default", "x", "a")),
                http.delete("/meshes/default/traffic-permissions/allow-all-default"),
                http.putJson("/meshes/other", "{\"type\":\"Mesh\",\"name\":\"other\"}")
            }) {
                assertThat(r.status()).isEqualTo(405);
                JsonNode b = r.json();
                assertThat(b.path("type").asText()).isEqualTo("/std-errors");
                assertThat(b.path("title").asText()).isEqualTo("Method not Allowed");
                assertThat(b.path("detail").asText()).isEqualTo("Method not allowed");
                assertThat(b.path("details").asText()).isEqualTo("Method not allowed");
            }
            assertThat(http.get("/meshes/default/traffic-permissions/allow-all-default")
                            .status())
                    .isEqualTo(200);
            assertThat(http.get("/_resources")
                            .json()
                            .path("resources")
                            .get(0)
                            .path("readOnly")
                            .asBoolean())
                    .isTrue();
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
