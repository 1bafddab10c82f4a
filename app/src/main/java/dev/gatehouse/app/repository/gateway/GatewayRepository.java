package dev.gatehouse.app.repository.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The gateway as the console's pages see it: typed kinds of entity to list, get, create, update and delete, and the
 * schemas forms are generated from. Entities are Kong-shaped JSON objects. Failures are {@link GatewayException}
 * when the gateway refused, or a connection problem when it could not be reached. Today's implementation speaks the
 * Kong Admin API; a Kubernetes connection implements the same interface over Kong's custom resources.
 */
public interface GatewayRepository {

    /** Where the gateway is reached, for sentences such as "Gateway Admin API at …". */
    URI address();

    /** Who answers, and its version. */
    CompletableFuture<GatewayNode> node();

    /** One page of {@code kind}, {@code size} at most, from {@code offset} (empty for the first page). */
    CompletableFuture<EntityPage> page(EntityKind kind, int size, Optional<String> offset);

    /** Every entity of {@code kind}, page after page; {@code onPage} sees each page as it arrives. */
    CompletableFuture<List<ObjectNode>> listAll(EntityKind kind, Consumer<List<ObjectNode>> onPage);

    /** Every entity of {@code kind}. */
    default CompletableFuture<List<ObjectNode>> listAll(EntityKind kind) {
        return listAll(kind, page -> {});
    }

    /** Every entity of {@code kind} that belongs to {@code owner}: a service's routes, a consumer's keys. */
    CompletableFuture<List<ObjectNode>> listAll(EntityOwner owner, EntityKind kind);

    /** One entity by id, or by its name where the kind has one (name, username, key). */
    CompletableFuture<ObjectNode> get(EntityKind kind, String idOrName);

    CompletableFuture<ObjectNode> create(EntityKind kind, ObjectNode entity);

    /** Creates an entity that belongs to {@code owner} (a consumer's key). */
    CompletableFuture<ObjectNode> create(EntityOwner owner, EntityKind kind, ObjectNode entity);

    /** Changes the given fields only; a field set to null is cleared. */
    CompletableFuture<ObjectNode> update(EntityKind kind, String id, ObjectNode changes);

    CompletableFuture<Void> delete(EntityKind kind, String id);

    /** Changes the given fields of an entity reachable only through its owner (a target's weight). */
    CompletableFuture<ObjectNode> update(EntityOwner owner, EntityKind kind, String id, ObjectNode changes);

    /** Deletes an entity reachable only through its owner (an upstream's target). */
    CompletableFuture<Void> delete(EntityOwner owner, EntityKind kind, String id);

    /** Each target of {@code upstream} (id or name) with its health as the gateway's balancer sees it. */
    CompletableFuture<List<TargetHealth>> targetHealth(String upstream);

    /** Sets a target's health by hand, as a passive health check would (Kong's healthy / unhealthy endpoints). */
    CompletableFuture<Void> setTargetHealth(String upstream, String target, boolean healthy);

    /** The schema of {@code kind}'s entities. */
    CompletableFuture<EntitySchema> schema(EntityKind kind);

    /** The schema of one plugin, so a remote gateway's own plugins get forms too. */
    CompletableFuture<EntitySchema> pluginSchema(String plugin);

    /**
     * Checks {@code entity} against the schema of {@code kind} without storing anything (Kong's
     * {@code POST /schemas/{entity}/validate}; plugins by their {@code name}); fails with the gateway's
     * {@link GatewayException} when the entity is invalid. Foreign references are checked for shape only.
     */
    CompletableFuture<Void> validate(EntityKind kind, ObjectNode entity);

    /** The plugins this gateway can run, sorted by name. */
    CompletableFuture<List<String>> enabledPlugins();

    /**
     * A change stream, where the gateway offers one (Kubernetes watches); Kong's Admin API has none, so the console
     * polls it instead.
     */
    default Optional<GatewayWatch> watch(GatewayWatch.Listener listener) {
        return Optional.empty();
    }

    /**
     * What the gateway behind a translating controller actually loaded, where the console can read it (a Kubernetes
     * connection with the port-forward to the controller's Kong Admin API open); none for Kong itself, whose Admin
     * API is what it runs.
     */
    default Optional<LoadedConfiguration> loadedConfiguration() {
        return Optional.empty();
    }
}
