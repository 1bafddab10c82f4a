package dev.gatehouse.mesh.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.mesh.Http;
import dev.gatehouse.mesh.RunningControlPlane;
import dev.gatehouse.mesh.TestControlPlanes;
import dev.gatehouse.mesh.watch.WatchEvent;
import dev.gatehouse.mesh.watch.WatchFilter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, item 1: a PUT's answer (validation, warnings, body) is settled before the commit, so an answer of 4xx or
 * 5xx never comes with a stored change, and a committed change is never answered as a failure.
 */
class PutAnswerBeforeCommitTest {
    @TempDir
    Path dir;

    RunningControlPlane cp;
    Http http;

    @BeforeEach
    void start() {
        cp = TestControlPlanes.start(dir);
        http = new Http(cp.apiUri());
    }

    @AfterEach
    void stop() {
        cp.close();
    }

    @Test
    void meshTrafficPermissionWithoutTargetRefAppliesToTheWholeMeshAsInKuma() {
        // Kuma @v2.14.3: validator.go's validateTop accepts a nil targetRef, GetTargetRef()
        // (meshtrafficpermission/api/v1alpha1/zz_generated.helpers.go) defaults it to {kind: Mesh}, and
        // TopLevelTargetRefDeprecations(nil) (plugins/policies/core/jsonpatch/validators/validator.go) adds no
        // warning; resource_endpoints.go createResource answers 201 with CreateOrUpdateSuccessResponse.
        assertThat(http.putYaml(
                                "/meshes/quiet",
                                "type: Mesh\nname: quiet\nskipCreatingInitialPolicies: ['*']\n"
                                        + "mtls:\n  enabledBackend: ca-1\n  backends:\n    - name: ca-1\n      type: builtin\n")
                        .status())
                .isEqualTo(201);
        assertThat(http.putYaml(
                                "/meshes/quiet/dataplanes/backend-1",
                                ResourceApiTest.dataplane("quiet", "backend-1", "backend"))
                        .status())
                .isEqualTo(201);
        assertThat(http.putYaml("/meshes/quiet/dataplanes/web-1", ResourceApiTest.dataplane("quiet", "web-1", "web"))
                        .status())
                .isEqualTo(201);

        Http.Res put = http.putJson("/meshes/quiet/meshtrafficpermissions/web-only", """
                {"type": "MeshTrafficPermission", "mesh": "quiet", "name": "web-only",
                 "spec": {"from": [{"targetRef": {"kind": "MeshSubset", "tags": {"kuma.io/service": "web"}},
                                    "default": {"action": "Allow"}}]}}""");
        assertThat(put.status()).as(put.body()).isEqualTo(201);
        assertThat(put.json().path("warnings").size()).isEqualTo(1);
        assertThat(put.json().path("warnings").get(0).asText()).startsWith("'from' field is deprecated");

        JsonNode stored =
                http.get("/meshes/quiet/meshtrafficpermissions/web-only").json();
        assertThat(stored.path("spec").has("targetRef")).as("stored as written").isFalse();
        JsonNode allowed = http.get("/meshes/quiet/_permissions?source=web&destination=backend")
                .json();
        assertThat(allowed.path("allowed").asBoolean()).as(allowed.toString()).isTrue();
        assertThat(allowed.path("policy").path("name").asText())
                .as(allowed.toString())
                .isEqualTo("web-only");
        assertThat(http.get("/meshes/quiet/_permissions?source=other&destination=backend")
                        .json()
                        .path("allowed")
                        .asBoolean())
                .isFalse();

        // An update in the 'rules' form: 200, and no warnings at all.
        Http.Res again = http.putJson("/meshes/quiet/meshtrafficpermissions/web-only", """
                {"type": "MeshTrafficPermission", "mesh": "quiet", "name": "web-only",
                 "spec": {"rules": [{"default": {"allow": [{"spiffeID": {"type": "Exact", "value": "spiffe://quiet/web"}}]}}]}}""");
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.body()).isEqualTo("{}");
    }

    @Test
    void writeFailingAfterValidationLeavesTheStoreUnchanged() throws Exception {
        List<WatchEvent> events = new CopyOnWriteArrayList<>();
        cp.watch(new WatchFilter(Set.of(), null, null), events::add);
        String before = dump();
        long revision = cp.store().snapshot().revision();
        // A real SQLite trigger on the real store file makes the last insert of the mesh creation fail: the CA
        // secrets and the Mesh row are already written in the transaction by then (no mocks involved).
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("mesh.db"));
                Statement s = db.createStatement()) {
            s.execute("CREATE TRIGGER fail_allow_all BEFORE INSERT ON resources WHEN NEW.name = 'allow-all-doomed' "
                    + "BEGIN SELECT RAISE(ABORT, 'injected failure'); END");
            Http.Res r = http.putYaml(
                    "/meshes/doomed",
                    "type: Mesh\nname: doomed\nmtls:\n  enabledBackend: ca-1\n"
                            + "  backends:\n    - name: ca-1\n      type: builtin\n");
            assertThat(r.status()).as(r.body()).isEqualTo(500);
            assertThat(r.json().path("type").asText()).isEqualTo("/std-errors");
            assertThat(r.json().path("detail").asText()).isEqualTo("Internal Server Error");

            assertThat(dump()).isEqualTo(before);
            assertThat(cp.store().snapshot().revision()).isEqualTo(revision);
            assertThat(count(s, "SELECT COUNT(*) FROM secrets WHERE mesh = 'doomed'"))
                    .isZero();
            assertThat(count(s, "SELECT COUNT(*) FROM resources WHERE mesh = 'doomed' OR name = 'doomed'"))
                    .isZero();
            assertThat(events).isEmpty();
            s.execute("DROP TRIGGER fail_allow_all");
        }
        // Nothing half-written stands in the way of the same request once the failure is gone.
        assertThat(http.putYaml("/meshes/doomed", "type: Mesh\nname: doomed\n").status())
                .isEqualTo(201);
        assertThat(http.get("/meshes/doomed/traffic-permissions/allow-all-doomed")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void committedWriteIsAnsweredAsSuccessEvenWhenAChangeListenerFails() {
        cp.watch(new WatchFilter(Set.of(), null, null), e -> {
            throw new IllegalStateException("listener bug");
        });
        Http.Res r = http.putJson("/meshes/kept", "{\"type\":\"Mesh\",\"name\":\"kept\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(http.get("/meshes/kept").status()).isEqualTo(200);
        Http.Res d = http.delete("/meshes/kept");
        assertThat(d.status()).as(d.body()).isEqualTo(200);
        assertThat(http.get("/meshes/kept").status()).isEqualTo(404);
    }

    private String dump() {
        List<String> parts = new ArrayList<>();
        for (String path : List.of("/meshes", "/dataplanes", "/traffic-permissions", "/meshtrafficpermissions")) {
            parts.add(http.get(path + "?size=1000").body());
        }
        return String.join("\n", parts);
    }

    private static long count(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
