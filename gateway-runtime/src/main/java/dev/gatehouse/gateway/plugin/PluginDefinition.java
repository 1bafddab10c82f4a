package dev.gatehouse.gateway.plugin;

import dev.gatehouse.gateway.schema.Schema;
import java.util.List;

/**
 * A plugin known to the gateway: its name, Kong priority and version, and its schema (the subschema of
 * {@code plugins} selected by {@code name}: usually {@code consumer}/{@code protocols}/{@code config}).
 * Plugins may add entities of their own ({@code daos}), as key-auth adds {@code keyauth_credentials}.
 * Implementations are found with {@link java.util.ServiceLoader} as well as the built-in list.
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
}
