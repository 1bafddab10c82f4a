package dev.gatehouse.mesh.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.mesh.Http;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * End-to-end REST tests over HTTP: paths, list shape, paging, PUT/DELETE codes and Kuma's error bodies. Expected
 * bodies follow kumahq/kuma pkg/api-server (resource_endpoints.go, pagination.go, testdata/*.golden.json @v2.14.3)
 * and shared/reference/kuma-mesh.md §3.
 */
class ResourceApiTest extends SharedControlPlaneTest {

    @Test
    void indexNamesProductAndKumaVersion() {
        JsonNode index = http.get("/").json();
        assertThat(index.path("product").asText()).isEqualTo("Gatehouse Mesh");
        assertThat(index.path("version").asText()).isEqualTo("2.14.3");
        assertThat(index.path("basedOnKuma").asText()).isEqualTo("2.14.3");
        assertThat(index.has("hostname")).isTrue();
        assertThat(index.has("instanceId")).isTrue();
        assertThat(index.has("clusterId")).isTrue();
        assertThat(index.has("gui")).isTrue();
    }

    @Test
    void resourceTypesAreListed() {
        JsonNode res = http.get("/_resources").json().path("resources");
        List<String> names = new ArrayList<>();
        res.forEach(r -> names.add(r.path("name").asText()));
        assertThat(names)
                .containsExactly("Mesh", "Dataplane", "TrafficPermission", "MeshTrafficPermission", "MeshAccessLog");
    }

    @Test
    void resourceTypesAreDescribedAsKumaDescribesThem() throws Exception {
        // kumahq/kuma pkg/api-server/testdata/base_endpoints/_resources.golden.json @v2.14.3
        // (mappers/resource_type_description.go)
        String golden = """
                [{"includeInFederation":true,"name":"Mesh","path":"meshes","pluralDisplayName":"Meshes","readOnly":false,
                  "scope":"Global","shortName":"m","singularDisplayName":"Mesh"},
                 {"includeInFederation":false,"name":"Dataplane","path":"dataplanes","pluralDisplayName":"Dataplanes",
                  "readOnly":false,"scope":"Mesh","shortName":"dp","singularDisplayName":"Dataplane"},
                 {"includeInFederation":true,"name":"TrafficPermission","path":"traffic-permissions",
                  "pluralDisplayName":"Traffic Permissions","policy":{"hasFromTargetRef":false,"hasRulesTargetRef":false,
                  "hasToTargetRef":false,"isFromAsRules":false,"isTargetRef":false},"readOnly":false,"scope":"Mesh",
                  "shortName":"","singularDisplayName":"Traffic Permission"},
                 {"includeInFederation":true,"name":"MeshTrafficPermission","path":"meshtrafficpermissions",
                  "pluralDisplayName":"Mesh Traffic Permissions","policy":{"hasFromTargetRef":true,"hasRulesTargetRef":true,
                  "hasToTargetRef":false,"isFromAsRules":false,"isTargetRef":true},"readOnly":false,"scope":"Mesh",
                  "shortName":"mtp","singularDisplayName":"Mesh Traffic Permission"},
                 {"includeInFederation":true,"name":"MeshAccessLog","path":"meshaccesslogs",
                  "pluralDisplayName":"Mesh Access Logs","policy":{"hasFromTargetRef":true,"hasRulesTargetRef":true,
                  "hasToTargetRef":true,"isFromAsRules":true,"isTargetRef":true},"readOnly":false,"scope":"Mesh",
                  "shortName":"mal","singularDisplayName":"Mesh Access Log"}]""";
        assertThat(http.get("/_resources").json().path("resources")).isEqualTo(Http.JSON.readTree(golden));
    }

    @Test
    void defaultMeshAndAllowAllExistOnFirstStart() {
        // pkg/defaults/mesh/mesh.go: default mesh, and allow-all-<mesh> (≤2.5 / createMeshRoutingResources).
        Http.Res meshes = http.get("/meshes/default");
        assertThat(meshes.status()).isEqualTo(200);
        assertThat(meshes.json().path("type").asText()).isEqualTo("Mesh");
        JsonNode tp = http.get("/meshes/default/traffic-permissions/allow-all-default")
                .json();
        assertThat(tp.path("sources")
                        .get(0)
                        .path("match")
                        .path("kuma.io/service")
                        .asText())
                .isEqualTo("*");
        assertThat(tp.path("destinations")
                        .get(0)
                        .path("match")
                        .path("kuma.io/service")
                        .asText())
                .isEqualTo("*");
    }

    @Test
    void meshLifecycleCreateUpdateDelete() {
        Http.Res created = http.putJson("/meshes/life", "{\"type\":\"Mesh\",\"name\":\"life\"}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().isObject()).isTrue();
        assertThat(http.get("/meshes/life/traffic-permissions/allow-all-life").status())
                .isEqualTo(200);
        JsonNode first = http.get("/meshes/life").json();

        Http.Res updated = http.putYaml("/meshes/life", "type: Mesh\nname: life\nlabels:\n  team: core\n");
        assertThat(updated.status()).isEqualTo(200);
        JsonNode after = http.get("/meshes/life").json();
        assertThat(after.path("labels").path("team").asText()).isEqualTo("core");
        assertThat(after.path("creationTime")).isEqualTo(first.path("creationTime"));

        Http.Res deleted = http.delete("/meshes/life");
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.body()).isEqualTo("{}");
        Http.Res gone = http.get("/meshes/life");
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.json().path("title").asText()).isEqualTo("Could not retrieve a resource");
        assertThat(gone.json().path("detail").asText()).isEqualTo("Not found");
        // owned policies go with the mesh
        assertThat(http.get("/traffic-permissions?name=allow-all-life")
                        .json()
                        .path("total")
                        .asInt())
                .isZero();
    }

    @Test
    void deleteMissingIsKumas404Body() {
        // testdata/resource-delete_not-found.golden.json
        Http.Res r = http.delete("/meshes/default/traffic-permissions/nope");
        assertThat(r.status()).isEqualTo(404);
        JsonNode b = r.json();
        assertThat(b.path("type").asText()).isEqualTo("/std-errors");
        assertThat(b.path("status").asInt()).isEqualTo(404);
        assertThat(b.path("title").asText()).isEqualTo("Could not delete a resource");
        assertThat(b.path("detail").asText()).isEqualTo("Not found");
        assertThat(b.path("details").asText()).isEqualTo("Not found");
    }

    @Test
    void listShapeAndPaginationFollowNextLinks() {
        http.putJson("/meshes/paging", "{\"type\":\"Mesh\",\"name\":\"paging\"}");
        for (int i = 0; i < 5; i++) {
            Http.Res r =
                    http.putJson("/meshes/paging/traffic-permissions/tp-" + i, tp("paging", "tp-" + i, "svc-" + i));
            assertThat(r.status()).isEqualTo(201);
        }
        JsonNode page = http.get("/meshes/paging/traffic-permissions?size=2").json();
        assertThat(page.path("total").asInt()).isEqualTo(6); // 5 + allow-all-paging
        assertThat(page.path("items")).hasSize(2);
        String next = page.path("next").asText();
        assertThat(next).startsWith("http://").contains("/meshes/paging/traffic-permissions?offset=2&size=2");
        List<String> names = new ArrayList<>();
        page.path("items").forEach(i -> names.add(i.path("name").asText()));
        while (!page.path("next").isNull()) {
            page = http.get(page.path("next").asText().replaceFirst("http://[^/]+", ""))
                    .json();
            page.path("items").forEach(i -> names.add(i.path("name").asText()));
        }
        assertThat(names).containsExactly("allow-all-paging", "tp-0", "tp-1", "tp-2", "tp-3", "tp-4");
        JsonNode all = http.get("/meshes/paging/traffic-permissions").json();
        assertThat(all.path("next").isNull()).isTrue();
        assertThat(http.get("/meshes/paging/traffic-permissions?name=tp-")
                        .json()
                        .path("total")
                        .asInt())
                .isEqualTo(5);
    }

    @Test
    void invalidPageSizeIs400WithInvalidParameters() {
        for (String size : List.of("0", "-1", "abc", "1001")) {
            Http.Res r = http.get("/meshes?size=" + size);
            assertThat(r.status()).as(size).isEqualTo(400);
            assertThat(r.json().path("detail").asText()).isEqualTo("Invalid page size");
            assertThat(r.json().path("invalid_parameters").get(0).path("field").asText())
                    .isEqualTo("size");
        }
    }

    @Test
    void validationErrorsUseKumaShapeAndMessages() {
        // dataplane_validator.go: "networking" "must be defined"
        Http.Res r = http.putJson(
                "/meshes/default/dataplanes/bad", "{\"type\":\"Dataplane\",\"mesh\":\"default\",\"name\":\"bad\"}");
        assertThat(r.status()).isEqualTo(400);
        JsonNode b = r.json();
        assertThat(b.path("type").asText()).isEqualTo("/std-errors");
        assertThat(b.path("title").asText()).isEqualTo("Could not process a resource");
        assertThat(b.path("detail").asText()).isEqualTo("Resource is not valid");
        assertThat(b.path("invalid_parameters").get(0).path("field").asText()).isEqualTo("networking");
        assertThat(b.path("invalid_parameters").get(0).path("reason").asText()).isEqualTo("must be defined");
        assertThat(b.path("causes").get(0).path("message").asText()).isEqualTo("must be defined");
        assertThat(http.get("/meshes/default/dataplanes/bad").status()).isEqualTo(404);
    }

    @Test
    void dataplaneInboundErrorsNameTheField() {
        String body = """
                type: Dataplane
                mesh: default
                name: dp-bad
                networking:
                  address: 0.0.0.0
                  inbound:
                    - port: 70000
                      tags:
                        version: v1
                        kuma.io/protocol: smtp
                  outbound:
                    - port: 1234
                """;
        JsonNode b = http.putYaml("/meshes/default/dataplanes/dp-bad", body).json();
        List<String> pairs = new ArrayList<>();
        b.path("invalid_parameters")
                .forEach(p -> pairs.add(
                        p.path("field").asText() + ": " + p.path("reason").asText()));
        assertThat(pairs)
                .contains(
                        "networking.address: must not be 0.0.0.0 or ::",
                        "networking.inbound[0].port: port must be in the range [1, 65535]",
                        "networking.inbound[0].tags[\"kuma.io/protocol\"]: tag \"kuma.io/protocol\" has an invalid value \"smtp\". Allowed values: grpc, http, http2, kafka, tcp",
                        "networking.inbound[0].tags[\"kuma.io/service\"]: tag has to exist",
                        "networking.outbound[0].tags: mandatory tag \"kuma.io/service\" is missing");
    }

    @Test
    void dataplaneProbeListenerAndBackendErrorsComeBackInKumasShape() {
        // dataplane_validator.go @v2.14.3 validateProbes, validateListeners, validateOutbound; a backendRef without a
        // kind was a 500 here before (a null in the kind check), Kuma answers with three violations.
        String body = """
                type: Dataplane
                mesh: default
                name: dp-probes
                networking:
                  address: 192.168.0.1
                  outbound:
                    - port: 3333
                      backendRef: {}
                  listeners:
                    - address: 192.168.0.1
                      port: 10001
                probes:
                  port: 9000
                  endpoints:
                    - inboundPort: 8080
                      inboundPath: healthz
                      path: /healthz
                """;
        Http.Res r = http.putYaml("/meshes/default/dataplanes/dp-probes", body);
        assertThat(r.status()).isEqualTo(400);
        List<String> pairs = new ArrayList<>();
        r.json()
                .path("invalid_parameters")
                .forEach(p -> pairs.add(
                        p.path("field").asText() + ": " + p.path("reason").asText()));
        assertThat(pairs)
                .containsExactly(
                        "networking.outbound[0].backendRef.kind: invalid value. Available values are: MeshExternalService,MeshMultiZoneService,MeshService",
                        "networking.outbound[0].backendRef: either 'name' or 'labels' should be specified",
                        "networking.outbound[0].backendRef.port: port must be in the range [1, 65535]",
                        "probes.endpoints[0].inboundPath: should be a valid URL Path",
                        "networking.listeners[0].type: type must be ZoneIngress or ZoneEgress");
        Http.Res duration = http.putYaml("/meshes/default/dataplanes/dp-probes", """
                type: Dataplane
                mesh: default
                name: dp-probes
                networking:
                  address: 192.168.0.1
                  inbound:
                    - port: 8080
                      serviceProbe: {interval: 10 seconds}
                      tags: {kuma.io/service: web}
                """);
        assertThat(duration.status()).isEqualTo(400);
        assertThat(duration.json().path("detail").asText())
                .isEqualTo(
                        "invalid Dataplane object: \"bad Duration: time: unknown unit \\\" seconds\\\" in duration \\\"10 seconds\\\"\"");
    }

    @Test
    void pathAndBodyMustAgree() {
        // resource_endpoints.go validateResourceRequest; testdata/resource_name-mesh.golden.json
        Http.Res r = http.putJson("/meshes/default/traffic-permissions/one", tp("other", "two", "a"));
        assertThat(r.status()).isEqualTo(400);
        List<String> reasons = new ArrayList<>();
        r.json()
                .path("invalid_parameters")
                .forEach(p -> reasons.add(
                        p.path("field").asText() + ": " + p.path("reason").asText()));
        assertThat(reasons)
                .containsExactly(
                        "name: name from the URL has to be the same as in body",
                        "mesh: mesh from the URL has to be the same as in body");
        Http.Res wrongType = http.putJson(
                "/meshes/default/traffic-permissions/one",
                "{\"type\":\"Mesh\",\"mesh\":\"default\",\"name\":\"one\",\"sources\":[{\"match\":{\"kuma.io/service\":\"*\"}}],"
                        + "\"destinations\":[{\"match\":{\"kuma.io/service\":\"*\"}}]}");
        assertThat(wrongType
                        .json()
                        .path("invalid_parameters")
                        .get(0)
                        .path("reason")
                        .asText())
                .isEqualTo("type from the URL has to be the same as in body");
        Http.Res badName = http.putJson("/meshes/default/traffic-permissions/Bad_Name", tp("default", "Bad_Name", "a"));
        assertThat(badName.json()
                        .path("invalid_parameters")
                        .get(0)
                        .path("reason")
                        .asText())
                .startsWith("invalid characters. A lowercase RFC 1123");
    }

    @Test
    void undecodableBodyIsBadRequest() {
        Http.Res r = http.putJson("/meshes/default/traffic-permissions/x", "{not json");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("title").asText()).isEqualTo("Bad Request");
        assertThat(r.json().path("detail").asText()).startsWith("invalid TrafficPermission object");
        Http.Res wrongField = http.putJson(
                "/meshes/default/dataplanes/x",
                "{\"type\":\"Dataplane\",\"mesh\":\"default\",\"name\":\"x\",\"networking\":{\"address\":\"1.1.1.1\",\"inbound\":[{\"port\":\"abc\"}]}}");
        assertThat(wrongField.status()).isEqualTo(400);
        assertThat(wrongField.json().path("title").asText()).isEqualTo("Bad Request");
    }

    @Test
    void meshScopedPathOfMissingMeshIs404() {
        Http.Res r = http.putJson("/meshes/nomesh/traffic-permissions/a", tp("nomesh", "a", "x"));
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().path("title").asText()).isEqualTo("Failed to retrieve Mesh");
        assertThat(http.get("/meshes/nomesh/dataplanes").status()).isEqualTo(404);
    }

    @Test
    void changingCaWhileMtlsIsOnIsRefused() {
        String twoBackends = """
                type: Mesh
                name: ca-change
                mtls:
                  enabledBackend: %s
                  backends:
                    - name: %s
                      type: builtin
                """;
        assertThat(http.putYaml("/meshes/ca-change", twoBackends.formatted("ca-1", "ca-1"))
                        .status())
                .isEqualTo(201);
        Http.Res r = http.putYaml("/meshes/ca-change", twoBackends.formatted("ca-2", "ca-2"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("title").asText()).isEqualTo("Failed to update a resource");
        assertThat(r.json().path("invalid_parameters").get(0).path("field").asText())
                .isEqualTo("mtls.enabledBackend");
        assertThat(r.json().path("invalid_parameters").get(0).path("reason").asText())
                .isEqualTo("Changing CA when mTLS is enabled is forbidden. Disable mTLS first and then change the CA");
        assertThat(http.get("/meshes/ca-change")
                        .json()
                        .path("mtls")
                        .path("enabledBackend")
                        .asText())
                .isEqualTo("ca-1");
    }

    @Test
    void meshValidationMessages() {
        String body = """
                type: Mesh
                name: mv
                mtls:
                  enabledBackend: missing
                  backends:
                    - name: ca-1
                      type: vault
                      dpCert:
                        rotation:
                          expiration: 1x
                """;
        Http.Res r = http.putYaml("/meshes/mv", body);
        assertThat(r.status()).isEqualTo(400);
        List<String> pairs = new ArrayList<>();
        r.json()
                .path("invalid_parameters")
                .forEach(p -> pairs.add(
                        p.path("field").asText() + ": " + p.path("reason").asText()));
        assertThat(pairs)
                .containsExactly(
                        "mtls.dpcert.rotation.expiration: has to be a valid format",
                        "mtls.enabledBackend: has to be set to one of the backends in the mesh");
        String unknownType = "type: Mesh\nname: mv\nmtls:\n  backends:\n    - name: ca-1\n      type: vault\n";
        Http.Res t = http.putYaml("/meshes/mv", unknownType);
        assertThat(t.json().path("title").asText()).isEqualTo("Failed to create a resource");
        assertThat(t.json().path("invalid_parameters").get(0).path("field").asText())
                .isEqualTo("mtls.backends[0].type");
        assertThat(t.json().path("invalid_parameters").get(0).path("reason").asText())
                .isEqualTo("could not find installed plugin for this type");
    }

    @Test
    void meshWithDataplanesCannotBeDeleted() {
        http.putJson("/meshes/busy", "{\"type\":\"Mesh\",\"name\":\"busy\"}");
        assertThat(http.putYaml("/meshes/busy/dataplanes/dp", dataplane("busy", "dp", "web"))
                        .status())
                .isEqualTo(201);
        Http.Res r = http.delete("/meshes/busy");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("invalid_parameters").get(0).path("reason").asText())
                .isEqualTo("unable to delete mesh, there are still some dataplanes attached");
        assertThat(http.delete("/meshes/busy/dataplanes/dp").status()).isEqualTo(200);
        assertThat(http.delete("/meshes/busy").status()).isEqualTo(200);
    }

    @Test
    void meshTrafficPermissionPutWarnsAboutDeprecations() {
        String mtp = """
                type: MeshTrafficPermission
                name: legacy-kinds
                mesh: default
                spec:
                  targetRef:
                    kind: MeshService
                    name: web
                  from:
                    - targetRef:
                        kind: MeshService
                        name: orders
                      default:
                        action: Deny
                """;
        Http.Res r = http.putYaml("/meshes/default/meshtrafficpermissions/legacy-kinds", mtp);
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().path("warnings").toString())
                .contains("MeshService value for 'from[].targetRef.kind' is deprecated")
                .contains("MeshService value for 'targetRef.kind' is deprecated, use Dataplane with labels instead");
        assertThat(http.get("/meshes/default/meshtrafficpermissions/legacy-kinds")
                        .json()
                        .path("spec")
                        .path("from")
                        .get(0)
                        .path("default")
                        .path("action")
                        .asText())
                .isEqualTo("Deny");
        Http.Res bad = http.putYaml(
                "/meshes/default/meshtrafficpermissions/bad-action",
                mtp.replace("legacy-kinds", "bad-action").replace("Deny", "Reject"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("invalid_parameters").get(0).path("field").asText())
                .isEqualTo("spec.from[0].default.action");
        Http.Res empty = http.putYaml(
                "/meshes/default/meshtrafficpermissions/empty",
                "type: MeshTrafficPermission\nname: empty\nmesh: default\nspec:\n  targetRef:\n    kind: Mesh\n");
        assertThat(empty.json().path("invalid_parameters").get(0).path("field").asText())
                .isEqualTo("spec");
        assertThat(empty.json().path("invalid_parameters").get(0).path("reason").asText())
                .isEqualTo("at least one of 'from' or 'rules' has to be defined");
        http.delete("/meshes/default/meshtrafficpermissions/legacy-kinds");
    }

    @Test
    void crossMeshListsAndUnknownPaths() {
        http.putJson("/meshes/cross", "{\"type\":\"Mesh\",\"name\":\"cross\"}");
        JsonNode all = http.get("/traffic-permissions").json();
        List<String> meshes = new ArrayList<>();
        all.path("items").forEach(i -> meshes.add(i.path("mesh").asText()));
        assertThat(meshes).contains("cross", "default");
        assertThat(http.get("/nothing-here").status()).isEqualTo(404);
        assertThat(http.method("POST", "/meshes/default").status()).isEqualTo(405);
        assertThat(http.method("POST", "/meshes").status()).isEqualTo(405);
    }

    static String tp(String mesh, String name, String destination) {
        return "{\"type\":\"TrafficPermission\",\"mesh\":\"" + mesh + "\",\"name\":\"" + name + "\","
                + "\"sources\":[{\"match\":{\"kuma.io/service\":\"*\"}}],"
                + "\"destinations\":[{\"match\":{\"kuma.io/service\":\"" + destination + "\"}}]}";
    }

    static String dataplane(String mesh, String name, String service) {
        return """
                type: Dataplane
                mesh: %s
                name: %s
                networking:
                  address: 127.0.0.1
                  inbound:
                    - port: 15000
                      servicePort: 5000
                      tags:
                        kuma.io/service: %s
                        kuma.io/protocol: http
                """.formatted(mesh, name, service);
    }
}
