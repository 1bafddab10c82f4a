package dev.gatehouse.gateway.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One stored entity: its type (schema name), id, full JSON body (every schema field, nulls included) and, for
 * entities with a {@code ttl}, the epoch second at which it expires. Bodies are never mutated once stored.
 */
public record StoredEntity(String type, String id, ObjectNode body, Long expiresAt) {

    /** True when the foreign field {@code field} points at {@code parentId} (Kong's {@code {id = ...}} form). */
    public boolean refersTo(String field, String parentId) {
        JsonNode fk = body.get(field);
        return fk != null && fk.isObject() && parentId.equals(fk.path("id").asText(null));
    }

    public boolean expiredAt(long nowSeconds) {
        return expiresAt != null && expiresAt <= nowSeconds;
    }
}
