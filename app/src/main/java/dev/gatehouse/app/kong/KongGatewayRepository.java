package dev.gatehouse.app.kong;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.repository.gateway.EntityKind;
import dev.gatehouse.app.repository.gateway.EntityOwner;
import dev.gatehouse.app.repository.gateway.EntityPage;
import dev.gatehouse.app.repository.gateway.EntitySchema;
import dev.gatehouse.app.repository.gateway.GatewayException;
import dev.gatehouse.app.repository.gateway.GatewayNode;
import dev.gatehouse.app.repository.gateway.GatewayRepository;
import dev.gatehouse.app.repository.gateway.TargetHealth;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/** The gateway repository over a Kong Admin API (a real Kong or the embedded gateway), through its client. */
public final class KongGatewayRepository implements GatewayRepository {

    private final KongAdminClient kong;

    public KongGatewayRepository(KongAdminClient kong) {
        this.kong = kong;
    }

    @Override
    public URI address() {
        return kong.baseUri();
    }

    @Override
    public CompletableFuture<GatewayNode> node() {
        return translated(kong.node()
                .thenApply(node -> new GatewayNode(
                        node.product(),
                        node.root().path("version").asText(""),
                        node.root().path("tagline").asText(""))));
    }

    @Override
    public CompletableFuture<EntityPage> page(EntityKind kind, int size, Optional<String> offset) {
        return translated(kong.page(KongPaths.collection(kind), size, offset));
    }

    @Override
    public CompletableFuture<List<ObjectNode>> listAll(EntityKind kind, Consumer<List<ObjectNode>> onPage) {
        return translated(kong.listAll(KongPaths.collection(kind), onPage));
    }

    @Override
    public CompletableFuture<List<ObjectNode>> listAll(EntityOwner owner, EntityKind kind) {
        return translated(kong.listAll(KongPaths.owned(owner, kind)));
    }

    @Override
    public CompletableFuture<ObjectNode> get(EntityKind kind, String idOrName) {
        return translated(kong.get(KongPaths.entity(kind, idOrName)));
    }

    @Override
    public CompletableFuture<ObjectNode> create(EntityKind kind, ObjectNode entity) {
        return translated(kong.create(KongPaths.collection(kind), entity));
    }

    @Override
    public CompletableFuture<ObjectNode> create(EntityOwner owner, EntityKind kind, ObjectNode entity) {
        return translated(kong.create(KongPaths.owned(owner, kind), entity));
    }

    @Override
    public CompletableFuture<ObjectNode> update(EntityKind kind, String id, ObjectNode changes) {
        return translated(kong.update(KongPaths.entity(kind, id), changes));
    }

    @Override
    public CompletableFuture<Void> delete(EntityKind kind, String id) {
        return translated(kong.delete(KongPaths.entity(kind, id)));
    }

    @Override
    public CompletableFuture<ObjectNode> update(EntityOwner owner, EntityKind kind, String id, ObjectNode changes) {
        return translated(kong.update(KongPaths.ownedEntity(owner, kind, id), changes));
    }

    @Override
    public CompletableFuture<Void> delete(EntityOwner owner, EntityKind kind, String id) {
        return translated(kong.delete(KongPaths.ownedEntity(owner, kind, id)));
    }

    @Override
    public CompletableFuture<List<TargetHealth>> targetHealth(String upstream) {
        return translated(kong.listAll(KongPaths.upstreamHealth(upstream))
                .thenApply(targets -> targets.stream()
                        .map(KongGatewayRepository::targetHealth)
                        .toList()));
    }

    @Override
    public CompletableFuture<Void> setTargetHealth(String upstream, String target, boolean healthy) {
        // Kong answers 204; its handler reads no body (kong/api/routes/upstreams.lua set_target_health).
        return translated(kong.upsert(
                        KongPaths.targetHealth(upstream, target, healthy),
                        com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode())
                .thenApply(answer -> null));
    }

    /** One element of {@code /upstreams/{u}/health}: the target entity with a {@code health} word beside it. */
    private static TargetHealth targetHealth(ObjectNode json) {
        List<String> tags = new java.util.ArrayList<>();
        json.path("tags").forEach(tag -> tags.add(tag.asText()));
        return new TargetHealth(
                json.path("id").asText(""),
                json.path("target").asText(""),
                json.path("weight").asInt(100),
                TargetHealth.Health.of(
                        json.path("health").isTextual() ? json.get("health").asText() : null),
                tags);
    }

    @Override
    public CompletableFuture<EntitySchema> schema(EntityKind kind) {
        String name = KongPaths.schemaName(kind);
        return translated(kong.get("/schemas/" + name).thenApply(json -> EntitySchema.parse(name, json)));
    }

    @Override
    public CompletableFuture<EntitySchema> pluginSchema(String plugin) {
        return translated(kong.get("/schemas/plugins/" + KongPaths.segment(plugin))
                .thenApply(json -> EntitySchema.parse(plugin, json)));
    }

    @Override
    public CompletableFuture<Void> validate(EntityKind kind, ObjectNode entity) {
        // kong/api/routes/kong.lua: /schemas/:db_entity_name/validate; plugins use /schemas/plugins/validate with
        // the plugin's name in the body, which is the same path for the plugins DAO.
        return translated(kong.create("/schemas/" + KongPaths.schemaName(kind) + "/validate", entity)
                .thenApply(answer -> null));
    }

    @Override
    public CompletableFuture<List<String>> enabledPlugins() {
        return translated(kong.enabledPlugins());
    }

    /** Kong's error answers become the repository's; a call that got no answer stays a connection problem. */
    private static <T> CompletableFuture<T> translated(CompletableFuture<T> call) {
        return call.exceptionallyCompose(failure -> {
            Throwable e =
                    failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            return CompletableFuture.failedFuture(
                    e instanceof KongApiException kong
                            ? new GatewayException(
                                    kong.status(), kong.code().orElse(null), kong.getMessage(), kong.fieldErrors())
                            : e);
        });
    }
}
