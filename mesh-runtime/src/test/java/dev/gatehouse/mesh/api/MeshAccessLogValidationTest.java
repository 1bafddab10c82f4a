package dev.gatehouse.mesh.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.mesh.Http;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * MeshAccessLog over the REST API, validated as Kuma 2.14.3 validates it: each case below is one rule of
 * kumahq/kuma pkg/plugins/policies/meshaccesslog/api/v1alpha1/validator.go @v2.14.3 (or of the CRD's structural
 * schema, k8s/crd/kuma.io_meshaccesslogs.yaml, which Kuma's REST unmarshaller checks first), with Kuma's field path and
 * message.
 */
class MeshAccessLogValidationTest extends SharedControlPlaneTest {
    private static final String TCP = "{type: Tcp, tcp: {address: '127.0.0.1:5000'}}";

    private static String policy(String spec) {
        return "type: MeshAccessLog\nmesh: default\nname: mal\nspec:\n" + spec.indent(2);
    }

    private List<String> violations(String spec) {
        Http.Res r = http.putYaml("/meshes/default/meshaccesslogs/mal", policy(spec));
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().path("detail").asText()).isEqualTo("Resource is not valid");
        List<String> out = new ArrayList<>();
        r.json()
                .path("invalid_parameters")
                .forEach(p -> out.add(
                        p.path("field").asText() + ": " + p.path("reason").asText()));
        return out;
    }

    static Stream<Arguments> kumaRules() {
        return Stream.of(
                // validateTop: SupportedKinds Mesh, MeshSubset, MeshGateway, MeshService, MeshServiceSubset, Dataplane
                Arguments.of(
                        "targetRef: {kind: MeshHTTPRoute, name: r}\nto: [{targetRef: {kind: Mesh}, default: {backends: ["
                                + TCP + "]}}]",
                        "spec.targetRef.kind: value 'MeshHTTPRoute' is not supported"),
                // validate: rules together with to/from
                Arguments.of(
                        "rules: [{default: {backends: [" + TCP
                                + "]}}]\nto: [{targetRef: {kind: Mesh}, default: {backends: []}}]",
                        "spec: fields 'to' and 'from' must be empty when 'rules' is defined"),
                // validate: none of them
                Arguments.of(
                        "targetRef: {kind: Mesh}", "spec: at least one of 'from', 'to' or 'rules' has to be defined"),
                // validateTo: SupportedKinds Mesh, MeshService, MeshExternalService, MeshMultiZoneService,
                // MeshHTTPRoute
                Arguments.of(
                        "to: [{targetRef: {kind: MeshSubset, tags: {a: b}}, default: {backends: []}}]",
                        "spec.to[0].targetRef.kind: value 'MeshSubset' is not supported"),
                // validateTo: under a MeshGateway only Mesh
                Arguments.of(
                        "targetRef: {kind: MeshGateway, name: gw}\nto: [{targetRef: {kind: MeshService, name: web}, default: {backends: []}}]",
                        "spec.to[0].targetRef.kind: value 'MeshService' is not supported"),
                // validateFrom: SupportedKinds Mesh
                Arguments.of(
                        "from: [{targetRef: {kind: MeshService, name: web}, default: {backends: []}}]",
                        "spec.from[0].targetRef.kind: value 'MeshService' is not supported"),
                // ValidateTargetRef: sectionName only on inbound policies (AffectsInbounds: from or rules)
                Arguments.of(
                        "targetRef: {kind: Dataplane, name: dp, sectionName: http}\nto: [{targetRef: {kind: Mesh}, default: {backends: []}}]",
                        "spec.targetRef.sectionName: can only be used with inbound policies"),
                // validateDefault: backends == nil
                Arguments.of(
                        "to: [{targetRef: {kind: Mesh}, default: {}}]", "spec.to[0].default.backends: must be defined"),
                // validateBackend: Tcp without tcp
                Arguments.of(
                        "to: [{targetRef: {kind: Mesh}, default: {backends: [{type: Tcp}]}}]",
                        "spec.to[0].default.backends[0].tcp: must be defined"),
                // validateBackend: govalidator.IsURL(tcp.address)
                Arguments.of(
                        "to: [{targetRef: {kind: Mesh}, default: {backends: [{type: Tcp, tcp: {address: 'not an address'}}]}}]",
                        "spec.to[0].default.backends[0].tcp.address: tcp backend requires valid address"),
                // validateBackend: File without file
                Arguments.of(
                        "from: [{targetRef: {kind: Mesh}, default: {backends: [{type: File}]}}]",
                        "spec.from[0].default.backends[0].file: must be defined"),
                // validateBackend: govalidator.IsFilePath(file.path)
                Arguments.of(
                        "from: [{targetRef: {kind: Mesh}, default: {backends: [{type: File, file: {path: relative/log}}]}}]",
                        "spec.from[0].default.backends[0].file.path: file backend requires a valid path"),
                // validateBackend: OpenTelemetry, ValidateOtelBackendRefOrEndpoint with neither
                Arguments.of(
                        "to: [{targetRef: {kind: Mesh}, default: {backends: [{type: OpenTelemetry, openTelemetry: {}}]}}]",
                        "spec.to[0].default.backends[0].openTelemetry: openTelemetry must have exactly one defined: endpoint, backendRef"),
                // ValidateOtelBackendRefOrEndpoint: an endpoint that is a URL
                Arguments.of(
                        "to: [{targetRef: {kind: Mesh}, default: {backends: [{type: OpenTelemetry, openTelemetry: {endpoint: 'http://otel:4317/'}}]}}]",
                        "spec.to[0].default.backends[0].openTelemetry.endpoint: must be in host:port format, not a URL"),
                // validateFormat: Plain without plain
                Arguments.of(
                        "to: [{targetRef: {kind: Mesh}, default: {backends: [{type: Tcp, tcp: {address: 'logs:5000', format: {type: Plain}}}]}}]",
                        "spec.to[0].default.backends[0].tcp.format.plain: must be defined"),
                // validateFormat: empty plain
                Arguments.of(
                        "to: [{targetRef: {kind: Mesh}, default: {backends: [{type: Tcp, tcp: {address: 'logs:5000', format: {type: Plain, plain: ''}}}]}}]",
                        "spec.to[0].default.backends[0].tcp.format.plain: must not be empty"),
                // validateFormat: empty json list
                Arguments.of(
                        "to: [{targetRef: {kind: Mesh}, default: {backends: [{type: Tcp, tcp: {address: 'logs:5000', format: {type: Json, json: []}}}]}}]",
                        "spec.to[0].default.backends[0].tcp.format.json: must not be empty"),
                // validateFormat: empty key
                Arguments.of(
                        "to: [{targetRef: {kind: Mesh}, default: {backends: [{type: Tcp, tcp: {address: 'logs:5000', format: {type: Json, json: [{key: '', value: '%START_TIME%'}]}}}]}}]",
                        "spec.to[0].default.backends[0].tcp.format.json[0].key: key cannot be empty"),
                // validateFormat: a key that breaks {"key": "value"}
                Arguments.of(
                        "to: [{targetRef: {kind: Mesh}, default: {backends: [{type: Tcp, tcp: {address: 'logs:5000', format: {type: Json, json: [{key: 'a\"b', value: '%START_TIME%'}]}}}]}}]",
                        "spec.to[0].default.backends[0].tcp.format.json[0]: is not a valid JSON object"),
                // validateRules -> ValidateMatch: spiffeid.FromString
                Arguments.of(
                        "rules: [{matches: [{spiffeID: {type: Exact, value: 'default/web'}}], default: {backends: []}}]",
                        "spec.rules[0].matches[0].spiffeID: must be a valid Spiffe ID: scheme is missing or invalid"),
                // CRD schema: backend type enum (checked before validator.go, which would panic on it)
                Arguments.of(
                        "to: [{targetRef: {kind: Mesh}, default: {backends: [{type: Syslog}]}}]",
                        "spec.to[0].default.backends[0].type: in body should be one of [Tcp File OpenTelemetry]"),
                // CRD schema: format type enum
                Arguments.of(
                        "to: [{targetRef: {kind: Mesh}, default: {backends: [{type: Tcp, tcp: {address: 'logs:5000', format: {type: Xml}}}]}}]",
                        "spec.to[0].default.backends[0].tcp.format.type: in body should be one of [Plain Json]"),
                // CRD schema: tcp.address minLength 1
                Arguments.of(
                        "to: [{targetRef: {kind: Mesh}, default: {backends: [{type: Tcp, tcp: {address: ''}}]}}]",
                        "spec.to[0].default.backends[0].tcp.address: in body should be at least 1 chars long"),
                // CRD schema: to[].default is required
                Arguments.of("to: [{targetRef: {kind: Mesh}}]", "spec.to[0].default: in body is required"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("kumaRules")
    void invalidPoliciesAreRefusedWithKumasViolation(String spec, String violation) {
        assertThat(violations(spec)).containsExactly(violation);
    }

    @Test
    void theConsolesWatchPolicyIsStoredAndServedAsWritten() throws Exception {
        // The policy the console's "Watch" creates: a Tcp backend with the JSON format of AccessLogEntry's keys.
        String body = """
                {"type":"MeshAccessLog","mesh":"default","name":"gatehouse-watch","spec":{
                  "targetRef":{"kind":"Mesh"},
                  "from":[{"targetRef":{"kind":"Mesh"},"default":{"backends":[{"type":"Tcp","tcp":{
                    "address":"127.0.0.1:7070","format":{"type":"Json","omitEmptyValues":true,"json":[
                      {"key":"start_time","value":"%START_TIME%"},{"key":"response_code","value":"%RESPONSE_CODE%"}]}}}]}}],
                  "to":[{"targetRef":{"kind":"Mesh"},"default":{"backends":[{"type":"File","file":{"path":"/tmp/a.log"}}]}}]}}""";
        Http.Res put = http.putJson("/meshes/default/meshaccesslogs/gatehouse-watch", body);
        assertThat(put.status()).as(put.body()).isEqualTo(201);
        // deprecated.go: from[] is deprecated in favour of rules[]
        assertThat(put.json().path("warnings").get(0).asText())
                .isEqualTo("'from' field is deprecated, use 'rules' instead");
        JsonNode got =
                http.get("/meshes/default/meshaccesslogs/gatehouse-watch").json();
        assertThat(got.path("spec")).isEqualTo(Http.JSON.readTree(body).path("spec"));
        assertThat(http.get("/meshaccesslogs").json().path("total").asInt()).isEqualTo(1);
        assertThat(http.get("/meshes/default/_snapshot")
                        .json()
                        .path("meshaccesslogs")
                        .size())
                .isEqualTo(1);
        assertThat(http.delete("/meshes/default/meshaccesslogs/gatehouse-watch").status())
                .isEqualTo(200);
    }

    @Test
    void rulesWithoutMatchesAndOtelBackendsAreAccepted() {
        // validator.go accepts an OpenTelemetry backend with a backendRef (data planes here do not export to it).
        String spec = """
                targetRef: {kind: Dataplane, name: web-1, sectionName: http}
                rules:
                  - default:
                      backends:
                        - type: OpenTelemetry
                          openTelemetry: {backendRef: {kind: MeshOpenTelemetryBackend, labels: {app: otel}}}
                        - type: Tcp
                          tcp: {address: 'logstash:5000', format: {type: Plain, plain: '%START_TIME% %UNKNOWN_OP%'}}
                """;
        Http.Res put = http.putYaml("/meshes/default/meshaccesslogs/mal", policy(spec));
        assertThat(put.status()).as(put.body()).isEqualTo(201);
        assertThat(http.delete("/meshes/default/meshaccesslogs/mal").status()).isEqualTo(200);
    }
}
