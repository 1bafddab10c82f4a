package dev.gatehouse.gateway.plugin.proxycache;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One memory dictionary (Kong's {@code lua_shared_dict}, {@code kong/plugins/proxy-cache/strategies/memory.lua}):
 * entries with a storage TTL, bounded in bytes; when full, the least recently used entries are evicted, as an nginx
 * shared dictionary does. Shared by every event loop, so every method is synchronized (each is a map operation).
 */
final class MemoryCache {

    private record Stored(CachedResponse value, long weight, long expiresAtMillis) {}

    private final long capacity;
    private final LinkedHashMap<String, Stored> entries = new LinkedHashMap<>(64, 0.75f, true);
    private long bytes;

    MemoryCache(long capacity) {
        this.capacity = capacity;
    }

    /** The entry, or null when absent or past its storage TTL. */
    synchronized CachedResponse fetch(String key, long nowMillis) {
        Stored s = entries.get(key);
        if (s == null) {
            return null;
        }
        if (s.expiresAtMillis() > 0 && s.expiresAtMillis() <= nowMillis) {
            remove(key);
            return null;
        }
        return s.value();
    }

    /** Stores for {@code ttlSeconds} (0: no expiry); false when the entry alone exceeds the capacity. */
    synchronized boolean store(String key, CachedResponse value, long ttlSeconds, long nowMillis) {
        long weight = value.weight(key);
        if (weight > capacity) {
            return false;
        }
        remove(key);
        Iterator<Map.Entry<String, Stored>> lru = entries.entrySet().iterator();
        while (bytes + weight > capacity && lru.hasNext()) {
            Stored s = lru.next().getValue();
            bytes -= s.weight();
            lru.remove();
        }
        entries.put(key, new Stored(value, weight, ttlSeconds > 0 ? nowMillis + ttlSeconds * 1000 : 0));
        bytes += weight;
        return true;
    }

    synchronized boolean purge(String key) {
        return remove(key);
    }

    synchronized void flush() {
        entries.clear();
        bytes = 0;
    }

    synchronized long bytes() {
        return bytes;
    }

    private boolean remove(String key) {
        Stored s = entries.remove(key);
        if (s != null) {
            bytes -= s.weight();
            return true;
        }
        return false;
    }
}
