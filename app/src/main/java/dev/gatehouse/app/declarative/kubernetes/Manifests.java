package dev.gatehouse.app.declarative.kubernetes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A Kubernetes export: its manifests in file order, and notes on what could not be expressed (written as
 * comments at the top of the file).
 */
public record Manifests(List<ObjectNode> documents, List<String> notes) {

    public Manifests {
        documents = List.copyOf(documents);
        notes = List.copyOf(notes);
    }

    /** The manifests of one kind, in file order. */
    public List<ObjectNode> ofKind(String kind) {
        return documents.stream()
                .filter(d -> kind.equals(d.path("kind").asText()))
                .toList();
    }
}
