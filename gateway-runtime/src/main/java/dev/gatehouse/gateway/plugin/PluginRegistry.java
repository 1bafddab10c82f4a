package dev.gatehouse.gateway.plugin;

import dev.gatehouse.gateway.entity.PluginsSchema;
import dev.gatehouse.gateway.plugin.acl.AclPlugin;
import dev.gatehouse.gateway.plugin.cors.CorsPlugin;
import dev.gatehouse.gateway.plugin.httplog.HttpLogPlugin;
import dev.gatehouse.gateway.plugin.keyauth.KeyAuthPlugin;
import dev.gatehouse.gateway.plugin.ratelimiting.RateLimitingPlugin;
import dev.gatehouse.gateway.schema.NamedField;
import dev.gatehouse.gateway.schema.Schema;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The enabled plugins: the built-ins plus any {@link PluginDefinition} on the class path (ServiceLoader). It
 * builds the {@code plugins} schema with one subschema per plugin, as Kong's {@code plugin_loader} does.
 */
public final class PluginRegistry {

  private final Map<String, PluginDefinition> plugins;
  private final Schema pluginsSchema;

  private PluginRegistry(Collection<PluginDefinition> definitions) {
    Map<String, PluginDefinition> byName = new LinkedHashMap<>();
    for (PluginDefinition d : definitions) {
      byName.putIfAbsent(d.name(), d);
    }
    this.plugins = Collections.unmodifiableMap(byName);
    Schema.Builder b = PluginsSchema.BASE.toBuilder();
    for (PluginDefinition d : byName.values()) {
      b.subschema(d.name(), asSubschema(d));
    }
    this.pluginsSchema = b.build();
  }

  /** The built-in plugins plus those found by ServiceLoader. */
  public static PluginRegistry discover() {
    List<PluginDefinition> all = new ArrayList<>(builtins());
    ServiceLoader.load(PluginDefinition.class, PluginRegistry.class.getClassLoader()).forEach(all::add);
    return new PluginRegistry(all);
  }

  /** Exactly the given plugins. */
  public static PluginRegistry of(Collection<PluginDefinition> definitions) {
    return new PluginRegistry(definitions);
  }

  public static List<PluginDefinition> builtins() {
    return List.of(new KeyAuthPlugin(), new RateLimitingPlugin(), new AclPlugin(), new CorsPlugin(),
        new HttpLogPlugin());
  }

  public PluginDefinition get(String name) {
    return plugins.get(name);
  }

  public Collection<PluginDefinition> all() {
    return plugins.values();
  }

  /** The {@code plugins} entity schema with its subschemas. */
  public Schema pluginsSchema() {
    return pluginsSchema;
  }

  /** Applies Kong's {@code Entity.new_subschema}: records become required; fields must exist in plugins. */
  private static Schema asSubschema(PluginDefinition d) {
    Schema s = d.schema();
    List<NamedField> fields = new ArrayList<>();
    for (NamedField nf : s.fieldList()) {
      if (PluginsSchema.BASE.field(nf.name()) == null) {
        throw new IllegalArgumentException("error in definition of '" + d.name() + "': " + nf.name()
            + ": cannot create a new field");
      }
      fields.add(NamedField.of(nf.name(), nf.field().withRecordsRequired()));
    }
    return s.toBuilder().fields(fields).build();
  }
}
