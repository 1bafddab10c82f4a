package dev.gatehouse.gateway.plugin;

import dev.gatehouse.gateway.entity.EntitySchemas;
import dev.gatehouse.gateway.entity.PluginsSchema;
import dev.gatehouse.gateway.entity.RoutesSchema;
import dev.gatehouse.gateway.expression.RouterFlavor;
import dev.gatehouse.gateway.schema.NamedField;
import dev.gatehouse.gateway.schema.Schema;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;

/**
 * The enabled plugins: every {@link PluginDefinition} on the class path (ServiceLoader), the bundled ones first (each
 * plugin package registers itself in this jar's {@code META-INF/services}, in Kong's bundled order). It builds the
 * {@code plugins} schema with one subschema per plugin, as Kong's {@code plugin_loader} does.
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

    /**
     * The plugins found by ServiceLoader, the bundled ones (from this jar) first: of two with one name, the bundled one
     * wins, as Kong's bundled plugins cannot be replaced by a custom plugin of the same name.
     */
    public static PluginRegistry discover() {
        CodeSource bundled = PluginRegistry.class.getProtectionDomain().getCodeSource();
        List<PluginDefinition> all = new ArrayList<>();
        ServiceLoader.load(PluginDefinition.class, PluginRegistry.class.getClassLoader()).stream()
                .sorted(Comparator.comparing(
                        p -> !Objects.equals(p.type().getProtectionDomain().getCodeSource(), bundled)))
                .forEach(p -> all.add(p.get()));
        return new PluginRegistry(all);
    }

    /** Exactly the given plugins. */
    public static PluginRegistry of(Collection<PluginDefinition> definitions) {
        return new PluginRegistry(definitions);
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

    /** Every entity schema: the core entities, {@code plugins} with these plugins' subschemas, their own entities. */
    public EntitySchemas entitySchemas() {
        return entitySchemas(RouterFlavor.TRADITIONAL_COMPATIBLE);
    }

    /** As above, with the {@code routes} schema of the given router flavor. */
    public EntitySchemas entitySchemas(RouterFlavor flavor) {
        List<Schema> entities = new ArrayList<>();
        for (PluginDefinition d : plugins.values()) {
            entities.addAll(d.daos());
        }
        return new EntitySchemas(pluginsSchema, entities, RoutesSchema.forFlavor(flavor));
    }

    /** Applies Kong's {@code Entity.new_subschema}: records become required; fields must exist in plugins. */
    private static Schema asSubschema(PluginDefinition d) {
        Schema s = d.schema();
        List<NamedField> fields = new ArrayList<>();
        for (NamedField nf : s.fieldList()) {
            if (PluginsSchema.BASE.field(nf.name()) == null) {
                throw new IllegalArgumentException(
                        "error in definition of '" + d.name() + "': " + nf.name() + ": cannot create a new field");
            }
            fields.add(NamedField.of(nf.name(), nf.field().withRecordsRequired()));
        }
        return s.toBuilder().fields(fields).build();
    }
}
