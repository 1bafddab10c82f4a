package dev.gatehouse.gateway.dao;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.gatehouse.gateway.entity.EntitySchemas;
import dev.gatehouse.gateway.entity.TargetsSchema;
import dev.gatehouse.gateway.error.ErrorCode;
import dev.gatehouse.gateway.error.Errors;
import dev.gatehouse.gateway.error.KongError;
import dev.gatehouse.gateway.error.KongException;
import dev.gatehouse.gateway.json.Json;
import dev.gatehouse.gateway.schema.AutoFields;
import dev.gatehouse.gateway.schema.Context;
import dev.gatehouse.gateway.schema.Field;
import dev.gatehouse.gateway.schema.FieldType;
import dev.gatehouse.gateway.schema.NamedField;
import dev.gatehouse.gateway.schema.Schema;
import dev.gatehouse.gateway.schema.SchemaValidator;
import dev.gatehouse.gateway.schema.Transformation;
import dev.gatehouse.gateway.store.EntityReader;
import dev.gatehouse.gateway.store.IndexKeys;
import dev.gatehouse.gateway.store.StoredEntity;
import dev.gatehouse.gateway.store.WriteTx;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Kong's DAO ({@code kong/db/dao/init.lua} with the constraints its Postgres strategy enforces): insert,
 * update, upsert, delete and select with auto fields, foreign-key resolution by name, validation, primary-key,
 * unique and foreign-key checks, restrict/cascade deletes, and TTLs. Failures throw {@link KongException}.
 */
public final class EntityDao {

    /** Kong's {@code DAO_MAX_TTL}. */
    public static final long MAX_TTL = 100000000L;

    private final EntitySchemas schemas;
    private final SchemaValidator validator;
    private final CertificateSnis certificateSnis;

    public EntityDao(EntitySchemas schemas) {
        this.schemas = schemas;
        this.validator = schemas.validator();
        this.certificateSnis = new CertificateSnis(this);
    }

    public EntitySchemas schemas() {
        return schemas;
    }

    // ---- reads -------------------------------------------------------------------------------------------------

    /** Kong's {@code select} / {@code select_by_<endpoint_key>}; null when absent. */
    public StoredEntity select(EntityReader r, Schema schema, EntityKey key) {
        if (key.byId()) {
            return r.get(schema.name(), key.id());
        }
        String ek = schema.endpointKey();
        if (ek == null) {
            return null;
        }
        TextNode value = TextNode.valueOf(key.endpointValue());
        checkUniqueValue(schema, ek, value);
        return r.findUnique(schema.name(), ek, value);
    }

    /** Kong's {@code validate_unique_row_method}: a malformed endpoint key is a 400, not a 404. */
    private void checkUniqueValue(Schema schema, String field, JsonNode value) {
        JsonNode err = validator.validateField(schema.field(field), value);
        if (err != null) {
            throw new KongException(Errors.invalidUnique(field, err.isTextual() ? err.textValue() : err.toString()));
        }
    }

    /**
     * The entity as the Admin API returns it: every field (nulls included), plus the remaining {@code ttl}, and a
     * certificate's {@code snis} read from {@code r} (Kong's {@code select_with_name_list}).
     */
    public ObjectNode render(EntityReader r, Schema schema, StoredEntity e, long now) {
        ObjectNode out = render(schema, e, now);
        if (CertificateSnis.applies(schema)) {
            out.set("snis", CertificateSnis.list(r, e.id()));
        }
        return out;
    }

    /** The entity as the Admin API returns it: every field (nulls included), plus the remaining {@code ttl}. */
    public ObjectNode render(Schema schema, StoredEntity e, long now) {
        ObjectNode out = e.body().deepCopy();
        if (schema.ttl()) {
            if (e.expiresAt() != null) {
                out.put("ttl", Math.max(0, e.expiresAt() - now));
            } else {
                out.putNull("ttl");
            }
        }
        return out;
    }

    // ---- writes ------------------------------------------------------------------------------------------------

    /** Kong's {@code insert}. */
    public StoredEntity insert(WriteTx tx, Schema schema, ObjectNode input, Long ttl) {
        checkTtl(schema, ttl);
        List<String> names = CertificateSnis.applies(schema) ? CertificateSnis.names(input.get("snis")) : null;
        if (names != null) {
            certificateSnis.checkNew(tx, names, null);
        }
        checkPluginProtocols(tx, schema, input);
        formatTarget(schema, input);
        ObjectNode entity = processed(schema, input, Context.INSERT);
        resolveForeign(tx, schema, entity);
        ObjectNode errors = validator.validate(schema, entity, true);
        if (errors != null) {
            throw new KongException(Errors.schemaViolation(errors));
        }
        entity = Transformation.applyAll(schema, input, entity);
        String id = entity.path("id").asText();
        if (tx.get(schema.name(), id) != null) {
            throw new KongException(Errors.primaryKeyViolation(schema.primaryKeyOf(entity)));
        }
        checkConstraints(tx, schema, entity, id);
        StoredEntity stored = new StoredEntity(schema.name(), id, ordered(schema, entity), expiry(tx, ttl));
        tx.put(stored);
        if (names != null) {
            certificateSnis.replace(tx, id, names);
        }
        return stored;
    }

    /** The entity's fields in schema order (Kong's responses list fields in no fixed order; this is stable). */
    public static ObjectNode ordered(Schema schema, ObjectNode entity) {
        ObjectNode out = Json.object();
        for (NamedField nf : schema.fieldList()) {
            if (entity.has(nf.name()) && !nf.field().isTransient()) {
                out.set(nf.name(), entity.get(nf.name()));
            }
        }
        entity.fields().forEachRemaining(e -> {
            if (!out.has(e.getKey()) && schema.field(e.getKey()) == null) {
                out.set(e.getKey(), e.getValue());
            }
        });
        return out;
    }

    /** Kong's {@code update} / {@code update_by_<endpoint_key>}: a partial update merged into the stored entity. */
    public StoredEntity update(WriteTx tx, Schema schema, EntityKey key, ObjectNode input, Long ttl) {
        checkTtl(schema, ttl);
        StoredEntity existing = selectForWrite(tx, schema, key);
        if (schema.name().equals("plugins")) {
            checkPluginProtocolsOnUpdate(tx, schema, input, existing);
        }
        formatTarget(schema, input);
        List<String> names = CertificateSnis.applies(schema) ? CertificateSnis.names(input.get("snis")) : null;
        if (names != null && existing != null) {
            certificateSnis.checkNew(tx, names, existing.id());
        }
        ObjectNode changes = processed(schema, input, Context.UPDATE);
        if (existing == null) {
            throw new KongException(notFound(schema, key));
        }
        ObjectNode entity = AutoFields.merge(schema, changes, existing.body());
        resolveForeign(tx, schema, entity);
        ObjectNode errors = validator.validateUpdate(schema, entity);
        if (errors != null) {
            throw new KongException(Errors.schemaViolation(errors));
        }
        entity = complete(schema, entity, existing.body());
        entity = Transformation.applyAll(schema, input, entity);
        entity.put("id", existing.id());
        checkConstraints(tx, schema, entity, existing.id());
        Long expiresAt = ttl != null ? expiry(tx, ttl) : existing.expiresAt();
        StoredEntity stored = new StoredEntity(schema.name(), existing.id(), ordered(schema, entity), expiresAt);
        tx.put(stored);
        if (names != null) {
            certificateSnis.replace(tx, existing.id(), names);
        }
        return stored;
    }

    /** Kong's {@code upsert} / {@code upsert_by_<endpoint_key>}: a full replacement, created when absent. */
    public StoredEntity upsert(WriteTx tx, Schema schema, EntityKey key, ObjectNode input, Long ttl) {
        checkTtl(schema, ttl);
        checkPluginProtocols(tx, schema, input);
        StoredEntity existing = selectForWrite(tx, schema, key);
        List<String> names = CertificateSnis.applies(schema) ? CertificateSnis.names(input.get("snis")) : null;
        if (names != null) {
            certificateSnis.checkNew(tx, names, existing != null ? existing.id() : key.id());
        }
        formatTarget(schema, input);
        ObjectNode entity = processed(schema, input, Context.UPSERT);
        if (!key.byId()) {
            entity.put(schema.endpointKey(), key.endpointValue());
        }
        resolveForeign(tx, schema, entity);
        ObjectNode errors = validator.validate(schema, entity, true);
        if (errors != null) {
            throw new KongException(Errors.schemaViolation(errors));
        }
        String id = existing != null
                ? existing.id()
                : key.byId() ? key.id() : entity.path("id").asText();
        if (existing == null && !key.byId() && tx.get(schema.name(), id) != null) {
            // a body id that belongs to another entity: Kong's INSERT ... ON CONFLICT (name) fails on the primary key
            throw new KongException(Errors.primaryKeyViolation(schema.primaryKeyOf(entity)));
        }
        entity.put("id", id);
        entity = Transformation.applyAll(schema, input, entity);
        if (existing != null && existing.body().has("created_at")) {
            entity.set("created_at", existing.body().get("created_at")); // a replacement keeps its creation time
        }
        checkConstraints(tx, schema, entity, id);
        StoredEntity stored = new StoredEntity(schema.name(), id, ordered(schema, entity), expiry(tx, ttl));
        tx.put(stored);
        if (names != null) {
            certificateSnis.replace(tx, id, names);
        }
        return stored;
    }

    /** Kong's {@code delete}: true when something was deleted; restrict and cascade like Kong's constraints. */
    public boolean delete(WriteTx tx, Schema schema, EntityKey key) {
        StoredEntity existing = selectForWrite(tx, schema, key);
        if (existing == null) {
            return false;
        }
        deleteWithConstraints(tx, schema, existing);
        return true;
    }

    /** Deletes an entity after checking restricting references, cascading to its dependants. */
    public void deleteWithConstraints(WriteTx tx, Schema schema, StoredEntity existing) {
        if (schema.name().equals("ca_certificates")) {
            checkCaReference(tx, existing.id());
        }
        if (CertificateSnis.applies(schema)) {
            CertificateSnis.deleteAll(tx, existing.id());
        }
        for (EntitySchemas.Reference ref : schemas.referencesTo(schema.name())) {
            if (!ref.cascades()
                    && !tx.children(ref.child().name(), ref.field(), existing.id())
                            .isEmpty()) {
                throw new KongException(Errors.foreignKeyViolationRestricted(
                        schema.name(), ref.child().name()));
            }
        }
        tx.delete(schema.name(), existing.id());
        for (EntitySchemas.Reference ref : schemas.referencesTo(schema.name())) {
            if (ref.cascades()) {
                for (StoredEntity child : tx.children(ref.child().name(), ref.field(), existing.id())) {
                    deleteWithConstraints(tx, ref.child(), child);
                }
            }
        }
    }

    private StoredEntity selectForWrite(WriteTx tx, Schema schema, EntityKey key) {
        return select(tx, schema, key);
    }

    private KongError notFound(Schema schema, EntityKey key) {
        ObjectNode filter = Json.object();
        if (key.byId()) {
            filter.put("id", key.id());
            return Errors.notFound(filter);
        }
        filter.put(schema.endpointKey(), key.endpointValue());
        return Errors.notFoundByField(filter);
    }

    private ObjectNode processed(Schema schema, ObjectNode input, Context ctx) {
        AutoFields.Result r = AutoFields.process(validator, schema, input, ctx);
        if (r.errors() != null) {
            throw new KongException(Errors.schemaViolation(r.errors()));
        }
        return r.entity();
    }

    /** After a partial update, fill fields the subschema may have introduced (e.g. a changed plugin name). */
    private ObjectNode complete(Schema schema, ObjectNode merged, ObjectNode previous) {
        ObjectNode out = merged;
        for (NamedField nf : schema.fieldList()) {
            if (!out.has(nf.name())) {
                JsonNode prev = previous.get(nf.name());
                out.set(nf.name(), prev == null ? Json.nullNode() : prev);
            }
        }
        Field updatedAt = schema.field("updated_at"); // credentials have none (key-auth, acl daos.lua)
        if (updatedAt != null) {
            out.set(
                    "updated_at",
                    updatedAt.type() == FieldType.NUMBER
                            ? DoubleNode.valueOf(System.currentTimeMillis() / 1000.0)
                            : LongNode.valueOf(AutoFields.nowSeconds()));
        }
        return out;
    }

    private void checkTtl(Schema schema, Long ttl) {
        if (ttl == null) {
            return;
        }
        if (!schema.ttl()) {
            throw new KongException(Errors.invalidOption("ttl", "cannot be used with '" + schema.name() + "'"));
        }
        if (ttl < 0 || ttl > MAX_TTL) {
            throw new KongException(Errors.invalidOption("ttl", "must be an integer between 0 and " + MAX_TTL));
        }
    }

    private static Long expiry(WriteTx tx, Long ttl) {
        return ttl == null || ttl == 0 ? null : tx.nowSeconds() + ttl;
    }

    /**
     * Kong's {@code resolve_foreign}: a foreign value without a valid primary key is looked up by the parent's
     * unique fields (e.g. {@code service: {name: "x"}}); unresolved names are a code-13 error.
     */
    void resolveForeign(WriteTx tx, Schema schema, ObjectNode entity) {
        List<Errors.Unresolved> unresolved = new ArrayList<>();
        for (NamedField nf : schema.foreignFields()) {
            JsonNode value = entity.get(nf.name());
            if (Json.isNull(value) || (value.isBoolean() && !value.booleanValue())) {
                continue;
            }
            Schema parent = schemas.get(nf.field().reference());
            if (parent == null || validator.validatePrimaryKey(parent, value) == null || !value.isObject()) {
                continue;
            }
            List<Errors.Unresolved> errs = new ArrayList<>();
            boolean resolved = false;
            for (NamedField pf : parent.fieldList()) {
                boolean candidate = pf.field().unique() || pf.name().equals(parent.endpointKey());
                JsonNode uv = value.get(pf.name());
                if (!candidate || Json.isNull(uv) || validator.validateField(pf.field(), uv) != null) {
                    continue;
                }
                StoredEntity found = tx.findUnique(parent.name(), pf.name(), uv);
                if (found != null) {
                    ObjectNode pk = Json.object();
                    pk.put("id", found.id());
                    entity.set(nf.name(), pk);
                    resolved = true;
                    break;
                }
                errs.add(new Errors.Unresolved(nf.name(), pf.name(), uv, parent.name()));
            }
            if (!resolved) {
                unresolved.addAll(errs);
            }
        }
        if (!unresolved.isEmpty()) {
            throw new KongException(Errors.foreignKeysUnresolved(unresolved));
        }
    }

    /** The constraints the database enforces in Kong: unique fields, the plugin cache key, foreign keys. */
    private void checkConstraints(WriteTx tx, Schema schema, ObjectNode entity, String id) {
        IndexKeys keys = tx.indexKeys(schema.name());
        for (String index : keys.names()) {
            String k = keys.key(index, entity);
            if (k == null) {
                continue;
            }
            JsonNode probe = index.equals(IndexKeys.CACHE_KEY) ? Json.parse(k) : entity.get(index);
            StoredEntity other = tx.findUnique(schema.name(), index, probe);
            if (other != null && !other.id().equals(id)) {
                throw new KongException(Errors.uniqueViolation(keys.describe(index, entity)));
            }
        }
        for (NamedField nf : schema.foreignFields()) {
            JsonNode fk = entity.get(nf.name());
            if (fk == null || !fk.isObject()) {
                continue;
            }
            String parentId = fk.path("id").asText(null);
            if (tx.get(nf.field().reference(), parentId) == null) {
                ObjectNode pk = Json.object();
                pk.put("id", parentId);
                throw new KongException(Errors.foreignKeyViolationInvalidReference(
                        pk, nf.name(), nf.field().reference()));
            }
        }
    }

    // ---- ca_certificates: Kong's kong/db/dao/ca_certificates.lua ------------------------------------------------

    /** A CA certificate a service still trusts cannot go ({@code check_ca_reference}). */
    private static void checkCaReference(WriteTx tx, String caId) {
        for (StoredEntity s : tx.all("services")) {
            JsonNode cas = s.body().get("ca_certificates");
            if (cas != null && cas.isArray()) {
                for (JsonNode id : cas) {
                    if (caId.equals(id.asText())) {
                        throw new KongException(new KongError(
                                ErrorCode.REFERENCED_BY_OTHERS,
                                "ca certificate " + caId + " is still referenced by services (id = " + s.id() + ")",
                                null));
                    }
                }
            }
        }
    }

    // ---- targets: Kong's kong/db/dao/targets.lua ----------------------------------------------------------------

    /** Kong's targets DAO formats {@code target} as {@code host:port} (default port 8000) before validating. */
    private static void formatTarget(Schema schema, ObjectNode input) {
        if (!schema.name().equals("targets") || !(input.get("target") instanceof TextNode t)) {
            return;
        }
        String formatted = TargetsSchema.format(t.textValue());
        if (formatted == null) {
            throw new KongException(Errors.schemaViolation("target", TargetsSchema.INVALID_TARGET));
        }
        input.put("target", formatted);
    }

    // ---- plugins: Kong's kong/db/dao/plugins.lua ----------------------------------------------------------------

    private void checkPluginProtocols(WriteTx tx, Schema schema, ObjectNode plugin) {
        if (!schema.name().equals("plugins")) {
            return;
        }
        JsonNode protocols = plugin.get("protocols");
        if (protocols == null || !protocols.isArray()) {
            return;
        }
        JsonNode route = plugin.get("route");
        JsonNode service = plugin.get("service");
        if (route != null && route.isObject()) {
            StoredEntity r = tx.get("routes", route.path("id").asText(null));
            if (r != null && !commonProtocol(protocols, r.body().get("protocols"))) {
                throw new KongException(
                        Errors.schemaViolation("protocols", "must match the associated route's protocols"));
            }
        } else if (service != null && service.isObject()) {
            String sid = service.path("id").asText(null);
            List<StoredEntity> routes = sid == null ? List.of() : tx.children("routes", "service", sid);
            boolean ok = routes.isEmpty();
            for (StoredEntity r : routes) {
                ok |= commonProtocol(protocols, r.body().get("protocols"));
            }
            if (!ok) {
                throw new KongException(Errors.schemaViolation(
                        "protocols",
                        "must match the protocols of at least one route pointing to this Plugin's service"));
            }
        }
    }

    private void checkPluginProtocolsOnUpdate(WriteTx tx, Schema schema, ObjectNode input, StoredEntity existing) {
        boolean relevant = input.has("protocols") || input.has("service") || input.has("route");
        if (!relevant) {
            return;
        }
        ObjectNode probe = input.deepCopy();
        if (existing != null) {
            for (String f : List.of("protocols", "service", "route")) {
                if (!probe.has(f) || probe.get(f).isNull()) {
                    probe.set(f, existing.body().get(f));
                }
            }
        }
        checkPluginProtocols(tx, schema, probe);
    }

    private static boolean commonProtocol(JsonNode pluginProtocols, JsonNode routeProtocols) {
        if (routeProtocols == null || !routeProtocols.isArray()) {
            return false;
        }
        Set<String> rp = new HashSet<>();
        routeProtocols.forEach(p -> rp.add(p.asText()));
        for (JsonNode p : pluginProtocols) {
            if (rp.contains(p.asText())) {
                return true;
            }
        }
        return false;
    }
}
