package dev.gatehouse.gateway.store;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One stored entity: its type (schema name), id, full JSON body (every schema field, nulls included) and, for
 * entities with a {@code ttl}, the epoch second at which it expires. Bodies are never mutated once stored.
 */
public record StoredEntity(String type, String id, ObjectNode body, Long expiresAt) {

  public boolean expiredAt(long nowSeconds) {
    return expiresAt != null && expiresAt <= nowSeconds;
  }
}
