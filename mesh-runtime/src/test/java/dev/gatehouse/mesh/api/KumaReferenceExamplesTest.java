package dev.gatehouse.mesh.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.gatehouse.mesh.Http;
import dev.gatehouse.mesh.RunningControlPlane;
import dev.gatehouse.mesh.SharedDir;
import dev.gatehouse.mesh.TestControlPlanes;
import dev.gatehouse.mesh.resource.ResourceTypeDescriptor;
import dev.gatehouse.mesh.resource.registry.BuiltinResourceTypes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Universal-form YAML example in shared/reference/kuma-mesh.md (documents with a top-level {@code type}) is
 * accepted by PUT and read back equal (apart from the server-set creationTime / modificationTime).
 */
class KumaReferenceExamplesTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @TempDir
    Path dir;

    @Test
    void everyUniversalExampleRoundTrips() throws Exception {
        String md = Files.readString(SharedDir.path().resolve("reference/kuma-mesh.md"));
        List<ObjectNode> docs = new ArrayList<>();
        Matcher m = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL).matcher(md);
        while (m.find()) {
            for (String doc : m.group(1).split("(?m)^---\\s*$")) {
                JsonNode node = YAML.readTree(doc);
                if (node != null && node.isObject() && node.has("type") && !node.has("apiVersion")) {
                    docs.add((ObjectNode) node);
                }
            }
        }
        // Meshes first: the other resources live in them.
        docs.sort(
                Comparator.comparingInt(d -> BuiltinResourceTypes.REGISTRY.all().indexOf(type(d))));
        assertThat(docs)
                .extracting(d -> d.path("type").asText())
                .contains("Mesh", "Dataplane", "TrafficPermission", "MeshTrafficPermission");

        try (RunningControlPlane cp = TestControlPlanes.start(dir)) {
            Http http = new Http(cp.apiUri());
            for (ObjectNode doc : docs) {
                ResourceTypeDescriptor type = type(doc);
                String path = type.meshScoped()
                        ? "/meshes/" + doc.path("mesh").asText() + "/" + type.wsPath() + "/"
                                + doc.path("name").asText()
                        : "/meshes/" + doc.path("name").asText();
                Http.Res put = http.putYaml(path, YAML.writeValueAsString(doc));
                assertThat(put.status()).as("PUT %s: %s", path, put.body()).isIn(200, 201);
                ObjectNode back = (ObjectNode) http.get(path).json();
                assertThat(back.remove("creationTime")).isNotNull();
                assertThat(back.remove("modificationTime")).isNotNull();
                assertThat(back).as(path).isEqualTo(doc);
            }
        }
    }

    private static ResourceTypeDescriptor type(JsonNode doc) {
        return BuiltinResourceTypes.REGISTRY.byName(doc.path("type").asText()).orElseThrow();
    }
}
