package dev.gatehouse.app.declarative.deck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Takes a decK file's entities out of their nesting (go-database-reconciler pkg/file/types.go: FService.routes and
 * plugins, FRoute.plugins, FConsumer.plugins, keyauth_credentials and acls, top-level routes and plugins with
 * references by name or id). Sections this console does not manage are refused rather than silently dropped.
 */
public final class DeckFileReader {

    private static final Set<String> READ = Set.of("services", "routes", "consumers", "plugins");
    private static final Set<String> META = Set.of("_format_version", "_info", "_transform", "_comment", "_ignore");

    private DeckFileReader() {}

    /** The select tags the file declares ({@code _info.select_tags}). */
    public static List<String> selectTags(ObjectNode file) {
        List<String> tags = new ArrayList<>();
        file.path("_info").path("select_tags").forEach(t -> tags.add(t.asText()));
        return tags;
    }

    public static List<FileEntity> entities(ObjectNode file) {
        for (String key : file.properties().stream().map(Map.Entry::getKey).toList()) {
            if (!READ.contains(key) && !META.contains(key)) {
                throw new DeckFileException("The file has " + key + ", which Gatehouse does not export or apply yet;"
                        + " only services, routes, consumers (with keyauth_credentials and acls) and plugins are.");
            }
        }
        List<FileEntity> out = new ArrayList<>();
        for (JsonNode service : file.path("services")) {
            ObjectNode fields = own(service, "services", "routes", "plugins");
            String ref = handle(DeckKind.SERVICE, fields);
            out.add(new FileEntity(DeckKind.SERVICE, fields, Map.of()));
            for (JsonNode route : service.path("routes")) {
                route(route, Map.of("service", ref), out);
            }
            plugins(service.path("plugins"), Map.of("service", ref), out);
        }
        for (JsonNode route : file.path("routes")) {
            route(route, refsOf(route), out);
        }
        for (JsonNode consumer : file.path("consumers")) {
            ObjectNode fields = own(consumer, "consumers", "plugins", "keyauth_credentials", "acls");
            String ref = handle(DeckKind.CONSUMER, fields);
            out.add(new FileEntity(DeckKind.CONSUMER, fields, Map.of()));
            Map<String, String> owner = Map.of("consumer", ref);
            for (JsonNode key : consumer.path("keyauth_credentials")) {
                out.add(new FileEntity(DeckKind.KEY_AUTH, own(key, "keyauth_credentials"), owner));
            }
            for (JsonNode group : consumer.path("acls")) {
                out.add(new FileEntity(DeckKind.ACL_GROUP, own(group, "acls"), owner));
            }
            plugins(consumer.path("plugins"), owner, out);
        }
        plugins(file.path("plugins"), null, out);
        return out;
    }

    private static void route(JsonNode route, Map<String, String> refs, List<FileEntity> out) {
        ObjectNode fields = own(route, "routes", "plugins");
        String ref = handle(DeckKind.ROUTE, fields);
        out.add(new FileEntity(DeckKind.ROUTE, fields, refs));
        plugins(route.path("plugins"), Map.of("route", ref), out);
    }

    /** Nested plugins take their parent; top-level ones ({@code parent} null) their own references. */
    private static void plugins(JsonNode plugins, Map<String, String> parent, List<FileEntity> out) {
        for (JsonNode plugin : plugins) {
            ObjectNode fields = own(plugin, "plugins");
            Map<String, String> refs = new HashMap<>(refsOf(plugin));
            if (parent != null) {
                refs.putAll(parent);
            }
            out.add(new FileEntity(DeckKind.PLUGIN, fields, refs));
        }
    }

    /** References as decK writes them: a name or id string, or an object with {@code name}/{@code username}/{@code id}. */
    private static Map<String, String> refsOf(JsonNode entity) {
        Map<String, String> refs = new HashMap<>();
        for (String field : FileEntities.FOREIGN) {
            JsonNode ref = entity.get(field);
            if (ref == null || ref.isNull()) {
                continue;
            }
            String value = ref.isTextual()
                    ? ref.asText()
                    : ref.path("name")
                            .asText(ref.path("username").asText(ref.path("id").asText("")));
            if (value.isEmpty()) {
                throw new DeckFileException("A " + field + " reference in the file has neither a name nor an id.");
            }
            refs.put(field, value);
        }
        return refs;
    }

    /** The entity's own fields: a copy without its children and references. */
    private static ObjectNode own(JsonNode entity, String section, String... children) {
        if (!(entity instanceof ObjectNode object)) {
            throw new DeckFileException("An entry of " + section + " in the file is not a mapping.");
        }
        ObjectNode fields = object.deepCopy();
        for (String child : children) {
            fields.remove(child);
        }
        FileEntities.FOREIGN.forEach(fields::remove);
        return fields;
    }

    /** What children call their parent by: its name, else its id. */
    private static String handle(DeckKind kind, ObjectNode fields) {
        String name = GatewayState.nameOf(kind, fields);
        if (name.isEmpty()) {
            throw new DeckFileException(
                    "A " + kind.word() + " in the file has neither a " + kind.nameField() + " nor an id.");
        }
        return name;
    }
}
