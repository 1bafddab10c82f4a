package dev.gatehouse.app.declarative.kubernetes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.gatehouse.app.declarative.SortedYaml;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Manifests as multi-document YAML, each document starting with {@code ---} as {@code kubectl get -o yaml} lists
 * and {@code kubectl apply -f} reads them. Strings that YAML would read as something else ({@code "true"},
 * {@code "426"}) stay quoted: annotation and label values must be strings.
 */
public final class KubernetesYaml {

    private static final YAMLMapper YAML = SortedYaml.mapper(true);

    private KubernetesYaml() {}

    /** The notes as leading comments, then one document per manifest. */
    public static String write(Manifests manifests) {
        StringBuilder out = new StringBuilder();
        for (String note : manifests.notes()) {
            out.append("# ").append(note).append('\n');
        }
        try {
            for (ObjectNode document : manifests.documents()) {
                out.append(YAML.writeValueAsString(document));
            }
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Reads the documents of a multi-document YAML text (for tests and tools); empty documents are skipped. */
    public static List<ObjectNode> read(String text) {
        List<ObjectNode> documents = new ArrayList<>();
        try (var values = YAML.readerFor(JsonNode.class).<JsonNode>readValues(text)) {
            while (values.hasNext()) {
                JsonNode document = values.next();
                if (document instanceof ObjectNode object) {
                    documents.add(object);
                }
            }
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
        return documents;
    }
}
