package dev.gatehouse.gateway.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable view of the whole configuration at one commit. The store swaps in a new snapshot after each
 * commit; readers (Admin API reads, the proxy) take the current one and never see a half-applied change.
 * Expired entities (key-auth {@code ttl}) are invisible.
 */
public final class Snapshot implements EntityReader {

    private final long version;
    private final Map<String, EntityTable> tables;
    private final Clock clock;

    Snapshot(long version, Map<String, EntityTable> tables, Clock clock) {
        this.version = version;
        this.tables = Collections.unmodifiableMap(tables);
        this.clock = clock;
    }

    /** Increases by one with every commit. */
    public long version() {
        return version;
    }

    /** The store's clock, which entity expiry ({@code ttl}) is measured with. */
    public Clock clock() {
        return clock;
    }

    /** The store clock's epoch second: what entity expiry ({@code ttl}) is measured against. */
    public long nowSeconds() {
        return clock.instant().getEpochSecond();
    }

    public EntityTable table(String type) {
        return tables.get(type);
    }

    /** The live entity, or null when absent or expired. */
    public StoredEntity get(String type, String id) {
        EntityTable t = tables.get(type);
        if (t == null || id == null) {
            return null;
        }
        StoredEntity e = t.raw(id);
        return e == null || e.expiredAt(nowSeconds()) ? null : e;
    }

    /** The live entity whose unique index (a unique field name, or {@code cache_key}) has this value. */
    public StoredEntity findUnique(String type, String index, JsonNode value) {
        EntityTable t = tables.get(type);
        if (t == null) {
            return null;
        }
        String id = t.idByUnique(index, IndexKeys.canonical(value));
        return id == null ? null : get(type, id);
    }

    /** The live entities of a type, sorted by id. */
    public List<StoredEntity> list(String type) {
        EntityTable t = tables.get(type);
        if (t == null) {
            return List.of();
        }
        long now = nowSeconds();
        List<StoredEntity> out = new ArrayList<>(t.size());
        for (StoredEntity e : t.rows().values()) {
            if (!e.expiredAt(now)) {
                out.add(e);
            }
        }
        return out;
    }

    /** Live entities whose foreign field {@code field} points at {@code parentId}, sorted by id. */
    public List<StoredEntity> children(String type, String field, String parentId) {
        return list(type).stream().filter(e -> e.refersTo(field, parentId)).toList();
    }

    /** The body of a live entity, or null. */
    public ObjectNode body(String type, String id) {
        StoredEntity e = get(type, id);
        return e == null ? null : e.body();
    }

    Map<String, EntityTable> tables() {
        return tables;
    }

    Snapshot next(Map<String, Map<String, StoredEntity>> changesByType) {
        Map<String, EntityTable> t = new HashMap<>(tables);
        changesByType.forEach((type, changes) -> t.put(type, t.get(type).with(changes)));
        return new Snapshot(version + 1, t, clock);
    }
}
