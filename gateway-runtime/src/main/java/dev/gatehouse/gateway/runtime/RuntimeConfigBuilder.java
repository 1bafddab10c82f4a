package dev.gatehouse.gateway.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.gateway.json.Json;
import dev.gatehouse.gateway.plugin.PluginContext;
import dev.gatehouse.gateway.plugin.PluginDefinition;
import dev.gatehouse.gateway.plugin.PluginHandler;
import dev.gatehouse.gateway.plugin.PluginInstance;
import dev.gatehouse.gateway.plugin.PluginRegistry;
import dev.gatehouse.gateway.proxy.Balancer;
import dev.gatehouse.gateway.proxy.ProxyConsumer;
import dev.gatehouse.gateway.proxy.ProxyRoute;
import dev.gatehouse.gateway.proxy.ProxyService;
import dev.gatehouse.gateway.proxy.UpstreamTarget;
import dev.gatehouse.gateway.proxy.UpstreamTls;
import dev.gatehouse.gateway.router.Router;
import dev.gatehouse.gateway.schema.HttpSubsystem;
import dev.gatehouse.gateway.schema.Schema;
import dev.gatehouse.gateway.store.Snapshot;
import dev.gatehouse.gateway.store.StoredEntity;
import dev.gatehouse.gateway.upstream.Upstreams;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiles a {@link RuntimeConfig} from a snapshot, reusing from the previous one whatever the changed entity types
 * did not touch (the router when no route or service changed, a plugin's handler while its entity is unchanged, a
 * plugin's index while its entities are unchanged).
 */
public final class RuntimeConfigBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(RuntimeConfigBuilder.class);

    /** A handler and the stored plugin body it was made from (bodies are immutable: same object, same config). */
    record BuiltHandler(ObjectNode body, PlannedHandler handler, PluginInstance instance) {}

    private final PluginRegistry plugins;
    private final String workspaceId;
    private final Upstreams upstreams;
    private final ServiceTls serviceTls = new ServiceTls();

    public RuntimeConfigBuilder(PluginRegistry plugins, String workspaceId) {
        this(plugins, workspaceId, null);
    }

    /** @param upstreams the gateway's upstreams (balancers and health), or null for a gateway without them */
    public RuntimeConfigBuilder(PluginRegistry plugins, String workspaceId, Upstreams upstreams) {
        this.upstreams = upstreams;
        this.plugins = plugins;
        this.workspaceId = workspaceId;
    }

    /** Builds from scratch. */
    public RuntimeConfig build(Snapshot snapshot) {
        return build(snapshot, null, null);
    }

    /**
     * @param previous the configuration in use (null: build everything)
     * @param changedTypes entity types changed since {@code previous} (null: unknown, rebuild everything)
     */
    public RuntimeConfig build(Snapshot snapshot, RuntimeConfig previous, Set<String> changedTypes) {
        boolean all = previous == null || changedTypes == null;
        boolean routing = all
                || changedTypes.contains("services")
                || changedTypes.contains("routes")
                || changedTypes.contains("upstreams")
                || changedTypes.contains("targets")
                || changedTypes.contains("certificates") // services' client_certificate and ca_certificates
                || changedTypes.contains("ca_certificates");
        boolean pluginsChanged = all || routing || changedTypes.contains("plugins");

        Router router;
        Map<String, ProxyService> services;
        Map<String, List<String>> routesByService = new HashMap<>();
        if (routing) {
            services = new HashMap<>();
            Map<String, Balancer> balancers = upstreams == null ? Map.of() : upstreams.update(snapshot);
            Set<String> disabled = new HashSet<>();
            for (StoredEntity s : snapshot.list("services")) {
                if (s.body().path("enabled").asBoolean(true)) {
                    services.put(s.id(), service(s.body(), balancers, serviceTls.of(s.body(), snapshot)));
                } else {
                    disabled.add(s.id());
                }
            }
            List<Router.Source> sources = new ArrayList<>();
            for (StoredEntity r : snapshot.list("routes")) {
                String sid = foreignId(r.body(), "service");
                if (sid != null && disabled.contains(sid)) {
                    continue; // Kong leaves routes of disabled services out of the router
                }
                ProxyService svc = sid == null ? null : services.get(sid);
                sources.add(new Router.Source(route(r.body(), svc), r.body()));
            }
            router = Router.build(sources, previous == null ? null : previous.router);
        } else {
            router = previous.router;
            services = previous.services;
        }

        Map<String, ProxyConsumer> byId;
        Map<String, ProxyConsumer> byUsername;
        if (all || changedTypes.contains("consumers")) {
            byId = new HashMap<>();
            byUsername = new HashMap<>();
            for (StoredEntity c : snapshot.list("consumers")) {
                ProxyConsumer pc = new ProxyConsumer(
                        c.id(), text(c.body(), "username"), text(c.body(), "custom_id"), logJson(c.body()));
                byId.put(pc.id(), pc);
                if (pc.username() != null) {
                    byUsername.put(pc.username(), pc);
                }
            }
        } else {
            byId = previous.consumersById;
            byUsername = previous.consumersByUsername;
        }

        Map<String, Object> indexes = new HashMap<>();
        for (PluginDefinition d : plugins.all()) {
            boolean changed = all || d.daos().stream().map(Schema::name).anyMatch(changedTypes::contains);
            Object idx = changed ? d.index(snapshot) : previous.indexes.get(d.name());
            if (idx != null) {
                indexes.put(d.name(), idx);
            }
        }

        Map<String, BuiltHandler> handlers;
        Map<String, PluginPlan> plans;
        PluginPlan global;
        if (pluginsChanged) {
            handlers = handlers(snapshot, previous);
            global = plan(handlers.values(), null, null);
            plans = new HashMap<>();
            Set<String> scoped = new HashSet<>();
            for (BuiltHandler h : handlers.values()) {
                if (h.instance().routeId() != null) {
                    scoped.add("r:" + h.instance().routeId());
                }
                if (h.instance().serviceId() != null) {
                    scoped.add("s:" + h.instance().serviceId());
                }
            }
            for (StoredEntity r : snapshot.list("routes")) {
                String sid = foreignId(r.body(), "service");
                if (scoped.contains("r:" + r.id()) || (sid != null && scoped.contains("s:" + sid))) {
                    plans.put(r.id(), plan(handlers.values(), r.id(), sid));
                }
            }
        } else {
            handlers = previous.handlers;
            plans = previous.plansByRoute;
            global = previous.globalPlan;
        }
        return new RuntimeConfig(
                snapshot.version(), router, services, byId, byUsername, plans, global, indexes, handlers, workspaceId);
    }

    private Map<String, BuiltHandler> handlers(Snapshot snapshot, RuntimeConfig previous) {
        Map<String, BuiltHandler> out = new LinkedHashMap<>();
        for (StoredEntity p : snapshot.list("plugins")) {
            ObjectNode b = p.body();
            if (!b.path("enabled").asBoolean(true) || !HttpSubsystem.includedIn(b.get("protocols"))) {
                continue;
            }
            BuiltHandler old = previous == null ? null : previous.handlers.get(p.id());
            if (old != null && old.body() == b) {
                out.put(p.id(), old);
                continue;
            }
            PluginInstance instance = new PluginInstance(
                    p.id(),
                    text(b, "name"),
                    text(b, "instance_name"),
                    foreignId(b, "route"),
                    foreignId(b, "service"),
                    foreignId(b, "consumer"),
                    strings(b.get("protocols")),
                    b.get("config") instanceof ObjectNode c ? c : Json.object());
            PluginDefinition def = plugins.get(instance.name());
            if (def == null) {
                continue;
            }
            PluginHandler h;
            try {
                h = def.handler(instance);
            } catch (RuntimeException e) {
                LOG.error(
                        "plugin {} ({}) cannot run: {}; its requests get 500", instance.name(), p.id(), e.getMessage());
                h = new FailingHandler();
            }
            if (h != null) {
                out.put(p.id(), new BuiltHandler(b, PlannedHandler.of(h), instance));
            }
        }
        return out;
    }

    /** Fails closed: a plugin that cannot be built must not let requests through unchecked. */
    private static final class FailingHandler implements PluginHandler {
        @Override
        public void access(PluginContext ctx) {
            ctx.response().error(500, "An unexpected error occurred", null);
        }
    }

    /** The plan for a route (or, with both ids null, the global plan). */
    private PluginPlan plan(Iterable<BuiltHandler> handlers, String routeId, String serviceId) {
        record Scopes(
                Map<String, PlannedHandler> rsc,
                Map<String, PlannedHandler> rc,
                Map<String, PlannedHandler> sc,
                Map<String, PlannedHandler> c,
                PlannedHandler[] rsRG) {}
        Map<String, Scopes> byName = new HashMap<>();
        for (BuiltHandler bh : handlers) {
            PluginInstance i = bh.instance();
            boolean routeOk = i.routeId() == null || i.routeId().equals(routeId);
            boolean serviceOk = i.serviceId() == null || i.serviceId().equals(serviceId);
            if (!routeOk || !serviceOk) {
                continue;
            }
            Scopes s = byName.computeIfAbsent(
                    i.name(),
                    n -> new Scopes(
                            new HashMap<>(), new HashMap<>(), new HashMap<>(), new HashMap<>(), new PlannedHandler[4]));
            boolean r = i.routeId() != null;
            boolean sv = i.serviceId() != null;
            String c = i.consumerId();
            if (c != null) {
                (r && sv ? s.rsc() : r ? s.rc() : sv ? s.sc() : s.c()).put(c, bh.handler());
            } else {
                s.rsRG()[r && sv ? 0 : r ? 1 : sv ? 2 : 3] = bh.handler();
            }
        }
        List<PlanEntry> entries = new ArrayList<>();
        for (Map.Entry<String, Scopes> e : byName.entrySet()) {
            Scopes s = e.getValue();
            Map<String, PlannedHandler> withConsumer = new HashMap<>(s.sc());
            withConsumer.putAll(s.rc());
            withConsumer.putAll(s.rsc()); // most specific wins
            PlannedHandler low = s.rsRG()[1] != null ? s.rsRG()[1] : s.rsRG()[2] != null ? s.rsRG()[2] : s.rsRG()[3];
            PluginDefinition def = plugins.get(e.getKey());
            entries.add(new PlanEntry(
                    e.getKey(), def.priority(), Map.copyOf(withConsumer), s.rsRG()[0], Map.copyOf(s.c()), low));
        }
        entries.sort(Comparator.comparingInt((PlanEntry p) -> -p.priority).thenComparing(p -> p.name));
        return entries.isEmpty() ? PluginPlan.EMPTY : new PluginPlan(entries);
    }

    private ProxyService service(ObjectNode b, Map<String, Balancer> balancers, UpstreamTls tls) {
        String protocol = text(b, "protocol");
        UpstreamTarget target = new UpstreamTarget(
                protocol == null ? "http" : protocol,
                text(b, "host"),
                b.path("port").asInt(80));
        JsonNode verify = b.get("tls_verify");
        return new ProxyService(
                text(b, "id"),
                text(b, "name"),
                target,
                text(b, "path"),
                b.path("retries").asInt(5),
                b.path("connect_timeout").asInt(60000),
                b.path("write_timeout").asInt(60000),
                b.path("read_timeout").asInt(60000),
                verify == null || verify.isNull() ? null : verify.asBoolean(),
                logJson(b),
                balancers.isEmpty() ? null : balancers.get(target.host()),
                tls);
    }

    private ProxyRoute route(ObjectNode b, ProxyService service) {
        Set<String> protocols = strings(b.get("protocols"));
        boolean http = protocols.isEmpty() || protocols.contains("http") || protocols.contains("grpc");
        boolean https = protocols.isEmpty() || protocols.contains("https") || protocols.contains("grpcs");
        return new ProxyRoute(
                text(b, "id"),
                text(b, "name"),
                service,
                b.path("strip_path").asBoolean(true),
                b.path("preserve_host").asBoolean(false),
                http,
                https,
                b.path("https_redirect_status_code").asInt(426),
                protocols.contains("grpc") || protocols.contains("grpcs"),
                logJson(b));
    }

    /** The entity as Kong's router and serializer hold it: no null fields, plus {@code ws_id}. */
    private ObjectNode logJson(ObjectNode body) {
        ObjectNode o = Json.object();
        body.properties().forEach(e -> {
            if (!e.getValue().isNull()) {
                o.set(e.getKey(), e.getValue());
            }
        });
        o.put("ws_id", workspaceId);
        return o;
    }

    static String foreignId(ObjectNode b, String field) {
        JsonNode f = b.get(field);
        return f != null && f.isObject() ? f.path("id").asText(null) : null;
    }

    private static String text(ObjectNode b, String field) {
        JsonNode n = b.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    private static Set<String> strings(JsonNode n) {
        Set<String> out = new LinkedHashSet<>();
        if (n != null && n.isArray()) {
            n.forEach(v -> out.add(v.asText()));
        }
        return out;
    }
}
