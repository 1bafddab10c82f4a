package dev.gatehouse.gateway.plugin;

import dev.gatehouse.gateway.schema.Schema;
import dev.gatehouse.gateway.store.Snapshot;
import java.util.List;

/**
 * A plugin known to the gateway: its name, Kong priority and version, and its schema (the subschema of
 * {@code plugins} selected by {@code name}: usually {@code consumer}/{@code protocols}/{@code config}).
 * Plugins may add entities of their own ({@code daos}), as key-auth adds {@code keyauth_credentials}.
 * Implementations are found with {@link java.util.ServiceLoader}, the bundled ones too. At run time a
 * plugin creates one {@link PluginHandler} per configured instance and may keep an in-memory view of its entities
 * ({@link #index}), rebuilt from each configuration snapshot in which they changed.
 */
public interface PluginDefinition {

    String name();

    /** Kong's {@code PRIORITY} (higher runs first). */
    int priority();

    /** Kong's {@code VERSION} of the plugin handler. */
    String version();

    /** The plugin schema, fields named as in the {@code plugins} entity. */
    Schema schema();

    /** Extra entity schemas (Kong's {@code daos.lua}), in dependency order. */
    default List<Schema> daos() {
        return List.of();
    }

    /** The handler of one configured instance; null for a plugin that only has a schema (it then does nothing). */
    default PluginHandler handler(PluginInstance instance) {
        return null;
    }

    /**
     * The plugin's in-memory view of its entities ({@link #daos()}) for handlers, built from a snapshot in which one of
     * them changed (or the first snapshot); null when the plugin needs none.
     */
    default Object index(Snapshot snapshot) {
        return null;
    }

    /** Stops what handlers started (queues, timers); called once when the gateway stops. */
    default void close() {}
}
