package dev.gatehouse.app.declarative.kuma;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Kuma Universal YAML as text: kumactl's documents, managed fields left out, secrets redacted. */
class KumaYamlTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode json(String text) throws Exception {
        return (ObjectNode) JSON.readTree(text);
    }

    @Test
    void readsKumactlsOutputWithItsHeaderAndEmptyDocuments() {
        List<ObjectNode> docs = KumaYaml.read("""
                # Product: Kuma, Version: 2.14.3, Hostname: cp, ClusterId: c, InstanceId: i
                ---
                creationTime: "0001-01-01T00:00:00Z"
                name: default
                type: Mesh
                ---
                ---
                type: TrafficPermission
                mesh: default
                name: tp
                """);
        assertThat(docs).extracting(d -> d.path("type").asText()).containsExactly("Mesh", "TrafficPermission");
        assertThatThrownBy(() -> KumaYaml.read("---\ntype: Mesh\nname: a\n---\n- just a list\n"))
                .isInstanceOf(KumaFileException.class)
                .hasMessage("Document 2 of the file is not a Kuma resource (a mapping with type:).");
    }

    @Test
    void managedFieldsGoAndAMeshSkipsItsInitialPolicies() throws Exception {
        ObjectNode mesh = KumaYaml.normalized(json("""
                {"type":"Mesh","name":"default","creationTime":"2026-01-01T00:00:00Z",
                 "modificationTime":"2026-01-01T00:00:00Z","kri":"kri_m____default_"}"""));
        ObjectNode policy = KumaYaml.normalized(json("""
                {"type":"MeshAccessLog","mesh":"default","name":"l","spec":{},"status":{}}"""));
        assertThat(KumaYaml.write(List.of(mesh, policy))).isEqualTo("""
                ---
                type: Mesh
                name: default
                skipCreatingInitialPolicies:
                - '*'
                ---
                type: MeshAccessLog
                name: l
                mesh: default
                spec: {}
                """);
    }

    @Test
    void secretsAndInlineCaKeysAreRedacted() throws Exception {
        ObjectNode secret = KumaYaml.redacted(json("""
                {"type":"Secret","mesh":"default","name":"s","data":"c2VjcmV0"}"""));
        assertThat(secret.path("data").asText()).isEqualTo("<redacted>");
        ObjectNode mesh = KumaYaml.redacted(json("""
                {"type":"Mesh","name":"m","mtls":{"enabledBackend":"ca","backends":[{"name":"ca","type":"provided",
                  "conf":{"cert":{"inline":"Y2VydA=="},"key":{"inline":"a2V5"}}}]}}"""));
        assertThat(mesh.at("/mtls/backends/0/conf/key/inline").asText()).isEqualTo("<redacted>");
        assertThat(mesh.at("/mtls/backends/0/conf/cert/inline").asText()).isEqualTo("Y2VydA==");
        assertThat(new MeshKind(new dev.gatehouse.app.repository.mesh.MeshResourceType("Secret", "secrets", false))
                        .secretFields())
                .containsExactly("data");
    }
}
