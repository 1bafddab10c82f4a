package dev.gatehouse.gateway.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.gateway.dao.EntityDao;
import dev.gatehouse.gateway.entity.EntitySchemas;
import dev.gatehouse.gateway.error.Errors;
import dev.gatehouse.gateway.json.Json;
import dev.gatehouse.gateway.plugin.PluginDefinition;
import dev.gatehouse.gateway.plugin.PluginRegistry;
import dev.gatehouse.gateway.schema.AutoFields;
import dev.gatehouse.gateway.schema.Context;
import dev.gatehouse.gateway.schema.Field;
import dev.gatehouse.gateway.schema.Schema;
import dev.gatehouse.gateway.store.Store;
import dev.gatehouse.gateway.store.StoredEntity;
import dev.gatehouse.gateway.version.GatewayVersion;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Admin API endpoints that are not generated from schemas: {@code /}, {@code /status}, {@code /schemas},
 * {@code /plugins/enabled}, {@code /endpoints}, {@code /tags} and the consumers' {@code custom_id} search
 * ({@code kong/api/routes/{kong,health,plugins,consumers,tags}.lua}).
 */
final class InfoEndpoints {

    private final Store store;
    private final EntityDao dao;
    private final EntitySchemas schemas;
    private final PluginRegistry plugins;
    private final ServerStats stats;
    private final java.util.function.Supplier<ObjectNode> configuration;
    private final String nodeId;
    private final Router router;

    InfoEndpoints(
            Store store,
            EntityDao dao,
            PluginRegistry plugins,
            ServerStats stats,
            java.util.function.Supplier<ObjectNode> configuration,
            String nodeId,
            Router router) {
        this.store = store;
        this.dao = dao;
        this.schemas = dao.schemas();
        this.plugins = plugins;
        this.stats = stats;
        this.configuration = configuration;
        this.nodeId = nodeId;
        this.router = router;
    }

    /** Only {@code /status}: what the Status API serves of these. */
    void registerStatus() {
        router.add("/status", "GET", this::status);
    }

    void register() {
        router.add("/", "GET", this::root);
        router.add("/status", "GET", this::status);
        router.add("/endpoints", "GET", this::endpoints);
        router.add("/plugins/enabled", "GET", c -> enabledPlugins());
        router.add("/plugins/schema/:name", "GET", this::legacyPluginSchema);
        router.add("/schemas/:name", "GET", this::entitySchema);
        router.add("/schemas/plugins/:name", "GET", this::pluginSchema);
        router.add("/schemas/plugins/validate", "POST", c -> validate(c, "plugins"));
        router.add("/schemas/vaults/:name", "GET", this::vaultSchema);
        router.add("/schemas/vaults/validate", "POST", c -> validate(c, "vaults"));
        router.add("/schemas/:db_entity_name/validate", "POST", c -> validate(c, c.param("db_entity_name")));
        Router.Handler generated = router.get("/consumers", "GET");
        router.add("/consumers", "GET", c -> {
            AdminResponse r = consumers(c);
            return r != null ? r : generated.handle(c);
        });
        router.add("/tags", "GET", c -> tags(c, null));
        router.add("/tags/:tags", "GET", c -> tags(c, c.param("tags")));
    }

    private AdminResponse root(Call c) {
        ObjectNode o = Json.object();
        o.put("tagline", "Welcome to kong");
        o.put("version", GatewayVersion.KONG_COMPATIBLE);
        o.put("edition", "community");
        o.put("hostname", hostname());
        o.put("node_id", nodeId);
        ObjectNode timers = o.putObject("timers");
        timers.put("running", 0);
        timers.put("pending", 0);
        ObjectNode pluginInfo = o.putObject("plugins");
        ObjectNode available = pluginInfo.putObject("available_on_server");
        for (PluginDefinition d : plugins.all()) {
            ObjectNode p = available.putObject(d.name());
            p.put("version", d.version());
            p.put("priority", d.priority());
        }
        Set<String> inCluster = new LinkedHashSet<>();
        for (StoredEntity p : store.snapshot().list("plugins")) {
            inCluster.add(p.body().path("name").asText());
        }
        ArrayNode enabled = pluginInfo.putArray("enabled_in_cluster");
        inCluster.forEach(enabled::add);
        o.put(
                "lua_version",
                "n/a (gatehouse " + GatewayVersion.VERSION + ", Java "
                        + Runtime.version().feature() + ")");
        o.set("configuration", configuration.get().deepCopy());
        ObjectNode pids = o.putObject("pids");
        pids.put("master", ProcessHandle.current().pid());
        pids.putArray("workers").add(ProcessHandle.current().pid());
        o.put("gatehouse_version", GatewayVersion.VERSION);
        return AdminResponse.of(200, o);
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }

    private AdminResponse status(Call c) {
        String unit = c.uriArg("unit") == null ? "m" : c.uriArg("unit").asText();
        int scale = 2;
        if (c.uriArg("scale") != null) {
            JsonNode n = ArgDecoder.toNumber(c.uriArg("scale"));
            if (n == null || n.intValue() < 0) {
                return AdminResponse.message(
                        400, "invalid scale: " + c.uriArg("scale").asText());
            }
            scale = n.intValue();
        }
        if (!List.of("b", "k", "m", "g").contains(unit.toLowerCase(java.util.Locale.ROOT))) {
            return AdminResponse.message(400, "invalid unit '" + unit + "' (expected 'k/K', 'm/M', or 'g/G')");
        }
        ObjectNode o = Json.object();
        o.putObject("database").put("reachable", true);
        ObjectNode memory = o.putObject("memory");
        memory.putObject("lua_shared_dicts");
        Runtime rt = Runtime.getRuntime();
        ObjectNode vm = memory.putArray("workers_lua_vms").addObject();
        vm.put("http_allocated_gc", bytes(rt.totalMemory() - rt.freeMemory(), unit, scale));
        vm.put("pid", ProcessHandle.current().pid());
        ObjectNode server = o.putObject("server");
        long active = stats.active.get();
        long inFlight = stats.inFlight.get();
        server.put("connections_accepted", stats.accepted.get());
        server.put("connections_active", active);
        server.put("connections_handled", stats.handled.get());
        server.put("connections_reading", 0);
        server.put("connections_waiting", Math.max(0, active - inFlight));
        server.put("connections_writing", inFlight);
        server.put("total_requests", stats.totalRequests.get());
        return AdminResponse.of(200, o);
    }

    /** Kong's {@code bytes_to_str}. */
    private static String bytes(long bytes, String unit, int scale) {
        return switch (unit.toLowerCase(java.util.Locale.ROOT)) {
            case "k" -> String.format(java.util.Locale.ROOT, "%." + scale + "f KiB", bytes / 1024.0);
            case "m" -> String.format(java.util.Locale.ROOT, "%." + scale + "f MiB", bytes / 1048576.0);
            case "g" -> String.format(java.util.Locale.ROOT, "%." + scale + "f GiB", bytes / 1073741824.0);
            default -> Long.toString(bytes);
        };
    }

    private AdminResponse endpoints(Call c) {
        List<String> all = new ArrayList<>();
        for (String t : router.templates()) {
            all.add(t.replaceAll(":([^/:]+)", "{$1}"));
        }
        all.sort((a, b) -> a.replace('/', '\0').compareTo(b.replace('/', '\0')));
        ObjectNode o = Json.object();
        ArrayNode data = o.putArray("data");
        all.forEach(data::add);
        return AdminResponse.of(200, o);
    }

    private AdminResponse enabledPlugins() {
        ObjectNode o = Json.object();
        ArrayNode a = o.putArray("enabled_plugins");
        plugins.all().forEach(d -> a.add(d.name()));
        return AdminResponse.of(200, o);
    }

    private AdminResponse entitySchema(Call c) {
        Schema s = schemas.get(c.param("name"));
        if (s == null) {
            return AdminResponse.message(404, "No entity named '" + c.param("name") + "'");
        }
        return AdminResponse.of(200, s.toJson());
    }

    private AdminResponse pluginSchema(Call c) {
        Schema s = schemas.get("plugins").subschema(c.param("name"));
        if (s == null) {
            return AdminResponse.message(404, "No plugin named '" + c.param("name") + "'");
        }
        return AdminResponse.of(200, s.toJson());
    }

    /** Kong's {@code /schemas/vaults/:name} ({@code kong/api/routes/kong.lua}). */
    private AdminResponse vaultSchema(Call c) {
        Schema vaults = schemas.get("vaults");
        Schema s = vaults == null ? null : vaults.subschema(c.param("name"));
        if (s == null) {
            return AdminResponse.message(404, "No vault named '" + c.param("name") + "'");
        }
        return AdminResponse.of(200, s.toJson());
    }

    private AdminResponse legacyPluginSchema(Call c) {
        Schema s = schemas.get("plugins").subschema(c.param("name"));
        if (s == null) {
            return AdminResponse.message(404, "No plugin named '" + c.param("name") + "'");
        }
        Field config = s.field("config");
        return AdminResponse.of(200, config.recordSchema().toJson());
    }

    /** {@code POST /schemas/{entity}/validate}: auto fields then validation, nothing stored. */
    private AdminResponse validate(Call c, String entity) {
        Schema s = schemas.get(entity);
        if (s == null) {
            return AdminResponse.message(404, "No entity named '" + entity + "'");
        }
        ObjectNode params = c.post(s);
        AutoFields.Result r = AutoFields.process(schemas.validator(), s, params, Context.INSERT);
        ObjectNode errors =
                r.errors() != null ? r.errors() : schemas.validator().validate(s, r.entity(), true);
        if (errors != null) {
            return AdminResponse.error(Errors.schemaViolation(errors));
        }
        return AdminResponse.message(200, "schema validation successful");
    }

    /** {@code GET /consumers?custom_id=}: exactly zero or one consumer (kong/api/routes/consumers.lua). */
    private AdminResponse consumers(Call c) {
        Schema s = schemas.get("consumers");
        ObjectNode uri = c.uri(s);
        if (!uri.has("custom_id")) {
            return null;
        }
        JsonNode customId = uri.get("custom_id");
        if (!customId.isTextual() || customId.textValue().isEmpty()) {
            return AdminResponse.message(400, "custom_id must be an unempty string");
        }
        StoredEntity e = store.snapshot().findUnique("consumers", "custom_id", customId);
        ObjectNode o = Json.object();
        ArrayNode data = o.putArray("data");
        if (e != null) {
            data.add(dao.render(s, e, store.snapshot().nowSeconds()));
        }
        o.putNull("next");
        return AdminResponse.of(200, o);
    }

    /** {@code /tags} and {@code /tags/{tag}}: every tagged entity as {entity_name, entity_id, tag}. */
    private AdminResponse tags(Call c, String only) {
        record Tagged(String key, String entity, String id, String tag) {}
        TreeSet<String> seen = new TreeSet<>();
        List<Tagged> rows = new ArrayList<>();
        for (Schema s : schemas.all()) {
            if (s.field("tags") == null) {
                continue;
            }
            for (StoredEntity e : store.snapshot().list(s.name())) {
                JsonNode tags = e.body().get("tags");
                if (tags == null || !tags.isArray()) {
                    continue;
                }
                for (JsonNode t : tags) {
                    String tag = t.asText();
                    if (only != null && !only.equals(tag)) {
                        continue;
                    }
                    String key = tag + "\u0000" + s.name() + "\u0000" + e.id();
                    if (seen.add(key)) {
                        rows.add(new Tagged(key, s.name(), e.id(), tag));
                    }
                }
            }
        }
        rows.sort((a, b) -> a.key().compareTo(b.key()));
        int size = Pagination.size(c.uriArg("size"));
        String after = Pagination.afterId(c.uriArg("offset"));
        Pagination.Page<Tagged> page = Pagination.page(rows, Tagged::key, size, after, t -> true);
        ObjectNode o = Json.object();
        ArrayNode data = o.putArray("data");
        for (Tagged t : page.items()) {
            ObjectNode row = data.addObject();
            row.put("entity_name", t.entity());
            row.put("entity_id", t.id());
            row.put("tag", t.tag());
        }
        if (page.offset() != null) {
            o.put("offset", page.offset());
            String base = only == null ? "/tags" : "/tags/" + PercentDecoding.escapeUri(only);
            o.put("next", base + "?offset=" + PercentDecoding.escapeUri(page.offset()));
        } else {
            o.putNull("next");
        }
        return AdminResponse.of(200, o);
    }
}
