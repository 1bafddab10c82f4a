package dev.gatehouse.app.kuma;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.testing.TestRuntimes;
import dev.gatehouse.mesh.RunningControlPlane;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Kuma client against the real embedded control plane; shapes from shared/reference/kuma-mesh.md §3. */
class KumaClientTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static RunningControlPlane cp;
    private static KumaClient kuma;

    @BeforeAll
    static void start() {
        cp = TestRuntimes.controlPlane(dir);
        kuma = TestRuntimes.kuma(cp);
    }

    @AfterAll
    static void stop() {
        kuma.close();
        cp.close();
    }

    @Test
    void indexNamesTheProduct() {
        ObjectNode index = kuma.index().join();
        assertThat(index.hasNonNull("product")).isTrue();
        assertThat(index.hasNonNull("version")).isTrue();
    }

    @Test
    void putThenListFollowsEveryPage() throws Exception {
        for (int i = 0; i < 1005; i++) {
            ObjectNode tp = (ObjectNode) JSON.readTree("""
                    {"type":"TrafficPermission","mesh":"default","name":"tp-%d",
                     "sources":[{"match":{"kuma.io/service":"a-%d"}}],
                     "destinations":[{"match":{"kuma.io/service":"b"}}]}""".formatted(i, i));
            kuma.put("/meshes/default/traffic-permissions/tp-" + i, tp).join();
        }
        List<ObjectNode> all = kuma.list("/meshes/default/traffic-permissions").join();
        assertThat(all).hasSize(1006);
    }

    @Test
    void invalidResourcesComeBackWithKumasInvalidParameters() throws Exception {
        ObjectNode bad = (ObjectNode) JSON.readTree("""
                {"type":"TrafficPermission","mesh":"default","name":"bad","sources":[],"destinations":[]}""");
        try {
            kuma.put("/meshes/default/traffic-permissions/bad", bad).join();
        } catch (CompletionException e) {
            KumaApiException error = (KumaApiException) e.getCause();
            assertThat(error.status()).isEqualTo(400);
            assertThat(error.invalidParameters()).isNotEmpty();
            assertThat(error.invalidParameters())
                    .extracting(KumaApiException.InvalidParameter::field)
                    .anyMatch(f -> f.startsWith("sources"));
            return;
        }
        throw new AssertionError("expected a validation error");
    }

    @Test
    void missingMeshIsNotFound() {
        try {
            kuma.get("/meshes/nope").join();
        } catch (CompletionException e) {
            assertThat(((KumaApiException) e.getCause()).isNotFound()).isTrue();
            return;
        }
        throw new AssertionError("expected 404");
    }
}
