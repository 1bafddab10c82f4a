package dev.gatehouse.gateway.store;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The immutable rows of one entity type: sorted by id (Kong pages by primary key) with its unique indexes.
 * A commit copies only the tables it changes.
 */
public final class EntityTable {

    private final String type;
    private final IndexKeys indexKeys;
    private final NavigableMap<String, StoredEntity> byId;
    private final Map<String, Map<String, String>> unique;

    private EntityTable(
            String type,
            IndexKeys indexKeys,
            NavigableMap<String, StoredEntity> byId,
            Map<String, Map<String, String>> unique) {
        this.type = type;
        this.indexKeys = indexKeys;
        this.byId = Collections.unmodifiableNavigableMap(byId);
        this.unique = unique;
    }

    static EntityTable empty(String type, IndexKeys keys) {
        Map<String, Map<String, String>> unique = new HashMap<>();
        for (String idx : keys.names()) {
            unique.put(idx, Map.of());
        }
        return new EntityTable(type, keys, new TreeMap<>(), unique);
    }

    public String type() {
        return type;
    }

    /** All rows including expired ones, sorted by id. */
    public NavigableMap<String, StoredEntity> rows() {
        return byId;
    }

    public int size() {
        return byId.size();
    }

    StoredEntity raw(String id) {
        return byId.get(id);
    }

    String idByUnique(String index, String key) {
        Map<String, String> m = unique.get(index);
        return m == null ? null : m.get(key);
    }

    IndexKeys indexKeys() {
        return indexKeys;
    }

    /** A new table with the given rows replaced (value) or removed (null value). */
    EntityTable with(Map<String, StoredEntity> changes) {
        TreeMap<String, StoredEntity> rows = new TreeMap<>(byId);
        Map<String, Map<String, String>> idx = new HashMap<>();
        for (String name : indexKeys.names()) {
            idx.put(name, new HashMap<>(unique.get(name)));
        }
        for (Map.Entry<String, StoredEntity> c : changes.entrySet()) {
            StoredEntity before = rows.get(c.getKey());
            if (before != null) {
                for (String name : indexKeys.names()) {
                    String k = indexKeys.key(name, before.body());
                    if (k != null && c.getKey().equals(idx.get(name).get(k))) {
                        idx.get(name).remove(k);
                    }
                }
            }
            StoredEntity after = c.getValue();
            if (after == null) {
                rows.remove(c.getKey());
            } else {
                rows.put(c.getKey(), after);
            }
        }
        for (Map.Entry<String, StoredEntity> c : changes.entrySet()) {
            StoredEntity after = c.getValue();
            if (after != null) {
                for (String name : indexKeys.names()) {
                    String k = indexKeys.key(name, after.body());
                    if (k != null) {
                        idx.get(name).put(k, after.id());
                    }
                }
            }
        }
        Map<String, Map<String, String>> frozen = new HashMap<>();
        idx.forEach((k, v) -> frozen.put(k, Collections.unmodifiableMap(v)));
        return new EntityTable(type, indexKeys, rows, frozen);
    }

    /** Builds a table from rows loaded at start-up. */
    static EntityTable of(String type, IndexKeys keys, List<StoredEntity> rows) {
        Map<String, StoredEntity> changes = new HashMap<>();
        for (StoredEntity e : rows) {
            changes.put(e.id(), e);
        }
        return empty(type, keys).with(changes);
    }
}
