package dev.gatehouse.app.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.gatehouse.app.declarative.kubernetes.KubernetesYaml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The KIC and Kuma CRDs of {@code ../shared/schemas} as JSON schemas, to check exported custom resources with. */
public final class CrdSchemas {

    private CrdSchemas() {}

    /** Schemas by "group/version/Kind"; skips the calling test (saying why) where ../shared is absent. */
    public static Map<String, JsonSchema> load() throws Exception {
        Path shared = SharedFiles.shared();
        Map<String, JsonSchema> schemas = new HashMap<>();
        for (String folder : List.of("schemas/kong-crds", "schemas/kuma-crds")) {
            try (Stream<Path> files = Files.list(shared.resolve(folder))) {
                for (Path file :
                        files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                    crdSchemas(Files.readString(file), schemas);
                }
            }
        }
        return schemas;
    }

    /** Whether a CRD in ../shared defines the document's kind (built-in kinds and Gateway API have none there). */
    public static boolean isCustom(JsonNode document) {
        String apiVersion = document.path("apiVersion").asText();
        return apiVersion.contains(".konghq.com/") || apiVersion.startsWith("kuma.io/");
    }

    public static void assertValid(Map<String, JsonSchema> schemas, JsonNode document) {
        String key = document.path("apiVersion").asText() + "/"
                + document.path("kind").asText();
        assertThat(schemas).as("a CRD for " + key).containsKey(key);
        assertThat(schemas.get(key).validate(document))
                .as(key + " " + document.path("metadata").path("name").asText())
                .isEmpty();
    }

    /**
     * Each served version's {@code openAPIV3Schema} by "group/version/Kind". Structural schemas are an OpenAPI v3
     * subset of JSON Schema; the {@code x-kubernetes-*} keywords are dropped, and objects that list their
     * properties and do not preserve unknown fields get {@code additionalProperties: false}, because the API server
     * prunes unknown fields there: a field the CRD does not know would silently vanish on apply.
     */
    private static void crdSchemas(String yaml, Map<String, JsonSchema> into) throws Exception {
        for (ObjectNode crd : KubernetesYaml.read(yaml)) {
            String group = crd.path("spec").path("group").asText();
            String kind = crd.path("spec").path("names").path("kind").asText();
            for (JsonNode version : crd.path("spec").path("versions")) {
                JsonNode schema = structural(version.path("schema").path("openAPIV3Schema"));
                into.put(
                        group + "/" + version.path("name").asText() + "/" + kind,
                        JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V201909)
                                .getSchema(schema));
            }
        }
    }

    private static JsonNode structural(JsonNode node) {
        if (node instanceof ObjectNode object) {
            ObjectNode copy = object.deepCopy();
            boolean preserve = copy.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
            copy.properties().removeIf(e -> e.getKey().startsWith("x-kubernetes-"));
            for (String field : List.of("properties", "additionalProperties", "items")) {
                JsonNode child = copy.get(field);
                if (child == null) {
                    continue;
                }
                if ("properties".equals(field)) {
                    ObjectNode properties = copy.putObject("properties");
                    child.properties().forEach(e -> properties.set(e.getKey(), structural(e.getValue())));
                } else {
                    copy.set(field, structural(child));
                }
            }
            if (copy.has("properties") && !preserve && !copy.has("additionalProperties")) {
                copy.put("additionalProperties", false);
            }
            return copy;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode copy = array.arrayNode();
            array.forEach(e -> copy.add(structural(e)));
            return copy;
        }
        return node;
    }
}
