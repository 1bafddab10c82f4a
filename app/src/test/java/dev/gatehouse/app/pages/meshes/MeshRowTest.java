package dev.gatehouse.app.pages.meshes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/**
 * The Mesh bodies the form writes, in Kuma's Universal shape with {@code mtls} inline (api/mesh/v1alpha1/mesh.proto
 * @v2.14.3; kuma-counter-demo's 001-with-mtls mesh.yaml enables exactly {@code ca-1} of type builtin), keeping
 * whatever else the mesh holds and dropping the times the control plane sets.
 */
class MeshRowTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static MeshRow mesh(String json) throws Exception {
        return MeshRow.of(JSON.readTree(json));
    }

    private static ObjectNode json(String json) throws Exception {
        return (ObjectNode) JSON.readTree(json);
    }

    @Test
    void turningMtlsOnInAMeshWithoutBackendsAddsABuiltinCaAndEnablesIt() throws Exception {
        MeshRow mesh = mesh("""
                {"type":"Mesh","name":"default","creationTime":"2026-12-03T10:00:00Z",
                 "modificationTime":"2026-12-03T10:00:00Z","networking":{"outbound":{"passthrough":false}}}""");
        assertThat(mesh.mtlsEnabled()).isFalse();
        assertThat(mesh.freeBackendName()).isEqualTo("ca-1");
        assertThat(mesh.withMtlsOn("ca-1")).isEqualTo(json("""
                {"type":"Mesh","name":"default","networking":{"outbound":{"passthrough":false}},
                 "mtls":{"backends":[{"name":"ca-1","type":"builtin"}],"enabledBackend":"ca-1"}}"""));
    }

    @Test
    void turningMtlsOffKeepsTheBackendsAndTurningItOnAgainReusesThem() throws Exception {
        MeshRow mesh = mesh("""
                {"type":"Mesh","name":"default","mtls":{"enabledBackend":"ca-1",
                 "backends":[{"name":"ca-1","type":"builtin","mode":"STRICT"}]}}""");
        assertThat(mesh.enabledBackend()).contains("ca-1");
        assertThat(mesh.backends()).containsExactly(new MeshRow.Backend("ca-1", "builtin", "STRICT"));
        ObjectNode off = mesh.withMtlsOff();
        assertThat(off).isEqualTo(json("""
                {"type":"Mesh","name":"default","mtls":{"backends":[{"name":"ca-1","type":"builtin","mode":"STRICT"}]}}"""));
        assertThat(MeshRow.of(off).withMtlsOn("ca-1")).isEqualTo(json("""
                {"type":"Mesh","name":"default","mtls":{"enabledBackend":"ca-1",
                 "backends":[{"name":"ca-1","type":"builtin","mode":"STRICT"}]}}"""));
    }

    @Test
    void addingABuiltinBackendAppendsItAndLeavesMtlsAsItWas() throws Exception {
        MeshRow mesh = mesh("""
                {"type":"Mesh","name":"default","mtls":{"backends":[{"name":"ca-1","type":"builtin"}]}}""");
        assertThat(mesh.freeBackendName()).isEqualTo("ca-2");
        assertThat(mesh.withBuiltinBackend("ca-2")).isEqualTo(json("""
                {"type":"Mesh","name":"default","mtls":{"backends":[
                 {"name":"ca-1","type":"builtin"},{"name":"ca-2","type":"builtin"}]}}"""));
        // The row itself is not changed by what it writes.
        assertThat(mesh.backends()).hasSize(1);
    }
}
