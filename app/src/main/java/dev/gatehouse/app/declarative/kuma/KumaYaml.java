package dev.gatehouse.app.declarative.kuma;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.gatehouse.app.declarative.SortedYaml;
import dev.gatehouse.app.declarative.deck.Secrets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Kuma Universal YAML as {@code kumactl export} writes it: one document per resource, each opened by {@code ---}
 * (app/kumactl/cmd/export/export.go). A document is the resource as Kuma's REST API gives it: {@code type},
 * {@code name}, {@code mesh} (mesh-scoped types), {@code labels}, then the spec, inline for old-style types (Mesh,
 * TrafficPermission) and under {@code spec:} for new ones. The meta comes first in that order, as Kuma's docs write
 * it; everything below is in alphabetical order, as kumactl's printer (JSON through sigs.k8s.io/yaml) sorts it, so the
 * same state always gives the same bytes. Store-managed fields are left out (see {@link #normalized}).
 */
public final class KumaYaml {

    /** Meta fields, in the order a document starts with. */
    static final List<String> META = List.of("type", "name", "mesh", "labels");

    /**
     * What the control plane sets itself and a file cannot: kumactl keeps the times and {@code kri}
     * (testdata/export-uni.golden.yaml) and {@code status}; they would differ on every control plane, so a file that
     * should round-trip and diff cleanly leaves them out.
     */
    static final Set<String> MANAGED = Set.of("creationTime", "modificationTime", "kri", "status");

    private static final YAMLMapper YAML = SortedYaml.mapper(false);

    private KumaYaml() {}

    /** Kuma's secret types: their {@code data} is the secret (base64). */
    static boolean isSecretType(String type) {
        return type.equals("Secret") || type.equals("GlobalSecret");
    }

    /** The documents as multi-document YAML. */
    public static String write(List<ObjectNode> resources) {
        StringBuilder out = new StringBuilder();
        for (ObjectNode resource : resources) {
            try {
                out.append("---\n").append(YAML.writeValueAsString(ordered(resource)));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out.toString();
    }

    /** Every non-empty document of {@code text}, each a mapping with a {@code type}. */
    public static List<ObjectNode> read(String text) {
        List<ObjectNode> out = new ArrayList<>();
        try (JsonParser parser = YAML.createParser(text);
                MappingIterator<JsonNode> docs = YAML.readValues(parser, JsonNode.class)) {
            int index = 0;
            while (docs.hasNextValue()) {
                JsonNode doc = docs.nextValue();
                index++;
                // An empty document (two --- in a row) reads as null or as an empty scalar.
                if (doc == null
                        || doc.isNull()
                        || doc.isMissingNode()
                        || (doc.isTextual() && doc.asText().isBlank())) {
                    continue;
                }
                if (!(doc instanceof ObjectNode object) || !doc.hasNonNull("type")) {
                    throw new KumaFileException(
                            "Document " + index + " of the file is not a Kuma resource (a mapping with type:).");
                }
                out.add(object);
            }
        } catch (JsonProcessingException e) {
            throw new KumaFileException("The file is not valid YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /**
     * {@code resource} without what the control plane manages; for a Mesh, with
     * {@code skipCreatingInitialPolicies: ['*']} as kumactl export sets it on every Mesh, so that applying the file
     * to a fresh control plane does not add the default policies a new mesh gets (the file holds the policies).
     */
    static ObjectNode normalized(ObjectNode resource) {
        ObjectNode copy = resource.deepCopy();
        copy.remove(MANAGED);
        if ("Mesh".equals(copy.path("type").asText())) {
            copy.putArray("skipCreatingInitialPolicies").add("*");
        }
        return copy;
    }

    /** {@code resource} with its secrets replaced by {@link Secrets#PLACEHOLDER}. */
    static ObjectNode redacted(ObjectNode resource) {
        ObjectNode copy = resource.deepCopy();
        if (isSecretType(copy.path("type").asText()) && copy.has("data")) {
            copy.put("data", Secrets.PLACEHOLDER);
        }
        // A Mesh's provided CA may carry its private key inline (mtls.backends[].conf.key.inline / inlineString).
        for (JsonNode backend : copy.path("mtls").path("backends")) {
            if (backend.path("conf").path("key") instanceof ObjectNode key) {
                for (String field : List.of("inline", "inlineString")) {
                    if (key.has(field)) {
                        key.set(field, TextNode.valueOf(Secrets.PLACEHOLDER));
                    }
                }
            }
        }
        return copy;
    }

    private static ObjectNode ordered(ObjectNode resource) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (String field : META) {
            if (resource.has(field)) {
                out.set(field, SortedYaml.sorted(resource.get(field)));
            }
        }
        List<Map.Entry<String, JsonNode>> rest = new ArrayList<>(resource.properties());
        rest.sort(Map.Entry.comparingByKey());
        rest.stream()
                .filter(e -> !META.contains(e.getKey()))
                .forEach(e -> out.set(e.getKey(), SortedYaml.sorted(e.getValue())));
        return out;
    }
}
