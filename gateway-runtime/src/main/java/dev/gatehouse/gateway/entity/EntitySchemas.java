package dev.gatehouse.gateway.entity;

import dev.gatehouse.gateway.schema.Schema;
import dev.gatehouse.gateway.schema.SchemaValidator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every entity schema of the gateway, in dependency order (parents before children): the core entities plus
 * the entities that enabled plugins bring. One instance per running gateway, made by the plugin registry, which
 * knows the plugins (this package does not).
 */
public final class EntitySchemas {

    private final Map<String, Schema> byName;
    private final Map<String, Schema> byAdminName;
    private final SchemaValidator validator;

    /**
     * @param pluginsSchema the {@code plugins} entity with a subschema per enabled plugin
     * @param pluginEntities the entities the enabled plugins add, in dependency order
     */
    public EntitySchemas(Schema pluginsSchema, List<Schema> pluginEntities) {
        Map<String, Schema> m = new LinkedHashMap<>();
        m.put("certificates", CertificatesSchema.SCHEMA);
        m.put("services", ServicesSchema.SCHEMA);
        m.put("routes", RoutesSchema.SCHEMA);
        m.put("snis", SnisSchema.SCHEMA);
        m.put("consumers", ConsumersSchema.SCHEMA);
        m.put("upstreams", UpstreamsSchema.SCHEMA);
        m.put("targets", TargetsSchema.SCHEMA);
        m.put("ca_certificates", CaCertificatesSchema.SCHEMA);
        m.put("key_sets", KeySetsSchema.SCHEMA);
        m.put("keys", KeysSchema.SCHEMA);
        m.put("plugins", pluginsSchema);
        for (Schema entity : pluginEntities) {
            m.putIfAbsent(entity.name(), entity);
        }
        this.byName = Collections.unmodifiableMap(m);
        Map<String, Schema> admin = new LinkedHashMap<>();
        for (Schema s : m.values()) {
            admin.put(s.adminApiName(), s);
        }
        this.byAdminName = Collections.unmodifiableMap(admin);
        this.validator = new SchemaValidator(byName::get);
    }

    public Schema get(String name) {
        return byName.get(name);
    }

    public Schema byAdminName(String adminName) {
        return byAdminName.get(adminName);
    }

    /** All schemas, parents first. */
    public List<Schema> all() {
        return new ArrayList<>(byName.values());
    }

    public SchemaValidator validator() {
        return validator;
    }

    /** The schemas that reference {@code parent} through a foreign field, with that field's name. */
    public List<Reference> referencesTo(String parent) {
        List<Reference> out = new ArrayList<>();
        for (Schema s : byName.values()) {
            s.foreignFields().forEach(nf -> {
                if (parent.equals(nf.field().reference())) {
                    out.add(new Reference(s, nf.name(), nf.field().onDelete()));
                }
            });
        }
        return out;
    }

    /** A foreign field of {@code child} pointing at some parent. */
    public record Reference(Schema child, String field, String onDelete) {
        public boolean cascades() {
            return "cascade".equals(onDelete);
        }
    }
}
