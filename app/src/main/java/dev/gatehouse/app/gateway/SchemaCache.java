package dev.gatehouse.app.gateway;

import dev.gatehouse.app.kong.KongAdminClient;
import dev.gatehouse.app.kong.KongEntity;
import dev.gatehouse.app.kong.KongSchema;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/** Schemas fetched once per connection: they only change when the gateway is upgraded. */
public final class SchemaCache {

    private final Map<String, CompletableFuture<KongSchema>> cache = new ConcurrentHashMap<>();

    public CompletableFuture<KongSchema> entity(KongAdminClient kong, KongEntity entity) {
        return cached("entity:" + entity.schemaName(), () -> kong.entitySchema(entity));
    }

    public CompletableFuture<KongSchema> plugin(KongAdminClient kong, String name) {
        return cached("plugin:" + name, () -> kong.pluginSchema(name));
    }

    private CompletableFuture<KongSchema> cached(String key,
                                                 java.util.function.Supplier<CompletableFuture<KongSchema>> load) {
        CompletableFuture<KongSchema> future = cache.computeIfAbsent(key, k -> load.get());
        // A failed fetch (gateway down) is not remembered; the next try asks again.
        future.whenComplete((schema, failure) -> {
            if (failure != null) {
                cache.remove(key, future);
            }
        });
        return future;
    }

    public void clear() {
        cache.clear();
    }
}
