package dev.gatehouse.gateway.plugin;

import dev.gatehouse.gateway.schema.Schema;
import dev.gatehouse.gateway.version.GatewayVersion;
import java.util.List;

/** A plugin bundled with Kong: its name, Kong's priority, Kong's version, its schema and its entities. */
public abstract class BundledPlugin implements PluginDefinition {

    private final String name;
    private final int priority;
    private final Schema schema;
    private final List<Schema> daos;

    protected BundledPlugin(String name, int priority, Schema schema, List<Schema> daos) {
        this.name = name;
        this.priority = priority;
        this.schema = schema;
        this.daos = List.copyOf(daos);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final int priority() {
        return priority;
    }

    /** Bundled plugins carry Kong's own version ({@code kong_meta.version}). */
    @Override
    public final String version() {
        return GatewayVersion.KONG_COMPATIBLE;
    }

    @Override
    public final Schema schema() {
        return schema;
    }

    @Override
    public final List<Schema> daos() {
        return daos;
    }
}
