package dev.gatehouse.gateway.plugin.keyauth;

import dev.gatehouse.gateway.store.EntityTable;
import dev.gatehouse.gateway.store.Snapshot;
import dev.gatehouse.gateway.store.StoredEntity;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** The key-auth credentials by key (Kong's {@code keyauth_credentials:select_by_key}), with their expiry. */
final class KeyAuthIndex {

    record Entry(String id, String consumerId, Long expiresAt) {
        boolean expired(long nowSeconds) {
            return expiresAt != null && expiresAt <= nowSeconds;
        }
    }

    private final Map<String, Entry> byKey;
    private final Clock clock;

    private KeyAuthIndex(Map<String, Entry> byKey, Clock clock) {
        this.byKey = byKey;
        this.clock = clock;
    }

    static KeyAuthIndex of(Snapshot snapshot) {
        EntityTable t = snapshot.table(KeyAuthPlugin.CREDENTIALS.name());
        Map<String, Entry> m = new HashMap<>();
        if (t != null) {
            for (StoredEntity e : t.rows().values()) {
                String key = e.body().path("key").asText(null);
                String consumer = e.body().path("consumer").path("id").asText(null);
                if (key != null) {
                    // an expired credential lingers until the purge while a new one may reuse its key: keep the one
                    // that
                    // expires last (null: never), which is the live one
                    m.merge(key, new Entry(e.id(), consumer, e.expiresAt()), KeyAuthIndex::laterExpiry);
                }
            }
        }
        return new KeyAuthIndex(m, snapshot.clock());
    }

    private static Entry laterExpiry(Entry a, Entry b) {
        if (a.expiresAt() == null) {
            return a;
        }
        return b.expiresAt() == null || b.expiresAt() > a.expiresAt() ? b : a;
    }

    Entry get(String key) {
        return byKey.get(key);
    }

    /** The store clock's epoch second, which {@link Entry#expired} compares with. */
    long nowSeconds() {
        return clock.instant().getEpochSecond();
    }
}
