package dev.gatehouse.gateway.support;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.gateway.entity.EntitySchemas;
import dev.gatehouse.gateway.json.Json;
import dev.gatehouse.gateway.plugin.PluginDefinition;
import dev.gatehouse.gateway.plugin.PluginRegistry;
import dev.gatehouse.gateway.schema.AutoFields;
import dev.gatehouse.gateway.schema.Context;
import dev.gatehouse.gateway.schema.Schema;
import java.util.List;

/** Plugin configurations as the Admin API stores them, for tests of the typed config records. */
public final class PluginConfigs {

    private PluginConfigs() {}

    /** {@code config} with the plugin schema's defaults filled in, as Kong's {@code process_auto_fields} does. */
    public static ObjectNode withDefaults(PluginDefinition plugin, String config) {
        EntitySchemas schemas = PluginRegistry.of(List.of(plugin)).entitySchemas();
        Schema plugins = schemas.get("plugins");
        ObjectNode entity = Json.object();
        entity.put("name", plugin.name());
        entity.set("config", Json.parse(config));
        AutoFields.Result r = AutoFields.process(schemas.validator(), plugins, entity, Context.INSERT);
        if (r.errors() != null) {
            throw new IllegalArgumentException(r.errors().toString());
        }
        return (ObjectNode) r.entity().get("config");
    }

    /** A config exactly as written. */
    public static ObjectNode json(String config) {
        return (ObjectNode) Json.parse(config);
    }
}
