package dev.gatehouse.app.declarative.deck;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * One entity of a decK file, taken out of its nesting: its own fields (no children, no references) and what it
 * points at, by name or id as the file writes it ({@code service}, {@code route}, {@code consumer}).
 */
public record FileEntity(DeckKind kind, ObjectNode fields, Map<String, String> refs) {

    public FileEntity {
        refs = Map.copyOf(refs);
    }
}
