package dev.gatehouse.app.declarative.deck;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.app.repository.gateway.GatewayRepository;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The gateway as a decK file, nested the way {@code deck gateway dump} nests it (go-database-reconciler
 * pkg/file/writer.go): routes under their service, plugins under their only scope, key-auth keys and ACL groups
 * under their consumer; plugins with no scope or several at the top level, pointing at names. Fields whose value is
 * the gateway schema's default are left out unless {@link ExportOptions#includeDefaults()}: {@code deck gateway dump}
 * leaves them out only when given {@code --skip-defaults} (deck cmd/gateway_dump.go newDumpCmd, off unless given;
 * go-database-reconciler pkg/dump/skip_defaults.go RemoveDefaultsFromState), which is the default here, so files are
 * short and diff well; diff and apply fill them back from the same schemas.
 */
public final class DeckExporter {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final ExportOptions options;
    private final SchemaDefaults defaults;

    private DeckExporter(ExportOptions options, SchemaDefaults defaults) {
        this.options = options;
        this.defaults = defaults;
    }

    /** Fetches the gateway through its repository and writes it as decK YAML; blocks, so call it off the FX thread. */
    public static String export(GatewayRepository gateway, ExportOptions options) {
        return DeckYaml.write(toFile(GatewayState.load(gateway), options, new SchemaDefaults(gateway)));
    }

    /**
     * The file for {@code state}; the schemas in {@code defaults} are read (once per kind and plugin) only when
     * defaults are left out. The same state and schemas always give the same file.
     */
    public static ObjectNode toFile(GatewayState all, ExportOptions options, SchemaDefaults defaults) {
        return new DeckExporter(options, defaults).file(all);
    }

    /** The entity as the file holds it: {@link FileEntities#forFile}, then without defaults unless they are kept. */
    private ObjectNode entry(DeckKind kind, ObjectNode live) {
        ObjectNode out = FileEntities.forFile(kind, live);
        return options.includeDefaults() ? out : defaults.withoutDefaults(kind, out);
    }

    private ObjectNode file(GatewayState all) {
        GatewayState state = all.selected(options.selectTags());
        ObjectNode file = JSON.objectNode();
        file.put("_format_version", DeckYaml.FORMAT_VERSION);
        if (!options.selectTags().isEmpty()) {
            ArrayNode tags = file.putObject("_info").putArray("select_tags");
            options.selectTags().forEach(tags::add);
        }
        Names names = new Names(all);
        List<ObjectNode> services = new ArrayList<>();
        for (ObjectNode service : state.all(DeckKind.SERVICE)) {
            String id = service.path("id").asText();
            ObjectNode out = entry(DeckKind.SERVICE, service);
            putSorted(out, "plugins", DeckKind.PLUGIN, nestedPlugins(state, "service", id));
            List<ObjectNode> routes = new ArrayList<>();
            for (ObjectNode route : state.all(DeckKind.ROUTE)) {
                if (GatewayState.foreignId(route, "service").filter(id::equals).isPresent()) {
                    routes.add(route(state, route));
                }
            }
            putSorted(out, "routes", DeckKind.ROUTE, routes);
            services.add(out);
        }
        putSorted(file, "services", DeckKind.SERVICE, services);
        List<ObjectNode> serviceless = new ArrayList<>();
        for (ObjectNode route : state.all(DeckKind.ROUTE)) {
            if (GatewayState.foreignId(route, "service").isEmpty()) {
                serviceless.add(route(state, route));
            }
        }
        putSorted(file, "routes", DeckKind.ROUTE, serviceless);
        List<ObjectNode> consumers = new ArrayList<>();
        for (ObjectNode consumer : state.all(DeckKind.CONSUMER)) {
            String id = consumer.path("id").asText();
            ObjectNode out = entry(DeckKind.CONSUMER, consumer);
            putSorted(out, "plugins", DeckKind.PLUGIN, nestedPlugins(state, "consumer", id));
            putSorted(out, "keyauth_credentials", DeckKind.KEY_AUTH, keys(state, id));
            putSorted(out, "acls", DeckKind.ACL_GROUP, owned(state, DeckKind.ACL_GROUP, id));
            consumers.add(out);
        }
        putSorted(file, "consumers", DeckKind.CONSUMER, consumers);
        List<ObjectNode> topLevel = new ArrayList<>();
        for (ObjectNode plugin : state.all(DeckKind.PLUGIN)) {
            if (scopes(plugin) != 1) {
                ObjectNode out = entry(DeckKind.PLUGIN, plugin);
                // pkg/file/writer.go populatePlugins: references by name or username, falling back to the id.
                for (String ref : FileEntities.FOREIGN) {
                    GatewayState.foreignId(plugin, ref).ifPresent(id -> out.put(ref, names.of(ref, id)));
                }
                topLevel.add(out);
            }
        }
        putSorted(file, "plugins", DeckKind.PLUGIN, topLevel);
        return file;
    }

    private ObjectNode route(GatewayState state, ObjectNode route) {
        ObjectNode out = entry(DeckKind.ROUTE, route);
        putSorted(
                out,
                "plugins",
                DeckKind.PLUGIN,
                nestedPlugins(state, "route", route.path("id").asText()));
        return out;
    }

    /** Plugins whose only scope is {@code field} = {@code id}. */
    private List<ObjectNode> nestedPlugins(GatewayState state, String field, String id) {
        return state.all(DeckKind.PLUGIN).stream()
                .filter(p -> scopes(p) == 1
                        && GatewayState.foreignId(p, field).filter(id::equals).isPresent())
                .map(p -> entry(DeckKind.PLUGIN, p))
                .toList();
    }

    private List<ObjectNode> keys(GatewayState state, String consumerId) {
        List<ObjectNode> keys = new ArrayList<>();
        for (ObjectNode key : ownedLive(state, DeckKind.KEY_AUTH, consumerId)) {
            ObjectNode out = entry(DeckKind.KEY_AUTH, key);
            if (!options.includeSecrets()) {
                // The placeholder is no identity, so the id stays: diff and apply match the live key by it.
                out.put("key", Secrets.PLACEHOLDER);
                out.put("id", key.path("id").asText());
            }
            keys.add(out);
        }
        return keys;
    }

    private List<ObjectNode> owned(GatewayState state, DeckKind kind, String consumerId) {
        return ownedLive(state, kind, consumerId).stream()
                .map(e -> entry(kind, e))
                .toList();
    }

    private static List<ObjectNode> ownedLive(GatewayState state, DeckKind kind, String consumerId) {
        return state.all(kind).stream()
                .filter(e -> GatewayState.foreignId(e, "consumer")
                        .filter(consumerId::equals)
                        .isPresent())
                .toList();
    }

    /** How many of service, route and consumer a plugin is scoped to. */
    private static int scopes(ObjectNode plugin) {
        int scopes = 0;
        for (String ref : FileEntities.FOREIGN) {
            if (GatewayState.foreignId(plugin, ref).isPresent()) {
                scopes++;
            }
        }
        return scopes;
    }

    /** Puts a sorted list under {@code field}; an empty list is left out, as decK's omitempty does. */
    private static void putSorted(ObjectNode into, String field, DeckKind kind, List<ObjectNode> list) {
        if (!list.isEmpty()) {
            FileEntities.sortedArray(kind, list, into.putArray(field));
        }
    }

    /** Names of the entities plugins point at, from the whole gateway (a selected plugin may point outside). */
    private record Names(GatewayState state) {
        String of(String ref, String id) {
            DeckKind kind = switch (ref) {
                case "service" -> DeckKind.SERVICE;
                case "route" -> DeckKind.ROUTE;
                default -> DeckKind.CONSUMER;
            };
            Optional<ObjectNode> entity = state.byId(kind, id);
            return entity.filter(e -> GatewayState.hasName(kind, e))
                    .map(e -> GatewayState.nameOf(kind, e))
                    .orElse(id);
        }
    }
}
