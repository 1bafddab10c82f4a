package dev.gatehouse.gateway.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A write transaction: a private overlay of puts and deletes over the snapshot it started from. Only one
 * exists at a time (writers are serialised), so reads through it see every earlier commit. Nothing is visible
 * to others until the store commits it; an exception from the work discards it.
 */
public final class WriteTx implements EntityReader {

    private static final StoredEntity DELETED = new StoredEntity("", "", null, null);

    private final Snapshot base;
    private final Map<String, Map<String, StoredEntity>> overlay = new LinkedHashMap<>();
    /** type -> index -> key -> id, for entities put in this transaction. */
    private final Map<String, Map<String, Map<String, String>>> overlayIndex = new java.util.HashMap<>();

    private final Map<String, String> contentMeta = new LinkedHashMap<>();

    WriteTx(Snapshot base) {
        this.base = base;
    }

    public Snapshot base() {
        return base;
    }

    public long nowSeconds() {
        return base.nowSeconds();
    }

    /**
     * Stores a meta value that describes the entities as this transaction leaves them (such as the hash of the
     * declarative file they came from). It is written in the same commit, and every later commit that does not set it
     * again deletes it, so it can never describe content that has since changed.
     */
    public void contentMeta(String key, String value) {
        contentMeta.put(Store.CONTENT_META_PREFIX + key, value);
    }

    Map<String, String> contentMeta() {
        return contentMeta;
    }

    public StoredEntity get(String type, String id) {
        if (id == null) {
            return null;
        }
        Map<String, StoredEntity> o = overlay.get(type);
        if (o != null && o.containsKey(id)) {
            StoredEntity e = o.get(id);
            return e == DELETED ? null : e;
        }
        return base.get(type, id);
    }

    /** The live entity holding a unique key, seen through this transaction's changes. */
    public StoredEntity findUnique(String type, String index, JsonNode value) {
        EntityTable table = base.table(type);
        if (table == null) {
            return null;
        }
        String key = IndexKeys.canonical(value);
        String id = overlayIndex
                .getOrDefault(type, Map.of())
                .getOrDefault(index, Map.of())
                .get(key);
        StoredEntity e = id == null ? null : get(type, id);
        if (e != null && key.equals(table.indexKeys().key(index, e.body()))) {
            return e;
        }
        id = table.idByUnique(index, key);
        if (id == null) {
            return null;
        }
        e = get(type, id);
        return e != null && key.equals(table.indexKeys().key(index, e.body())) ? e : null;
    }

    /** The index keys of a type, for computing unique keys of candidate entities. */
    public IndexKeys indexKeys(String type) {
        return base.table(type).indexKeys();
    }

    /** Every live entity of a type, seen through this transaction, sorted by id for base rows. */
    public List<StoredEntity> all(String type) {
        List<StoredEntity> out = new ArrayList<>();
        Map<String, StoredEntity> o = overlay.getOrDefault(type, Map.of());
        long now = nowSeconds();
        EntityTable t = base.table(type);
        if (t != null) {
            for (StoredEntity e : t.rows().values()) {
                if (o.containsKey(e.id())) {
                    continue;
                }
                if (!e.expiredAt(now)) {
                    out.add(e);
                }
            }
        }
        for (StoredEntity e : o.values()) {
            if (e != DELETED) {
                out.add(e);
            }
        }
        return out;
    }

    /** Live children of a parent through a foreign field. */
    public List<StoredEntity> children(String type, String field, String parentId) {
        return all(type).stream().filter(e -> e.refersTo(field, parentId)).toList();
    }

    public void put(StoredEntity e) {
        overlay.computeIfAbsent(e.type(), k -> new LinkedHashMap<>()).put(e.id(), e);
        EntityTable table = base.table(e.type());
        if (table != null) {
            Map<String, Map<String, String>> idx =
                    overlayIndex.computeIfAbsent(e.type(), k -> new java.util.HashMap<>());
            for (String name : table.indexKeys().names()) {
                String k = table.indexKeys().key(name, e.body());
                if (k != null) {
                    idx.computeIfAbsent(name, n -> new java.util.HashMap<>()).put(k, e.id());
                }
            }
        }
    }

    public void delete(String type, String id) {
        overlay.computeIfAbsent(type, k -> new LinkedHashMap<>()).put(id, DELETED);
    }

    /** Deletes every row of a type, expired ones included (declarative replace). */
    public void deleteAll(String type) {
        EntityTable t = base.table(type);
        if (t != null) {
            for (String id : t.rows().keySet()) {
                delete(type, id);
            }
        }
        Map<String, StoredEntity> o = overlay.get(type);
        if (o != null) {
            o.replaceAll((id, e) -> DELETED);
        }
    }

    /** The effective changes against the base snapshot (no-op deletes dropped). */
    List<Change> changes() {
        List<Change> out = new ArrayList<>();
        for (Map.Entry<String, Map<String, StoredEntity>> t : overlay.entrySet()) {
            EntityTable table = base.table(t.getKey());
            for (Map.Entry<String, StoredEntity> e : t.getValue().entrySet()) {
                StoredEntity before = table == null ? null : table.raw(e.getKey());
                StoredEntity after = e.getValue() == DELETED ? null : e.getValue();
                if (before == null && after == null) {
                    continue;
                }
                Change.Op op = before == null ? Change.Op.CREATE : after == null ? Change.Op.DELETE : Change.Op.UPDATE;
                out.add(new Change(op, t.getKey(), e.getKey(), before, after));
            }
        }
        return out;
    }
}
