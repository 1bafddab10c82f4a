package dev.gatehouse.gateway.plugin.proxycache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The memory dictionary's bound (least recently used out first, as an nginx shared dict) and storage TTL. */
class MemoryCacheTest {

    private static CachedResponse response(int bodyBytes) {
        return new CachedResponse(200, Map.of("Content-Type", List.of("text/plain")), new byte[bodyBytes], 0, 60);
    }

    @Test
    void theLeastRecentlyUsedEntriesMakeRoom() {
        long one = response(1000).weight("a");
        MemoryCache cache = new MemoryCache(3 * one);
        cache.store("a", response(1000), 0, 0);
        cache.store("b", response(1000), 0, 0);
        cache.store("c", response(1000), 0, 0);
        assertThat(cache.fetch("a", 0)).isNotNull(); // a is now the most recently used
        cache.store("d", response(1000), 0, 0);
        assertThat(cache.fetch("b", 0)).isNull();
        assertThat(cache.fetch("a", 0)).isNotNull();
        assertThat(cache.fetch("c", 0)).isNotNull();
        assertThat(cache.fetch("d", 0)).isNotNull();
        assertThat(cache.bytes()).isLessThanOrEqualTo(3 * one);
        assertThat(cache.store("huge", response((int) (4 * one)), 0, 0)).isFalse();
        assertThat(cache.fetch("a", 0)).isNotNull(); // a refused entry evicts nothing
    }

    @Test
    void entriesExpireAfterTheirStorageTtl() {
        MemoryCache cache = new MemoryCache(1 << 20);
        cache.store("k", response(10), 2, 1_000);
        assertThat(cache.fetch("k", 2_999)).isNotNull();
        assertThat(cache.fetch("k", 3_000)).isNull();
        assertThat(cache.bytes()).isZero();
    }
}
