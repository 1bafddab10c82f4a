package dev.gatehouse.gateway.declarative;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.gatehouse.gateway.entity.EntitySchemas;
import dev.gatehouse.gateway.entity.TargetsSchema;
import dev.gatehouse.gateway.error.Errors;
import dev.gatehouse.gateway.error.KongError;
import dev.gatehouse.gateway.error.KongException;
import dev.gatehouse.gateway.json.Json;
import dev.gatehouse.gateway.json.LuaPretty;
import dev.gatehouse.gateway.json.Utf8Text;
import dev.gatehouse.gateway.schema.AutoFields;
import dev.gatehouse.gateway.schema.Context;
import dev.gatehouse.gateway.schema.Field;
import dev.gatehouse.gateway.schema.NamedField;
import dev.gatehouse.gateway.schema.Schema;
import dev.gatehouse.gateway.schema.SchemaValidator;
import dev.gatehouse.gateway.schema.Transformation;
import dev.gatehouse.gateway.store.IndexKeys;
import dev.gatehouse.gateway.store.StoredEntity;
import dev.gatehouse.gateway.store.WriteTx;
import dev.gatehouse.gateway.uuid.KongUuid;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a declarative configuration in Kong's format (decK files: {@code _format_version}, nested
 * {@code services[].routes[]}, {@code consumers[].keyauth_credentials[]}, top-level references by name or id),
 * validates every entity with its schema, resolves references and uniqueness, and replaces the whole store
 * content in one transaction (Kong's {@code kong/db/schema/others/declarative_config.lua} semantics).
 */
public final class DeclarativeLoader {

    private static final Set<String> META = Set.of("_format_version", "_transform", "_comment", "_ignore");
    /** decK bookkeeping keys that Kong's own loader rejects but that decK files commonly carry; ignored here. */
    private static final Set<String> DECK_META = Set.of("_info", "_workspace");

    private static final String PLACEHOLDER_ID = "00000000-0000-4000-8000-000000000000";

    private final EntitySchemas schemas;
    private final SchemaValidator validator;
    private final Clock clock;

    /** @param clock what a {@code ttl} in the file counts from: the store's clock */
    public DeclarativeLoader(EntitySchemas schemas, Clock clock) {
        this.schemas = schemas;
        this.validator = schemas.validator();
        this.clock = clock;
    }

    /** A validated configuration, ready to replace the store's content. */
    public record Parsed(Map<String, List<StoredEntity>> entities, String formatVersion) {
        public int size() {
            return entities.values().stream().mapToInt(List::size).sum();
        }
    }

    /** Kong's {@code unserialize}: JSON first, then YAML; the result must be an object. */
    public static ObjectNode read(byte[] content) {
        String text = Utf8Text.decode(content);
        try {
            JsonNode n = Json.MAPPER.readTree(text);
            if (n != null && n.isObject()) {
                return (ObjectNode) n;
            }
        } catch (IOException ignored) {
            // not JSON: try YAML
        }
        try {
            JsonNode n = YamlTree.read(text);
            if (n != null && n.isObject()) {
                return (ObjectNode) n;
            }
            throw parseError("expected an object");
        } catch (IOException e) {
            String msg = e.getMessage() == null ? "" : e.getMessage().split("\n")[0];
            throw parseError(msg);
        }
    }

    private static KongException parseError(String detail) {
        ObjectNode err = Json.object();
        err.put("error", "failed parsing declarative configuration" + (detail.isEmpty() ? "" : ": " + detail));
        return new KongException(Errors.declarativeConfig(err));
    }

    // ---- parse and validate --------------------------------------------------------------------------------

    /** One entity found in the file, with where its errors go. */
    private static final class Item {
        final Schema schema;
        final ObjectNode entity;
        final ObjectNode original;
        final List<Object> errorPath;
        final Map<String, JsonNode> refs = new LinkedHashMap<>();
        Long ttl;

        Item(Schema schema, ObjectNode entity, ObjectNode original, List<Object> errorPath) {
            this.schema = schema;
            this.entity = entity;
            this.original = original;
            this.errorPath = errorPath;
        }
    }

    /** Validates a configuration; throws a Kong declarative error (code 14) when anything is wrong. */
    public Parsed parse(ObjectNode input, boolean flattenErrors) {
        ObjectNode config = input.deepCopy();
        ObjectNode errs = Json.object();
        JsonNode version = config.get("_format_version");
        if (version == null || version.isNull()) {
            errs.put("_format_version", "required field missing");
        } else if (!version.isTextual()) {
            errs.put("_format_version", "expected a string");
        } else if (!List.of("1.1", "2.1", "3.0").contains(version.textValue())) {
            errs.put("_format_version", "expected one of: 1.1, 2.1, 3.0");
        }
        JsonNode transform = config.get("_transform");
        if (transform != null && !transform.isNull() && !transform.isBoolean()) {
            errs.put("_transform", "expected a boolean");
        }
        for (Iterator<String> it = config.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!META.contains(k) && !DECK_META.contains(k) && schemas.get(k) == null) {
                errs.put(k, "unknown field");
            }
        }
        FormatMigration.migrate(config);

        List<Item> items = new ArrayList<>();
        List<ObjectNode> flattened = new ArrayList<>();
        for (Schema s : schemas.all()) {
            JsonNode arr = config.get(s.name());
            if (arr != null && !arr.isNull()) {
                walk(s, arr, null, null, errs, s.name(), List.of(), items, flattened);
            }
        }
        if (!errs.isEmpty()) {
            throw new KongException(declarativeError(errs, flattened, flattenErrors));
        }

        ObjectNode refErrs = Json.object();
        Map<String, Map<String, Item>> byId = new HashMap<>();
        Map<String, Map<String, Item>> byKey = new HashMap<>();
        for (Item it : items) {
            Schema s = it.schema;
            String id = it.entity.path("id").asText();
            String ek = s.endpointKey();
            JsonNode keyValue = ek == null ? null : it.entity.get(ek);
            boolean keyUnique = ek != null && s.field(ek).unique();
            boolean failed = false;
            if (keyUnique && keyValue != null && !keyValue.isNull()) {
                if (byKey.computeIfAbsent(s.name(), k -> new HashMap<>()).putIfAbsent(keyValue.asText(), it) != null) {
                    addAt(errs, it.errorPath, TextNode.valueOf(uniqueness(s.name(), ek, keyValue.asText())));
                    failed = true;
                }
            }
            if (byId.computeIfAbsent(s.name(), k -> new HashMap<>()).putIfAbsent(id, it) != null && !failed) {
                addAt(errs, it.errorPath, TextNode.valueOf(uniqueness(s.name(), "primary key", id)));
            }
        }
        for (Item it : items) {
            for (Map.Entry<String, JsonNode> ref : it.refs.entrySet()) {
                String parent = it.schema.field(ref.getKey()).reference();
                String key = refKey(ref.getValue(), schemas.get(parent));
                Item found = byKey.getOrDefault(parent, Map.of()).get(key);
                if (found == null) {
                    found = byId.getOrDefault(parent, Map.of()).get(key);
                }
                if (found == null) {
                    String at = at(it);
                    ObjectNode section = refErrs.has(it.schema.name())
                            ? (ObjectNode) refErrs.get(it.schema.name())
                            : refErrs.putObject(it.schema.name());
                    ArrayNode list = section.has(at) ? (ArrayNode) section.get(at) : section.putArray(at);
                    String shown = ref.getValue().isTextual() ? ref.getValue().textValue() : Json.write(ref.getValue());
                    list.add("invalid reference '" + ref.getKey() + ": " + shown + "' (no such entry in '" + parent
                            + "')");
                } else {
                    ObjectNode pk = Json.object();
                    pk.put("id", found.entity.path("id").asText());
                    it.entity.set(ref.getKey(), pk);
                }
            }
        }
        if (!errs.isEmpty()) {
            throw new KongException(declarativeError(errs, List.of(), false));
        }
        if (!refErrs.isEmpty()) {
            throw new KongException(Errors.declarativeConfig(refErrs));
        }
        checkUniqueFields(items);

        Map<String, List<StoredEntity>> out = new LinkedHashMap<>();
        long now = clock.instant().getEpochSecond();
        for (Schema s : schemas.all()) {
            out.put(s.name(), new ArrayList<>());
        }
        // Kong's import.lua: `_transform` (default true) hashes basic-auth passwords; false keeps exported hashes
        boolean transforming = transform == null || transform.isNull() || transform.asBoolean();
        for (Item it : items) {
            Long expires = it.ttl == null || it.ttl == 0 ? null : now + it.ttl;
            ObjectNode entity = transforming ? Transformation.applyAll(it.schema, it.entity, it.entity) : it.entity;
            out.get(it.schema.name())
                    .add(new StoredEntity(
                            it.schema.name(),
                            entity.path("id").asText(),
                            dev.gatehouse.gateway.dao.EntityDao.ordered(it.schema, entity),
                            expires));
        }
        return new Parsed(out, version.asText());
    }

    /** Replaces everything in the store with the parsed configuration (one transaction). */
    public void replace(WriteTx tx, Parsed parsed) {
        for (Schema s : schemas.all()) {
            tx.deleteAll(s.name());
        }
        for (List<StoredEntity> list : parsed.entities().values()) {
            list.forEach(tx::put);
        }
    }

    /** The name or id a reference points at: a string, or the {@code id} (else endpoint key) of an object. */
    private static String refKey(JsonNode ref, Schema parent) {
        if (ref.isTextual()) {
            return ref.textValue();
        }
        if (ref.isObject()) {
            if (ref.hasNonNull("id")) {
                return ref.get("id").asText();
            }
            if (parent.endpointKey() != null && ref.hasNonNull(parent.endpointKey())) {
                return ref.get(parent.endpointKey()).asText();
            }
        }
        return ref.toString();
    }

    private static String uniqueness(String entity, String key, String value) {
        return "uniqueness violation: '" + entity + "' entity with " + key + " set to '" + value + "' already declared";
    }

    private static String at(Item it) {
        String ek = it.schema.endpointKey();
        JsonNode v = ek == null ? null : it.entity.get(ek);
        if (v != null && !v.isNull() && it.schema.field(ek).unique()) {
            return v.asText();
        }
        return it.entity.path("id").asText();
    }

    /** Unique fields other than the endpoint key, and the plugin cache key, across the whole file. */
    private void checkUniqueFields(List<Item> items) {
        ObjectNode errs = Json.object();
        Map<String, Map<String, Map<String, Item>>> seen = new HashMap<>();
        for (Item it : items) {
            IndexKeys keys = new IndexKeys(it.schema);
            for (String index : keys.names()) {
                if (index.equals(it.schema.endpointKey())) {
                    continue;
                }
                String k = keys.key(index, it.entity);
                if (k == null) {
                    continue;
                }
                Map<String, Item> m = seen.computeIfAbsent(it.schema.name(), x -> new HashMap<>())
                        .computeIfAbsent(index, x -> new HashMap<>());
                if (m.putIfAbsent(k, it) != null) {
                    ObjectNode section = errs.has(it.schema.name())
                            ? (ObjectNode) errs.get(it.schema.name())
                            : errs.putObject(it.schema.name());
                    JsonNode shown =
                            index.equals(IndexKeys.CACHE_KEY) ? keys.describe(index, it.entity) : it.entity.get(index);
                    section.put(
                            at(it),
                            uniqueness(
                                    it.schema.name(),
                                    index,
                                    shown.isTextual() ? shown.textValue() : LuaPretty.write(shown)));
                }
            }
        }
        if (!errs.isEmpty()) {
            throw new KongException(Errors.declarativeConfig(errs));
        }
    }

    private KongError declarativeError(ObjectNode errs, List<ObjectNode> flattened, boolean flatten) {
        if (!flatten) {
            return Errors.declarativeConfig(errs);
        }
        // Kong drains the per-entity errors into flattened_errors; what remains stays in fields.
        ObjectNode leftover = Json.object();
        for (Iterator<Map.Entry<String, JsonNode>> it = errs.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isArray()) {
                leftover.set(e.getKey(), e.getValue());
            }
        }
        ObjectNode extra = Json.object();
        ArrayNode list = extra.putArray("flattened_errors");
        flattened.forEach(list::add);
        return Errors.declarativeConfig(leftover).withExtra(extra);
    }

    /** Records an error for an item at its position, merging with any errors already there. */
    private static void addAt(ObjectNode errs, List<Object> path, JsonNode err) {
        JsonNode cur = errs;
        for (int i = 0; i < path.size(); i += 2) {
            String key = (String) path.get(i);
            int idx = (Integer) path.get(i + 1);
            ObjectNode obj = (ObjectNode) cur;
            ArrayNode arr = obj.has(key) && obj.get(key).isArray() ? (ArrayNode) obj.get(key) : obj.putArray(key);
            while (arr.size() <= idx) {
                arr.addNull();
            }
            if (i + 2 >= path.size()) {
                if (arr.get(idx).isNull()) {
                    arr.set(idx, err);
                }
                return;
            }
            if (!arr.get(idx).isObject()) {
                arr.set(idx, Json.object());
            }
            cur = arr.get(idx);
        }
    }

    private void walk(
            Schema s,
            JsonNode arr,
            Schema parent,
            String parentId,
            ObjectNode errOwner,
            String errKey,
            List<Object> parentPath,
            List<Item> items,
            List<ObjectNode> flattened) {
        if (!arr.isArray()) {
            errOwner.put(errKey, "expected an array");
            return;
        }
        JsonNode[] slots = new JsonNode[arr.size()];
        boolean anyError = false;
        String childKey = parent == null ? null : foreignFieldTo(s, parent.name());
        for (int i = 0; i < arr.size(); i++) {
            List<Object> path = new ArrayList<>(parentPath);
            path.add(errKey);
            path.add(i);
            JsonNode raw = arr.get(i);
            if (!raw.isObject()) {
                slots[i] = TextNode.valueOf("expected a record");
                anyError = true;
                continue;
            }
            ObjectNode copy = ((ObjectNode) raw).deepCopy();
            copy.remove("_comment");
            copy.remove("_ignore");
            Map<Schema, JsonNode> children = new LinkedHashMap<>();
            for (Schema child : schemas.all()) {
                if (foreignFieldTo(child, s.name()) != null && copy.has(child.name())) {
                    children.put(child, copy.remove(child.name()));
                }
            }
            ObjectNode own = Json.object();
            Item item = new Item(s, copy, ((ObjectNode) raw).deepCopy(), path);
            for (NamedField fk : s.foreignFields()) {
                if (schemas.get(fk.field().reference()) == null) {
                    continue;
                }
                JsonNode v = copy.get(fk.name());
                if (v == null || v.isNull()) {
                    if (fk.name().equals(childKey)) {
                        copy.remove(fk.name());
                    }
                    continue;
                }
                // A reference by name or id (top level), or a nested child naming its parent: resolved after
                // validation.
                item.refs.put(fk.name(), v);
                copy.remove(fk.name());
            }
            if (s.ttl() && copy.has("ttl")) {
                JsonNode ttl = copy.remove("ttl");
                if (ttl.isNumber() && ttl.doubleValue() == Math.floor(ttl.doubleValue()) && ttl.canConvertToLong()) {
                    item.ttl = ttl.longValue();
                } else if (!ttl.isNull()) {
                    own.put("ttl", "expected an integer");
                }
            }
            if (!copy.has("id")) {
                String key = uuidKey(s, copy, parentId, childKey, item.refs);
                if (key != null) {
                    copy.put("id", KongUuid.forEntity(s.name(), key));
                }
            }
            if (childKey != null && parentId != null && !item.refs.containsKey(childKey)) {
                ObjectNode pk = Json.object();
                pk.put("id", parentId);
                copy.set(childKey, pk);
            }
            if (s.name().equals("targets") && copy.get("target") instanceof TextNode t) {
                // as Kong's targets DAO: host:port with the default port; an invalid one fails in the validator
                String formatted = TargetsSchema.format(t.textValue());
                if (formatted != null) {
                    copy.put("target", formatted);
                }
            }
            AutoFields.Result r = AutoFields.process(validator, s, copy, Context.INSERT);
            ObjectNode entity = r.entity();
            if (r.errors() != null) {
                own.setAll(r.errors());
                entity = copy;
            } else {
                ObjectNode probe = entity.deepCopy();
                for (String ref : item.refs.keySet()) {
                    ObjectNode pk = Json.object();
                    pk.put("id", PLACEHOLDER_ID);
                    probe.set(ref, pk);
                }
                ObjectNode verr = validator.validate(s, probe, true);
                if (verr != null) {
                    verr.fields().forEachRemaining(e -> {
                        if (!own.has(e.getKey())) {
                            own.set(e.getKey(), e.getValue());
                        }
                    });
                }
            }
            Item stored = new Item(s, entity, item.original, path);
            stored.refs.putAll(item.refs);
            stored.ttl = item.ttl;
            ObjectNode slot = own.deepCopy();
            String id = entity.path("id").asText(null);
            for (Map.Entry<Schema, JsonNode> c : children.entrySet()) {
                walk(c.getKey(), c.getValue(), s, id, slot, c.getKey().name(), path, items, flattened);
            }
            if (!own.isEmpty()) {
                flattened.add(flatEntry(s, item.original, entity, own, children.keySet()));
            }
            if (!slot.isEmpty()) {
                slots[i] = slot;
                anyError = true;
            }
            items.add(stored);
        }
        if (anyError) {
            ArrayNode a = Json.array();
            int last = 0;
            for (int i = 0; i < slots.length; i++) {
                if (slots[i] != null) {
                    last = i;
                }
            }
            for (int i = 0; i <= last; i++) {
                a.add(slots[i] == null ? Json.nullNode() : slots[i]);
            }
            errOwner.set(errKey, a);
        }
    }

    /** The field of {@code child} that references {@code parent}, or null. */
    private static String foreignFieldTo(Schema child, String parent) {
        for (NamedField nf : child.foreignFields()) {
            if (parent.equals(nf.field().reference())) {
                return nf.name();
            }
        }
        return null;
    }

    /**
     * Kong's {@code get_key_for_uuid_gen}: the cache key (plugins: name and scope) or the unique endpoint key;
     * null when the id must be random (e.g. credentials without an id, whose key is auto-generated).
     */
    private static String uuidKey(
            Schema s, ObjectNode item, String parentId, String childKey, Map<String, JsonNode> refs) {
        if (s.cacheKey() != null) {
            List<String> ck = new ArrayList<>();
            ck.add(s.name());
            ck.add("*");
            for (String k : s.cacheKey()) {
                Field f = s.field(k);
                JsonNode v = refs.containsKey(k) ? refs.get(k) : item.get(k);
                if (f.auto()) {
                    return null;
                } else if (v != null && v.isTextual()) {
                    ck.add(v.textValue());
                } else if (v == null) {
                    if (k.equals(childKey)) {
                        if (parentId == null) {
                            return null;
                        }
                        ck.add(parentId);
                    } else if (f.required()) {
                        return null;
                    } else {
                        ck.add("");
                    }
                }
            }
            return String.join(":", ck);
        }
        String ek = s.endpointKey();
        if (ek != null
                && item.has(ek)
                && item.get(ek).isTextual()
                && s.field(ek).unique()) {
            return item.get(ek).textValue();
        }
        return null;
    }

    /** One entry of Kong's {@code flattened_errors}. */
    private static ObjectNode flatEntry(
            Schema s, ObjectNode original, ObjectNode entity, ObjectNode errors, Set<Schema> children) {
        ObjectNode o = Json.object();
        JsonNode name = original.get("name");
        if (name != null && name.isTextual() && !name.textValue().isEmpty()) {
            o.set("entity_name", name);
        }
        JsonNode id = entity.get("id");
        if (id != null && id.isTextual() && dev.gatehouse.gateway.dao.EntityKey.isUuid(id.textValue())) {
            o.set("entity_id", id);
        }
        JsonNode tags = original.get("tags");
        if (tags != null && tags.isArray()) {
            o.set("entity_tags", tags);
        }
        String type = s.name().endsWith("s") ? s.name().substring(0, s.name().length() - 1) : s.name();
        o.put("entity_type", type);
        ObjectNode shown = original.deepCopy();
        children.forEach(c -> shown.remove(c.name()));
        o.set("entity", shown);
        ArrayNode list = o.putArray("errors");
        categorize(errors, null, list);
        return o;
    }

    private static void categorize(JsonNode errs, String ns, ArrayNode out) {
        List<String> keys = new ArrayList<>();
        if (errs.isArray()) {
            for (int i = 0; i < errs.size(); i++) {
                keys.add(Integer.toString(i + 1));
            }
        } else {
            errs.fieldNames().forEachRemaining(keys::add);
            keys.sort(null);
        }
        for (String k : keys) {
            JsonNode v = errs.isArray() ? errs.get(Integer.parseInt(k) - 1) : errs.get(k);
            if (v == null || v.isNull()) {
                continue;
            }
            if (k.equals("@entity")) {
                for (JsonNode m : v) {
                    ObjectNode e = out.addObject();
                    e.put("type", "entity");
                    e.set("message", m);
                }
            } else if (v.isTextual()) {
                ObjectNode e = out.addObject();
                e.put("type", "field");
                e.put("field", ns == null ? k : ns + "." + k);
                e.set("message", v);
            } else {
                categorize(v, ns == null ? k : ns + "." + k, out);
            }
        }
    }
}
