package dev.gatehouse.gateway.declarative;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.gatehouse.gateway.entity.EntitySchemas;
import dev.gatehouse.gateway.json.Json;
import dev.gatehouse.gateway.schema.Schema;
import dev.gatehouse.gateway.store.Snapshot;
import dev.gatehouse.gateway.store.StoredEntity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Writes the configuration as a decK file ({@code _format_version: "3.0"}): routes and plugins nested under
 * their service or route, credentials and plugins under their consumer, multi-scoped and global plugins at the
 * top level referring to their scope by name (else id). Unlike {@code deck dump}, ids are kept (like
 * {@code --with-id}) so that an export loads back into identical entities; nulls and {@code updated_at} are
 * left out as decK does. The result validates against decK's JSON schema.
 */
public final class DeclarativeExporter {

    private static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .build());

    private final EntitySchemas schemas;

    public DeclarativeExporter(EntitySchemas schemas) {
        this.schemas = schemas;
    }

    /** The configuration as a decK document (JSON tree). */
    public ObjectNode export(Snapshot snap) {
        ObjectNode out = Json.object();
        out.put("_format_version", "3.0");
        List<StoredEntity> plugins = snap.list("plugins");
        List<StoredEntity> routes = snap.list("routes");

        ArrayNode services = Json.array();
        for (StoredEntity s : sorted(snap.list("services"), "name")) {
            ObjectNode so = clean(s.body(), "services", snap);
            ArrayNode nestedRoutes = Json.array();
            for (StoredEntity r : sorted(routes, "name")) {
                if (s.id().equals(fkId(r, "service"))) {
                    nestedRoutes.add(route(r, plugins, snap));
                }
            }
            if (!nestedRoutes.isEmpty()) {
                so.set("routes", nestedRoutes);
            }
            ArrayNode ps = pluginsScopedTo(plugins, "service", s.id(), snap);
            if (!ps.isEmpty()) {
                so.set("plugins", ps);
            }
            services.add(so);
        }
        if (!services.isEmpty()) {
            out.set("services", services);
        }

        ArrayNode looseRoutes = Json.array();
        for (StoredEntity r : sorted(routes, "name")) {
            if (fkId(r, "service") == null) {
                looseRoutes.add(route(r, plugins, snap));
            }
        }
        if (!looseRoutes.isEmpty()) {
            out.set("routes", looseRoutes);
        }

        ArrayNode consumers = Json.array();
        for (StoredEntity c : sorted(snap.list("consumers"), "username")) {
            ObjectNode co = clean(c.body(), "consumers", snap);
            // every credential type (keyauth_credentials, acls), nested under its consumer by its name as decK does
            for (Schema type : credentialTypes()) {
                ArrayNode creds = Json.array();
                for (StoredEntity k :
                        sorted(snap.list(type.name()), type.endpointKey() != null ? type.endpointKey() : "id")) {
                    if (c.id().equals(fkId(k, "consumer"))) {
                        ObjectNode ko = clean(k.body(), type.name(), snap);
                        ko.remove("consumer");
                        if (k.expiresAt() != null) {
                            ko.put("ttl", Math.max(0, k.expiresAt() - snap.nowSeconds()));
                        }
                        creds.add(ko);
                    }
                }
                if (!creds.isEmpty()) {
                    co.set(type.name(), creds);
                    if (!type.transformations().isEmpty()) {
                        // stored values are already transformed (hashed passwords): Kong's export says so
                        out.put("_transform", false);
                    }
                }
            }
            ArrayNode ps = pluginsScopedTo(plugins, "consumer", c.id(), snap);
            if (!ps.isEmpty()) {
                co.set("plugins", ps);
            }
            consumers.add(co);
        }
        if (!consumers.isEmpty()) {
            out.set("consumers", consumers);
        }

        // decK's upstreams[] with their targets[] nested (go-database-reconciler FUpstream.Targets)
        ArrayNode upstreams = Json.array();
        List<StoredEntity> targets = snap.list("targets");
        for (StoredEntity u : sorted(snap.list("upstreams"), "name")) {
            ObjectNode uo = clean(u.body(), "upstreams", snap);
            ArrayNode ts = Json.array();
            for (StoredEntity t : sorted(targets, "target")) {
                if (u.id().equals(fkId(t, "upstream"))) {
                    ObjectNode to = clean(t.body(), "targets", snap);
                    to.remove("upstream");
                    ts.add(to);
                }
            }
            if (!ts.isEmpty()) {
                uo.set("targets", ts);
            }
            upstreams.add(uo);
        }
        if (!upstreams.isEmpty()) {
            out.set("upstreams", upstreams);
        }

        // decK's certificates[] with their snis[] nested (go-database-reconciler FCertificate.SNIs)
        ArrayNode certificates = Json.array();
        List<StoredEntity> snis = snap.list("snis");
        for (StoredEntity c : sorted(snap.list("certificates"), "id")) {
            ObjectNode co = clean(c.body(), "certificates", snap);
            ArrayNode names = Json.array();
            for (StoredEntity n : sorted(snis, "name")) {
                if (c.id().equals(fkId(n, "certificate"))) {
                    ObjectNode no = clean(n.body(), "snis", snap);
                    no.remove("certificate");
                    names.add(no);
                }
            }
            if (!names.isEmpty()) {
                co.set("snis", names);
            }
            certificates.add(co);
        }
        if (!certificates.isEmpty()) {
            out.set("certificates", certificates);
        }

        ArrayNode caCertificates = Json.array();
        for (StoredEntity c : sorted(snap.list("ca_certificates"), "id")) {
            caCertificates.add(clean(c.body(), "ca_certificates", snap));
        }
        if (!caCertificates.isEmpty()) {
            out.set("ca_certificates", caCertificates);
        }

        // decK's key_sets[] and keys[], each key naming its set by id (go-database-reconciler FKey.Set)
        for (String type : List.of("key_sets", "keys")) {
            ArrayNode list = Json.array();
            for (StoredEntity k : sorted(snap.list(type), "name")) {
                list.add(clean(k.body(), type, snap));
            }
            if (!list.isEmpty()) {
                out.set(type, list);
            }
        }

        ArrayNode topPlugins = Json.array();
        for (StoredEntity p : sorted(plugins, "name")) {
            if (scopes(p) != 1) {
                ObjectNode po = clean(p.body(), "plugins", snap);
                for (String scope : List.of("service", "route", "consumer")) {
                    String id = fkId(p, scope);
                    if (id != null) {
                        po.put(scope, refName(snap, scope, id));
                    }
                }
                topPlugins.add(po);
            }
        }
        if (!topPlugins.isEmpty()) {
            out.set("plugins", topPlugins);
        }
        return out;
    }

    /** Entity types that belong to a consumer, other than plugins: before, acls were left out of the export. */
    private List<Schema> credentialTypes() {
        List<Schema> out = new ArrayList<>();
        for (Schema s : schemas.all()) {
            if (!s.name().equals("plugins")
                    && s.foreignFields().stream()
                            .anyMatch(f -> f.name().equals("consumer")
                                    && "consumers".equals(f.field().reference()))) {
                out.add(s);
            }
        }
        return out;
    }

    /** The export as YAML text. */
    public String exportYaml(Snapshot snap) {
        try {
            return YAML.writeValueAsString(export(snap));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private ObjectNode route(StoredEntity r, List<StoredEntity> plugins, Snapshot snap) {
        ObjectNode ro = clean(r.body(), "routes", snap);
        ro.remove("service");
        ArrayNode ps = pluginsScopedTo(plugins, "route", r.id(), snap);
        if (!ps.isEmpty()) {
            ro.set("plugins", ps);
        }
        return ro;
    }

    /** Plugins whose only scope is this entity, nested without their scope field. */
    private ArrayNode pluginsScopedTo(List<StoredEntity> plugins, String scope, String id, Snapshot snap) {
        ArrayNode a = Json.array();
        for (StoredEntity p : sorted(plugins, "name")) {
            if (scopes(p) == 1 && id.equals(fkId(p, scope))) {
                ObjectNode po = clean(p.body(), "plugins", snap);
                po.remove(scope);
                a.add(po);
            }
        }
        return a;
    }

    private static int scopes(StoredEntity p) {
        int n = 0;
        for (String s : List.of("service", "route", "consumer")) {
            if (fkId(p, s) != null) {
                n++;
            }
        }
        return n;
    }

    private static String refName(Snapshot snap, String scope, String id) {
        String type = scope + "s";
        String nameField = scope.equals("consumer") ? "username" : "name";
        StoredEntity e = snap.get(type, id);
        JsonNode name = e == null ? null : e.body().get(nameField);
        return name != null && name.isTextual() ? name.textValue() : id;
    }

    static String fkId(StoredEntity e, String field) {
        JsonNode fk = e.body().get(field);
        return fk != null && fk.isObject() ? fk.path("id").asText(null) : null;
    }

    /** A copy without nulls and without {@code updated_at}; foreign keys become ids (decK has no objects there). */
    private ObjectNode clean(ObjectNode body, String type, Snapshot snap) {
        ObjectNode o = body.deepCopy();
        o.remove("updated_at");
        removeNulls(o);
        return o;
    }

    private static void removeNulls(ObjectNode o) {
        for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isNull()) {
                it.remove();
            } else if (e.getValue().isObject()) {
                removeNulls((ObjectNode) e.getValue());
            }
        }
    }

    private static List<StoredEntity> sorted(List<StoredEntity> list, String field) {
        List<StoredEntity> out = new ArrayList<>(list);
        out.sort(Comparator.comparing((StoredEntity e) -> {
                    JsonNode v = e.body().get(field);
                    return v == null || v.isNull() ? "\uffff" : v.asText();
                })
                .thenComparing(StoredEntity::id));
        return out;
    }
}
