package dev.gatehouse.app.declarative.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.gatehouse.app.declarative.deck.DeckFileException;
import dev.gatehouse.app.declarative.deck.DeckFileReader;
import dev.gatehouse.app.declarative.deck.DeckKind;
import dev.gatehouse.app.declarative.deck.FileEntities;
import dev.gatehouse.app.declarative.deck.FileEntity;
import dev.gatehouse.app.declarative.deck.GatewayState;
import dev.gatehouse.app.declarative.deck.SchemaDefaults;
import dev.gatehouse.app.declarative.deck.Secrets;
import dev.gatehouse.app.repository.gateway.GatewayRepository;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares a decK file with the live gateway as {@code deck gateway diff} does: entities matched by name (plugins
 * by name and scope, key-auth keys by key, or by id when the key is redacted), defaults filled from the gateway's
 * schemas, and every live entity the file does not hold deleted, within the select tags when there are some.
 */
public final class Planner {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Set<String> NOT_COMPARED = Set.of("id", "created_at", "updated_at", "ws_id");
    /** A well-formed id for references the gateway's validation checks for shape only. */
    static final String PLACEHOLDER_ID = "00000000-0000-4000-8000-000000000000";

    private final GatewayRepository gateway;

    public Planner(GatewayRepository gateway) {
        this.gateway = gateway;
    }

    /**
     * The plan for {@code file}, within the file's {@code _info.select_tags} and {@code selectTags}; blocks, so call
     * it off the FX thread.
     */
    public Plan plan(ObjectNode file, List<String> selectTags) {
        Set<String> tagSet = new LinkedHashSet<>(DeckFileReader.selectTags(file));
        tagSet.addAll(selectTags);
        List<String> tags = List.copyOf(tagSet);
        List<FileEntity> desired = DeckFileReader.entities(file).stream()
                .map(e -> withTags(e, tags))
                .toList();
        GatewayState all = GatewayState.load(gateway);
        return new Comparison(all, all.selected(tags), desired, new SchemaDefaults(gateway)).plan();
    }

    /** decK merges the select tags into every entity of the file (pkg/file/builder.go MustMergeTags). */
    private static FileEntity withTags(FileEntity entity, List<String> tags) {
        if (tags.isEmpty()) {
            return entity;
        }
        ObjectNode fields = entity.fields().deepCopy();
        Set<String> merged = new TreeSet<>();
        fields.path("tags").forEach(t -> merged.add(t.asText()));
        merged.addAll(tags);
        ArrayNode array = fields.putArray("tags");
        merged.forEach(array::add);
        return new FileEntity(entity.kind(), fields, entity.refs());
    }

    /** One comparison: the whole live gateway for names, the selected part for matching, and the file. */
    private static final class Comparison {
        private final GatewayState all;
        private final GatewayState scope;
        private final List<FileEntity> desired;
        private final SchemaDefaults defaults;

        Comparison(GatewayState all, GatewayState scope, List<FileEntity> desired, SchemaDefaults defaults) {
            this.all = all;
            this.scope = scope;
            this.desired = desired;
            this.defaults = defaults;
        }

        Plan plan() {
            List<Change> upserts = new ArrayList<>();
            List<ValidationTarget> targets = new ArrayList<>();
            Set<String> matchedLive = new HashSet<>();
            Set<String> seen = new HashSet<>();
            for (DeckKind kind : DeckKind.values()) {
                List<Change> ofKind = new ArrayList<>();
                for (FileEntity entity : desired) {
                    if (entity.kind() != kind) {
                        continue;
                    }
                    Map<String, String> refs = canonicalRefs(entity);
                    String identity = identity(kind, entity.fields(), refs);
                    boolean anonymousKey = kind == DeckKind.KEY_AUTH
                            && Secrets.isRedacted(entity.fields().get("key"))
                            && !entity.fields().hasNonNull("id");
                    // Redacted keys without an id cannot be told apart; they are refused at apply anyway.
                    if (!anonymousKey && !seen.add(kind + "\u0000" + identity)) {
                        throw new DeckFileException("The file holds " + kind.word() + " "
                                + displayName(kind, entity.fields(), refs) + " twice.");
                    }
                    Optional<ObjectNode> live = match(kind, entity.fields(), identity);
                    live.ifPresent(l -> matchedLive.add(l.path("id").asText()));
                    ObjectNode fields = entity.fields().deepCopy();
                    boolean redacted = kind == DeckKind.KEY_AUTH && Secrets.isRedacted(fields.get("key"));
                    if (redacted && live.isPresent()) {
                        // A redacted key keeps the live one: compared and validated with it, never sent.
                        fields.set("key", live.get().get("key"));
                    }
                    String name = live.map(l -> displayName(kind, l, liveRefs(l)))
                            .orElse(displayName(kind, entity.fields(), refs));
                    targets.add(new ValidationTarget(
                            kind, name, validationRequest(fields, refs), refusal(kind, name, refs, redacted, live)));
                    ObjectNode after = comparable(defaults.fill(kind, expandUrl(kind, fields)), refs);
                    if (live.isEmpty()) {
                        ObjectNode request = fields.deepCopy();
                        refs.forEach(request::put);
                        ofKind.add(
                                new Change(Op.CREATE, kind, name, Optional.empty(), JSON.objectNode(), after, request));
                        continue;
                    }
                    ObjectNode before = comparable(live.get(), liveRefs(live.get()));
                    if (!before.equals(after)) {
                        ofKind.add(new Change(
                                Op.UPDATE,
                                kind,
                                name,
                                Optional.of(live.get().path("id").asText()),
                                before,
                                after,
                                changes(before, after, redacted)));
                    }
                }
                ofKind.sort(Comparator.comparing(Change::name));
                upserts.addAll(ofKind);
            }
            List<Change> deletes = new ArrayList<>();
            DeckKind[] kinds = DeckKind.values();
            for (int i = kinds.length - 1; i >= 0; i--) {
                DeckKind kind = kinds[i];
                List<Change> ofKind = new ArrayList<>();
                for (ObjectNode live : scope.all(kind)) {
                    if (!matchedLive.contains(live.path("id").asText())) {
                        Map<String, String> refs = liveRefs(live);
                        ofKind.add(new Change(
                                Op.DELETE,
                                kind,
                                displayName(kind, live, refs),
                                Optional.of(live.path("id").asText()),
                                comparable(live, refs),
                                JSON.objectNode(),
                                JSON.objectNode()));
                    }
                }
                ofKind.sort(Comparator.comparing(Change::name));
                deletes.addAll(ofKind);
            }
            List<Change> changes = new ArrayList<>(upserts);
            changes.addAll(deletes);
            return new Plan(changes, targets);
        }

        /** The live entity in scope this file entity is: key-auth keys by id when the file has one, else by key. */
        private Optional<ObjectNode> match(DeckKind kind, ObjectNode fields, String identity) {
            if (kind == DeckKind.KEY_AUTH && fields.hasNonNull("id")) {
                Optional<ObjectNode> byId = scope.byId(kind, fields.get("id").asText());
                if (byId.isPresent() || Secrets.isRedacted(fields.get("key"))) {
                    return byId;
                }
            }
            return scope.all(kind).stream()
                    .filter(l -> identity(kind, l, liveRefs(l)).equals(identity))
                    .findFirst();
        }

        /** Why this entity cannot be applied whatever the gateway says, if anything. */
        private Optional<String> refusal(
                DeckKind kind, String name, Map<String, String> refs, boolean redacted, Optional<ObjectNode> live) {
            if (redacted && live.isEmpty()) {
                return Optional.of(kind.word() + " " + name + " has a redacted key (" + Secrets.PLACEHOLDER
                        + ") and no such key exists on the gateway, so it would have to be created without its"
                        + " value; export with --include-secrets or write the real key into the file.");
            }
            for (Map.Entry<String, String> ref : refs.entrySet()) {
                DeckKind target = refKind(ref.getKey());
                if (!inFile(target, ref.getValue())
                        && findLive(target, ref.getValue()).isEmpty()) {
                    return Optional.of(kind.word() + " " + name + " points at " + ref.getKey() + " " + ref.getValue()
                            + ", which is neither in the file nor on the gateway.");
                }
            }
            return Optional.empty();
        }

        /** The file's fields with references as well-formed ids, for the gateway's schema validation. */
        private ObjectNode validationRequest(ObjectNode fields, Map<String, String> refs) {
            ObjectNode request = fields.deepCopy();
            refs.forEach((field, name) -> request.putObject(field)
                    .put(
                            "id",
                            findLive(refKind(field), name)
                                    .map(l -> l.path("id").asText())
                                    .orElse(PLACEHOLDER_ID)));
            return request;
        }

        /** What a PATCH sends: each changed field's new value, or null for a field the file no longer has. */
        private static ObjectNode changes(ObjectNode before, ObjectNode after, boolean redacted) {
            ObjectNode request = JSON.objectNode();
            Set<String> keys = new TreeSet<>();
            before.fieldNames().forEachRemaining(keys::add);
            after.fieldNames().forEachRemaining(keys::add);
            for (String key : keys) {
                JsonNode now = after.get(key);
                if (!java.util.Objects.equals(before.get(key), now)) {
                    request.set(key, now == null ? NullNode.getInstance() : now);
                }
            }
            if (redacted) {
                request.remove("key");
            }
            return request;
        }

        /** References of a file entity by name where the named entity has one (a file may point at ids). */
        private Map<String, String> canonicalRefs(FileEntity entity) {
            Map<String, String> refs = new HashMap<>();
            entity.refs().forEach((field, value) -> refs.put(field, canonical(refKind(field), value)));
            return refs;
        }

        private String canonical(DeckKind kind, String value) {
            if (inFileByName(kind, value)) {
                return value;
            }
            for (FileEntity entity : desired) {
                if (entity.kind() == kind
                        && value.equals(entity.fields().path("id").asText())) {
                    return GatewayState.nameOf(kind, entity.fields());
                }
            }
            return findLive(kind, value).map(l -> GatewayState.nameOf(kind, l)).orElse(value);
        }

        private boolean inFileByName(DeckKind kind, String name) {
            return desired.stream()
                    .anyMatch(e -> e.kind() == kind
                            && GatewayState.hasName(kind, e.fields())
                            && GatewayState.nameOf(kind, e.fields()).equals(name));
        }

        private boolean inFile(DeckKind kind, String nameOrId) {
            return desired.stream()
                    .anyMatch(e -> e.kind() == kind
                            && (GatewayState.nameOf(kind, e.fields()).equals(nameOrId)
                                    || nameOrId.equals(e.fields().path("id").asText())));
        }

        /** A live entity by name or id, anywhere on the gateway. */
        private Optional<ObjectNode> findLive(DeckKind kind, String nameOrId) {
            return all.all(kind).stream()
                    .filter(l -> (GatewayState.hasName(kind, l)
                                    && GatewayState.nameOf(kind, l).equals(nameOrId))
                            || nameOrId.equals(l.path("id").asText()))
                    .findFirst();
        }

        /** A live entity's references by name, falling back to the id. */
        private Map<String, String> liveRefs(ObjectNode live) {
            Map<String, String> refs = new HashMap<>();
            for (String field : FileEntities.FOREIGN) {
                GatewayState.foreignId(live, field).ifPresent(id -> {
                    DeckKind kind = refKind(field);
                    refs.put(
                            field,
                            all.byId(kind, id)
                                    .map(e -> GatewayState.nameOf(kind, e))
                                    .orElse(id));
                });
            }
            return refs;
        }
    }

    /** What an entity is matched by: name, username, key, group within a consumer, or a plugin's name and scope. */
    static String identity(DeckKind kind, ObjectNode entity, Map<String, String> refs) {
        return switch (kind) {
            case SERVICE, ROUTE, CONSUMER -> GatewayState.nameOf(kind, entity);
            case KEY_AUTH ->
                Secrets.isRedacted(entity.get("key")) || !entity.hasNonNull("key")
                        ? "id:" + entity.path("id").asText()
                        : "key:" + entity.get("key").asText();
            case ACL_GROUP ->
                refs.getOrDefault("consumer", "") + "\u0000"
                        + entity.path("group").asText();
            case PLUGIN ->
                entity.path("name").asText() + "\u0000" + refs.getOrDefault("service", "") + "\u0000"
                        + refs.getOrDefault("route", "") + "\u0000" + refs.getOrDefault("consumer", "");
        };
    }

    /**
     * How the plan names an entity, as decK's Console() strings do (go-database-reconciler pkg/state/types.go):
     * {@code key-auth for route demo-rt}, {@code cors (global)}, {@code g1 for consumer demo-user}. A key-auth key
     * is named by a fingerprint of the key (decK prints its last five characters; a plan is often pasted into CI
     * logs), or by its id when the key is redacted.
     */
    static String displayName(DeckKind kind, ObjectNode entity, Map<String, String> refs) {
        return switch (kind) {
            case SERVICE, ROUTE, CONSUMER -> GatewayState.nameOf(kind, entity);
            case KEY_AUTH -> keyName(entity) + forConsumer(refs);
            case ACL_GROUP -> entity.path("group").asText() + forConsumer(refs);
            case PLUGIN -> {
                List<String> scopes = new ArrayList<>();
                for (String field : FileEntities.FOREIGN) {
                    if (refs.containsKey(field)) {
                        scopes.add(field + " " + refs.get(field));
                    }
                }
                String name = entity.path("name").asText();
                yield scopes.isEmpty() ? name + " (global)" : name + " for " + String.join(" and ", scopes);
            }
        };
    }

    private static String keyName(ObjectNode entity) {
        JsonNode key = entity.get("key");
        if (key == null || key.isNull() || Secrets.isRedacted(key)) {
            return entity.hasNonNull("id") ? entity.get("id").asText() : Secrets.PLACEHOLDER;
        }
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest(key.asText().getBytes(StandardCharsets.UTF_8));
            return "sha256:" + java.util.HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String forConsumer(Map<String, String> refs) {
        return refs.containsKey("consumer") ? " for consumer " + refs.get("consumer") : "";
    }

    static DeckKind refKind(String field) {
        return switch (field) {
            case "service" -> DeckKind.SERVICE;
            case "route" -> DeckKind.ROUTE;
            default -> DeckKind.CONSUMER;
        };
    }

    /**
     * The entity as compared: no ids or timestamps, no null fields or empty lists, tags in order (a set in Kong),
     * and references as names.
     */
    static ObjectNode comparable(ObjectNode entity, Map<String, String> refs) {
        ObjectNode copy = entity.deepCopy();
        NOT_COMPARED.forEach(copy::remove);
        FileEntities.FOREIGN.forEach(copy::remove);
        FileEntities.withoutNulls(copy);
        List<String> empty = new ArrayList<>();
        copy.properties().forEach(f -> {
            if (f.getValue().isArray() && f.getValue().isEmpty()) {
                empty.add(f.getKey());
            }
        });
        empty.forEach(copy::remove);
        if (copy.get("tags") instanceof ArrayNode tags) {
            TreeSet<String> sorted = new TreeSet<>();
            tags.forEach(t -> sorted.add(t.asText()));
            ArrayNode array = copy.putArray("tags");
            sorted.forEach(array::add);
        }
        refs.forEach((field, name) -> copy.set(field, TextNode.valueOf(name)));
        return copy;
    }

    /**
     * A service's {@code url} shorthand as the fields Kong stores (kong/db/schema/entities/services.lua
     * shorthand_fields): protocol, host, port (the scheme's default when absent) and path.
     */
    static ObjectNode expandUrl(DeckKind kind, ObjectNode fields) {
        if (kind != DeckKind.SERVICE || !fields.hasNonNull("url")) {
            return fields;
        }
        ObjectNode copy = fields.deepCopy();
        URI url;
        try {
            url = URI.create(copy.remove("url").asText());
        } catch (IllegalArgumentException e) {
            return fields; // validation reports the bad URL
        }
        String scheme = url.getScheme() == null ? "http" : url.getScheme();
        copy.put("protocol", scheme);
        copy.put("host", url.getHost());
        int port = url.getPort() >= 0 ? url.getPort() : "https".equals(scheme) || "grpcs".equals(scheme) ? 443 : 80;
        copy.put("port", port);
        if (url.getRawPath() != null && !url.getRawPath().isEmpty()) {
            copy.put("path", url.getRawPath());
        } else {
            copy.putNull("path");
        }
        return copy;
    }
}
