package dev.gatehouse.app.pages.entities;

import dev.gatehouse.app.repository.gateway.EntityKind;
import dev.gatehouse.app.repository.gateway.EntitySchema;
import dev.gatehouse.app.repository.gateway.GatewayRepository;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/** Schemas fetched once per connection: they only change when the gateway is upgraded. */
public final class SchemaCache {

    private final Map<String, CompletableFuture<EntitySchema>> cache = new ConcurrentHashMap<>();

    public CompletableFuture<EntitySchema> entity(GatewayRepository gateway, EntityKind kind) {
        return cached("entity:" + kind, () -> gateway.schema(kind));
    }

    public CompletableFuture<EntitySchema> plugin(GatewayRepository gateway, String name) {
        return cached("plugin:" + name, () -> gateway.pluginSchema(name));
    }

    private CompletableFuture<EntitySchema> cached(
            String key, java.util.function.Supplier<CompletableFuture<EntitySchema>> load) {
        CompletableFuture<EntitySchema> future = cache.computeIfAbsent(key, k -> load.get());
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
