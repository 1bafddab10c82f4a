package dev.gatehouse.gateway.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Read access shared by a {@link Snapshot} (reads) and a {@link WriteTx} (read-before-write). */
public interface EntityReader {

    /** The live entity, or null when absent or expired. */
    StoredEntity get(String type, String id);

    /** The live entity holding a unique key (a unique field name, or {@code cache_key}). */
    StoredEntity findUnique(String type, String index, JsonNode value);

    /** Live entities whose foreign field {@code field} points at {@code parentId}. */
    List<StoredEntity> children(String type, String field, String parentId);

    long nowSeconds();
}
