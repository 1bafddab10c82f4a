package dev.gatehouse.gateway.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.gateway.dao.EntityDao;
import dev.gatehouse.gateway.dao.EntityKey;
import dev.gatehouse.gateway.entity.EntitySchemas;
import dev.gatehouse.gateway.error.Errors;
import dev.gatehouse.gateway.error.KongException;
import dev.gatehouse.gateway.json.Json;
import dev.gatehouse.gateway.schema.NamedField;
import dev.gatehouse.gateway.schema.Schema;
import dev.gatehouse.gateway.store.EntityReader;
import dev.gatehouse.gateway.store.IndexKeys;
import dev.gatehouse.gateway.store.Snapshot;
import dev.gatehouse.gateway.store.Store;
import dev.gatehouse.gateway.store.StoredEntity;
import dev.gatehouse.gateway.store.WriteTx;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * The endpoints Kong generates from each schema ({@code kong/api/endpoints.lua}): collections, entities by id
 * or endpoint key, nested collections and entities under each foreign key, and the foreign-entity endpoints
 * such as {@code /routes/{r}/service}. Status codes and error bodies follow Kong's handlers.
 */
final class EntityEndpoints {

    private final Store store;
    private final EntityDao dao;
    private final EntitySchemas schemas;

    EntityEndpoints(Store store, EntityDao dao) {
        this.store = store;
        this.dao = dao;
        this.schemas = dao.schemas();
    }

    void register(Router router) {
        for (Schema s : schemas.all()) {
            String collection = "/" + s.adminApiName();
            String entity = collection + "/:" + s.name();
            if (!s.nestedOnly()) {
                router.addDefault(collection, "GET", c -> getCollection(c, s, null, null));
                router.addDefault(collection, "POST", c -> postCollection(c, s, null, null));
                router.addDefault(entity, "GET", c -> getEntity(c, s));
                router.addDefault(entity, "PUT", c -> putEntity(c, s));
                router.addDefault(entity, "PATCH", c -> patchEntity(c, s));
                router.addDefault(entity, "DELETE", c -> deleteEntity(c, s));
            }
            for (NamedField fk : s.foreignFields()) {
                Schema parent = schemas.get(fk.field().reference());
                if (parent == null) {
                    continue; // a reference to an entity this gateway does not have
                }
                String field = fk.name();
                if (s.nestedOnly()) {
                    registerScoped(router, s, parent, field);
                    continue;
                }
                String foreignEntity = entity + "/" + field;
                router.addDefault(foreignEntity, "GET", c -> getForeign(c, s, parent, field));
                router.addDefault(foreignEntity, "PUT", c -> putForeign(c, s, parent, field));
                router.addDefault(foreignEntity, "PATCH", c -> patchForeign(c, s, parent, field));
                router.addDefault(foreignEntity, "DELETE", c -> deleteForeign(c, s, parent, field));
                String nested = "/" + parent.adminApiName() + "/:" + parent.name() + "/" + s.adminApiNestedName();
                router.addDefault(nested, "GET", c -> getCollection(c, s, parent, field));
                router.addDefault(nested, "POST", c -> postCollection(c, s, parent, field));
                String nestedEntity = nested + "/:" + s.name();
                router.addDefault(nestedEntity, "GET", c -> getNested(c, parent, s, field));
                router.addDefault(nestedEntity, "PUT", c -> putNested(c, parent, s, field));
                router.addDefault(nestedEntity, "PATCH", c -> patchNested(c, parent, s, field));
                router.addDefault(nestedEntity, "DELETE", c -> deleteNested(c, parent, s, field));
            }
        }
        new CertificateParams(store, dao).register(router);
    }

    /**
     * A child whose endpoint key is unique only within its parent (Kong's targets, {@code cache_key = {upstream,
     * target}}): no top-level endpoints, found by id or by its key under the parent, and PUT updates like PATCH
     * ({@code kong/api/routes/upstreams.lua}).
     */
    private void registerScoped(Router router, Schema s, Schema parent, String field) {
        String nested = "/" + parent.adminApiName() + "/:" + parent.name() + "/" + s.adminApiNestedName();
        router.addDefault(nested, "GET", c -> getCollection(c, s, parent, field));
        router.addDefault(nested, "POST", c -> postCollection(c, s, parent, field));
        String nestedEntity = nested + "/:" + s.name();
        router.addDefault(nestedEntity, "GET", c -> getNested(c, parent, s, field));
        router.addDefault(nestedEntity, "PUT", c -> patchNested(c, parent, s, field));
        router.addDefault(nestedEntity, "PATCH", c -> patchNested(c, parent, s, field));
        router.addDefault(nestedEntity, "DELETE", c -> deleteNested(c, parent, s, field));
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private StoredEntity select(EntityReader r, Schema s, String raw) {
        return dao.select(r, s, EntityKey.parse(raw));
    }

    private AdminResponse ok(int status, Schema s, StoredEntity e) {
        Snapshot snap = store.snapshot();
        return AdminResponse.of(status, dao.render(snap, s, e, snap.nowSeconds()));
    }

    /**
     * Runs a write and renders its answer in the same transaction, so a failure anywhere before the answer
     * exists (validation, constraints, rendering) leaves nothing stored.
     */
    private AdminResponse written(int status, Schema s, Function<WriteTx, StoredEntity> work) {
        return store.write(tx -> AdminResponse.of(status, dao.render(tx, s, work.apply(tx), tx.nowSeconds())));
    }

    private static ObjectNode pk(String id) {
        ObjectNode o = Json.object();
        o.put("id", id);
        return o;
    }

    private static boolean belongs(StoredEntity child, String field, StoredEntity parent) {
        JsonNode fk = child.body().get(field);
        return fk != null && fk.isObject() && parent.id().equals(fk.path("id").asText(null));
    }

    /** Kong's extract_options for writes: a {@code ttl} argument becomes an option on TTL entities. */
    static Long extractTtl(Schema s, ObjectNode post) {
        if (!s.ttl() || !post.has("ttl")) {
            return null;
        }
        JsonNode ttl = post.remove("ttl");
        if (ttl.isNull()) {
            return null;
        }
        // 1e999 is a whole number as a double, and not a long: Kong's DAO refuses it as out of range
        if (!ttl.isNumber() || ttl.doubleValue() != Math.floor(ttl.doubleValue()) || !ttl.canConvertToLong()) {
            throw new KongException(
                    Errors.invalidOption("ttl", "must be an integer between 0 and " + EntityDao.MAX_TTL));
        }
        return ttl.longValue();
    }

    /** Body arguments for a schema; a plugin PATCH first learns the plugin's name (Kong's patch_plugin). */
    private ObjectNode postFor(Call c, Schema s, String pluginParam) {
        ObjectNode post = c.postArgs.deepCopy();
        if (pluginParam != null && s.name().equals("plugins") && !post.has("name")) {
            StoredEntity plugin = select(store.snapshot(), s, c.param(pluginParam));
            if (plugin == null) {
                throw new NotFound();
            }
            post.set("name", plugin.body().get("name"));
        }
        return c.jsonBody ? post : ArgDecoder.infer(post, s, schemas::get);
    }

    /** Signals Kong's {@code not_found()} (a plain {"message":"Not found"}). */
    static final class NotFound extends RuntimeException {
        NotFound() {
            super(null, null, false, false);
        }
    }

    // ---- collections ----------------------------------------------------------------------------------------

    AdminResponse getCollection(Call c, Schema s, Schema parent, String field) {
        Snapshot snap = store.snapshot();
        ObjectNode uri = c.uri(s);
        List<StoredEntity> rows;
        String nextBase;
        String nextSuffix = "";
        if (parent == null) {
            rows = snap.list(s.name());
            nextBase = "/" + s.adminApiName();
            JsonNode tags = c.uriArg("tags");
            if (tags != null) {
                nextSuffix += "&tags=" + PercentDecoding.escapeUri(TagFilter.raw(tags));
            }
            JsonNode size = c.uriArg("size");
            if (size != null) {
                nextSuffix += "&size=" + (size.isArray() ? size.get(0).asText() : size.asText());
            }
        } else {
            StoredEntity p = select(snap, parent, c.param(parent.name()));
            if (p == null) {
                return AdminResponse.notFound();
            }
            rows = snap.children(s.name(), field, p.id());
            nextBase = "/" + parent.adminApiName() + "/" + c.param(parent.name()) + "/" + s.adminApiNestedName();
        }
        int size = Pagination.size(uri.get("size"));
        String after = Pagination.afterId(uri.get("offset"));
        TagFilter tags = s.field("tags") != null ? TagFilter.parse(uri.get("tags")) : null;
        Pagination.Page<StoredEntity> page = Pagination.page(
                rows,
                StoredEntity::id,
                size,
                after,
                e -> tags == null || tags.matches(e.body().get("tags")));
        return AdminResponse.of(200, pageBody(snap, s, page, nextBase, nextSuffix));
    }

    ObjectNode pageBody(
            Snapshot snap, Schema s, Pagination.Page<StoredEntity> page, String nextBase, String nextSuffix) {
        ObjectNode body = Json.object();
        ArrayNode data = body.putArray("data");
        for (StoredEntity e : page.items()) {
            data.add(dao.render(snap, s, e, snap.nowSeconds()));
        }
        if (page.offset() != null) {
            body.put("offset", page.offset());
            body.put("next", nextBase + "?offset=" + PercentDecoding.escapeUri(page.offset()) + nextSuffix);
        } else {
            body.putNull("next");
        }
        return body;
    }

    AdminResponse postCollection(Call c, Schema s, Schema parent, String field) {
        ObjectNode post = postFor(c, s, null);
        Long ttl = extractTtl(s, post);
        return written(201, s, tx -> {
            if (parent != null) {
                StoredEntity p = select(tx, parent, c.param(parent.name()));
                if (p == null) {
                    throw new NotFound();
                }
                post.set(field, pk(p.id()));
            }
            return dao.insert(tx, s, post, ttl);
        });
    }

    // ---- entities -------------------------------------------------------------------------------------------

    AdminResponse getEntity(Call c, Schema s) {
        StoredEntity e = select(store.snapshot(), s, c.param(s.name()));
        return e == null ? AdminResponse.notFound() : ok(200, s, e);
    }

    AdminResponse putEntity(Call c, Schema s) {
        ObjectNode post = postFor(c, s, null);
        Long ttl = extractTtl(s, post);
        return written(200, s, tx -> dao.upsert(tx, s, EntityKey.parse(c.param(s.name())), post, ttl));
    }

    AdminResponse patchEntity(Call c, Schema s) {
        ObjectNode post = postFor(c, s, s.name());
        Long ttl = extractTtl(s, post);
        return written(200, s, tx -> dao.update(tx, s, EntityKey.parse(c.param(s.name())), post, ttl));
    }

    AdminResponse deleteEntity(Call c, Schema s) {
        store.write(tx -> dao.delete(tx, s, EntityKey.parse(c.param(s.name()))));
        return AdminResponse.empty(204);
    }

    // ---- nested entities: /services/{s}/routes/{r} ------------------------------------------------------------

    /** The entity named by the path parameter of its schema, or Kong's plain 404. */
    private StoredEntity required(EntityReader r, Call c, Schema s) {
        StoredEntity e = select(r, s, c.param(s.name()));
        if (e == null) {
            throw new NotFound();
        }
        return e;
    }

    /** The child named in the path, which must belong to {@code parent} (else 404). */
    private StoredEntity childOf(EntityReader r, Call c, Schema child, String field, StoredEntity parent) {
        StoredEntity e = child.nestedOnly() ? scopedChild(r, c, child, field, parent) : required(r, c, child);
        if (!belongs(e, field, parent)) {
            throw new NotFound();
        }
        return e;
    }

    /** A scoped child by id, or by its endpoint key within the parent (the composite cache-key index). */
    private StoredEntity scopedChild(EntityReader r, Call c, Schema child, String field, StoredEntity parent) {
        EntityKey key = EntityKey.parse(c.param(child.name()));
        StoredEntity e;
        if (key.byId()) {
            e = r.get(child.name(), key.id());
        } else {
            ArrayNode probe = Json.array();
            for (String f : child.cacheKey()) {
                probe.add(f.equals(field) ? parent.id() : key.endpointValue());
            }
            e = r.findUnique(child.name(), IndexKeys.CACHE_KEY, probe);
        }
        if (e == null) {
            throw new NotFound();
        }
        return e;
    }

    /** The id the entity's foreign field points at (else 404). */
    private static String foreignId(StoredEntity e, String field) {
        String pid = e.body().path(field).path("id").asText(null);
        if (pid == null) {
            throw new NotFound();
        }
        return pid;
    }

    AdminResponse getNested(Call c, Schema parent, Schema child, String field) {
        EntityReader r = store.snapshot();
        StoredEntity p = required(r, c, parent);
        return ok(200, child, childOf(r, c, child, field, p));
    }

    AdminResponse putNested(Call c, Schema parent, Schema child, String field) {
        ObjectNode post = postFor(c, child, null);
        Long ttl = extractTtl(child, post);
        return written(200, child, tx -> {
            StoredEntity p = required(tx, c, parent);
            post.set(field, pk(p.id()));
            return dao.upsert(tx, child, EntityKey.parse(c.param(child.name())), post, ttl);
        });
    }

    AdminResponse patchNested(Call c, Schema parent, Schema child, String field) {
        ObjectNode post = postFor(c, child, child.name());
        Long ttl = extractTtl(child, post);
        return written(200, child, tx -> {
            EntityReader r = tx;
            StoredEntity p = required(r, c, parent);
            if (!post.has(field)) {
                post.set(field, pk(p.id()));
            }
            StoredEntity existing = childOf(r, c, child, field, p);
            return dao.update(tx, child, EntityKey.ofId(existing.id()), post, ttl);
        });
    }

    AdminResponse deleteNested(Call c, Schema parent, Schema child, String field) {
        store.write(tx -> {
            EntityReader r = tx;
            StoredEntity p = required(r, c, parent);
            dao.deleteWithConstraints(tx, child, childOf(r, c, child, field, p));
            return null;
        });
        return AdminResponse.empty(204);
    }

    // ---- foreign entity: /routes/{r}/service --------------------------------------------------------------------

    AdminResponse getForeign(Call c, Schema s, Schema parent, String field) {
        EntityReader r = store.snapshot();
        StoredEntity p = r.get(parent.name(), foreignId(required(r, c, s), field));
        return p == null ? AdminResponse.notFound() : ok(200, parent, p);
    }

    AdminResponse putForeign(Call c, Schema s, Schema parent, String field) {
        ObjectNode post = postFor(c, parent, null);
        Long ttl = extractTtl(parent, post);
        return written(200, parent, tx -> {
            StoredEntity e = required(tx, c, s);
            String pid = e.body().path(field).path("id").asText(null);
            boolean associate = pid == null;
            String id = associate ? UUID.randomUUID().toString() : pid;
            StoredEntity saved = dao.upsert(tx, parent, EntityKey.ofId(id), post, ttl);
            if (associate) {
                ObjectNode link = Json.object();
                link.set(field, pk(saved.id()));
                dao.update(tx, s, EntityKey.ofId(e.id()), link, null);
            }
            return saved;
        });
    }

    AdminResponse patchForeign(Call c, Schema s, Schema parent, String field) {
        ObjectNode post = postFor(c, parent, null);
        Long ttl = extractTtl(parent, post);
        return written(
                200,
                parent,
                tx -> dao.update(tx, parent, EntityKey.ofId(foreignId(required(tx, c, s), field)), post, ttl));
    }

    AdminResponse deleteForeign(Call c, Schema s, Schema parent, String field) {
        foreignId(required(store.snapshot(), c, s), field);
        return AdminResponse.methodNotAllowed();
    }
}
